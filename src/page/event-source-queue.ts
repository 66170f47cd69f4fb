/**
 * The page's EventSource events, queued at dispatch by a listener that runs no script, and read
 * when the page has stopped being busy with them.
 *
 * What capture costs the page is felt at dispatch, so the listener on each EventSource is
 * `Array.prototype.push` bound to our queue: the browser calls a native, no script of ours runs,
 * and nothing has to be made for another world. Measured in Chromium against a listener of the
 * relay's (its isolated world): 0.4–0.9 µs of the page's busy time added per event instead of
 * 3.2–4.2 µs (docs/benchmarks.md, "page-world bound native push").
 *
 * The events are read later (when: ./read-schedule), with the natives saved at document_start:
 * their type, data, last event id, origin (once per response) and time, a few hundred
 * nanoseconds each, into columns (./event-columns) that go to the relay (./event-delivery), where
 * the records are made. A trusted event cannot change once dispatched, except
 * by `initMessageEvent` or `initEvent` (which also make it untrusted): the hook reads everything
 * queued before either runs (`readNow`). Records that are not received events (a connection, its
 * opens, errors, closes, the named types the page listens for, the page's own events) are queued
 * in the same order.
 * The queue and everything in it have no prototype: a setter a page adds to `Array.prototype`
 * never sees what we keep.
 */

import { LIMITS } from '../core/limits';
import type { PageRecord } from '../core/model';
import type { PageToRelay } from '../messages/messages';
import { cutText, EventColumns, list, messageFields, nullProto, pageOwnEvent } from './event-columns';
import { apply, natives, read, weakGet } from './natives';
import { IDLE_TURN_MS, scheduleReading } from './read-schedule';

/** What the hook knows of one of the page's EventSources. */
export interface Watched {
  conn: number;
  /** A replay rule took it over (it was made before the rules came): the stand-in records itself. */
  replayed: boolean;
  /** Reconnects in a row since the last `open`. */
  attempts: number;
  /** Its events' origin: one response's events share it, so it is read once per response. */
  origin?: string;
  /** Named types it is listened for (a null-prototype set). */
  listening: Record<string, true>;
  closed: boolean;
}

export interface EventQueue {
  /** Starts queueing a new EventSource's messages, and those of a named type when the page first listens for one. */
  watch(source: EventSource, watched: Watched, type: string): void;
  /** An event of a source's read later (the page's own, or a server's event named `open` or `error`). */
  event(watched: Watched, event: Event): void;
  /** A record made now, kept in order with the events queued before it. */
  record(record: PageRecord): void;
  /** Reads everything queued and posts it, now. */
  readNow(): void;
  /** Whether a panel watches: then events are read at the first idle moment. */
  watched(on: boolean): void;
}

/** Entries read between two looks at the clock. */
const SLICE = 128;

export function createEventQueue(post: (message: PageToRelay) => void): EventQueue {
  const bind = Function.prototype.bind;
  const weakMapSet = WeakMap.prototype.set;
  const perfNow = () => apply(natives.now, natives.performance, []) as number;
  const timeOrigin = natives.timeOrigin;
  const addListener = natives.addEventListener;
  const get = natives.event;

  /**
   * The one queue, for the page's life: emptied by setting its length, never replaced, since its
   * listeners must stay the first on each EventSource (a page's listener that stops the event's
   * propagation would otherwise keep it from us).
   */
  const queue = list<unknown>();
  /**
   * Entries go in pairs: whose (an EventSource's `Watched`, or OURS for a record of ours), then
   * the event or record. Each EventSource's listener is the queue's push bound to its own
   * `Watched` as well, so whose an event is never depends on the event's target, which a page
   * that dispatches it again elsewhere would change.
   */
  const nativePush = Array.prototype.push;
  const pusher = (whose: object) => apply(bind, nativePush, [queue, whose]) as (entry: unknown) => number;
  const OURS = nullProto({});
  const pushOurs = pusher(OURS);
  const pushers = new WeakMap<object, (entry: unknown) => number>();
  /** The next entry to read. */
  let next = 0;
  /** Sources not closed, whose arms go on again once the queue is read. */
  let sources = list<{ source: EventSource; watched: Watched; types: string[] }>();
  const byConn: Record<number, Watched> = nullProto({});

  const schedule = scheduleReading({
    next: () => next,
    length: () => queue.length,
    read(upTo, more) {
      const batch = new EventColumns(post);
      const stop = perfNow() + IDLE_TURN_MS;
      while (next < upTo && next < queue.length && more() && perfNow() < stop)
        readUpTo(next + 2 * SLICE < upTo ? next + 2 * SLICE : upTo, batch);
      batch.send();
    },
    emptied,
    live() {
      pruned();
      return sources.length > 0;
    },
  });

  /** The arm (./read-schedule): a listener of ours that runs once, at the first event queued since the queue was read. */
  const armOptions = nullProto({ capture: true, once: true });
  const onArm = () => schedule.arm();
  function arm(source: EventSource, type: string): void {
    apply(addListener, source, [type, onArm, armOptions]);
  }
  function pruned(): void {
    const kept = list<(typeof sources)[number]>();
    for (let i = 0; i < sources.length; i++) {
      const entry = sources[i] as (typeof sources)[number];
      if (!entry.watched.closed) kept[kept.length] = entry;
    }
    sources = kept;
  }

  /** The queue is read to its end: empty it, and arm again. */
  function emptied(): void {
    queue.length = 0;
    next = 0;
    pruned();
    for (let i = 0; i < sources.length; i++) {
      const entry = sources[i] as (typeof sources)[number];
      for (let t = 0; t < entry.types.length; t++) arm(entry.source, entry.types[t] as string);
    }
  }

  /** A record of ours, read: a new response's events have their origin read again. */
  function ourRecord(record: PageRecord, batch: EventColumns): void {
    batch.record(record);
    if (record.kind === 'lifecycle' && record.state === 'open') {
      const watched = byConn[record.conn];
      if (watched) watched.origin = undefined;
    }
  }

  /** Reads the entries below `upTo` (a pair's end: records and events come in pairs) into `batch`, which posts itself whenever it is full. */
  function readUpTo(upTo: number, batch: EventColumns): void {
    const end = upTo < queue.length ? upTo : queue.length;
    for (; next < end; next += 2) {
      const whose = queue[next] as object;
      const entry = queue[next + 1] as object;
      // Let it go now: a long queue is read over several idle moments.
      queue[next] = undefined;
      queue[next + 1] = undefined;
      if (whose === OURS) ourRecord(entry as PageRecord, batch);
      else readEvent(whose as Watched, entry as Event, batch);
    }
  }

  function readEvent(watched: Watched, event: Event, batch: EventColumns): void {
    if (watched.replayed) return;
    const time = timeOrigin + read<number>(get.timeStamp, event);
    const type = cutText(read<string>(get.type, event), LIMITS.shortTextChars);
    if (read<boolean>(get.isTrusted, event) !== true) {
      ourRecord(pageOwnEvent(watched.conn, time, type, event), batch);
      return;
    }
    watched.origin ??= cutText(read<string>(messageFields.origin, event), LIMITS.urlChars);
    const data = read<string>(messageFields.data, event);
    batch.event(watched.conn, time, type, data, read<string>(messageFields.lastEventId, event), watched.origin);
  }

  function readNow(): void {
    if (next >= queue.length) return;
    const batch = new EventColumns(post);
    readUpTo(queue.length, batch);
    batch.send();
    emptied();
  }

  return {
    watch(source, watched, type) {
      // The pusher first: it must stay the first listener of ours, ahead of the page's.
      let push = weakGet(pushers, source);
      if (!push) {
        push = pusher(watched);
        apply(weakMapSet, pushers, [source, push]);
      }
      apply(addListener, source, [type, push, true]);
      let entry: (typeof sources)[number] | undefined;
      for (let i = 0; i < sources.length && !entry; i++)
        if ((sources[i] as (typeof sources)[number]).source === source) entry = sources[i];
      if (!entry) {
        entry = nullProto({ source, watched, types: list<string>() });
        sources[sources.length] = entry;
        byConn[watched.conn] = watched;
      }
      entry.types[entry.types.length] = type;
      arm(source, type);
      schedule.started();
    },
    event(watched, event) {
      schedule.records(pusher(watched)(event));
    },
    record(record) {
      schedule.records(pushOurs(nullProto(record)));
    },
    readNow,
    watched: schedule.watched,
  };
}
