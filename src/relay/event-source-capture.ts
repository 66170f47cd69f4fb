/**
 * Captures the page's EventSource connections from the relay's own world.
 *
 * The page hook signals each new EventSource synchronously, from inside its constructor, on a
 * private EventTarget handed over at document_start (see `Signal`). Both worlds share the DOM
 * object, so our listeners go on the page's EventSource here, before any of the page's: they see
 * every event first, and they read its data in this world, where the page can patch nothing we
 * call and the string is not copied across worlds.
 *
 * What capture costs the page is what its listener does at dispatch, so it does little: it takes
 * a received event's data (at once, so that a page rewriting the event later cannot change it)
 * and type (its origin once per response), and queues them with the event. The event's time and
 * last event id are read, and its record made and kept, when the page is idle, in short turns
 * (within about DRAIN_TIMEOUT_MS when it never is); records of everything else
 * (connections, opens, errors, the page's own events) follow in the next task. Records keep the
 * order things happened in.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */

import { LIMITS } from '../core/limits';
import type { PageRecord } from '../core/model';
import { Signal } from '../messages/messages';
import { cut, now, received, synthetic, TIME_ORIGIN, type Tracked } from './event-records';

const CONNECTING = 0;
const CLOSED = 2;

/**
 * A page that is never idle still has its events read this often, all that waited at once: a flood
 * then costs it the same work during the flood rather than after, and what waits stays bounded.
 */
const DRAIN_TIMEOUT_MS = 100;
/** Received events between two looks at the clock, to tell whether what waits is overdue. */
const CHECK_EVERY = 256;
/**
 * Chrome dispatches all the events of a chunk of the response in one task (a flood's megabyte is
 * some 20,000 events and a second of the page's time), and nothing else runs until it ends. What
 * waited this long past its due time is then read at once, inside that task: what is held stays
 * bounded, and a watching panel is never much further behind. (At 150 ms a watching panel saw a
 * flood 3× sooner, but the page ran its burst slower: its records were sent inside the burst.)
 */
const LATE_IN_TASK_MS = 1000;
/** Events read between checks of the time (a read costs a few µs). */
const SLICE = 128;
/**
 * At most this long of an idle moment is taken at once: the browser does not end an idle moment
 * when the network's next chunk comes in, so a long one would hold the page's next events back.
 */
const IDLE_TURN_MS = 3;

/** Takes every record of the page's EventSources up to now (at pagehide: no idle moment comes). */
export interface EventSourceCapture {
  drain(): void;
}

export function captureEventSources(emit: (records: PageRecord[]) => void): EventSourceCapture {
  const tracked = new WeakMap<EventTarget, Tracked>();

  /**
   * What waits, in order, five slots each: a received event's connection, event, data, type and
   * origin; or a record made at once: undefined, undefined, the record.
   */
  let waiting: unknown[] = [];
  let next = 0;
  let idleScheduled = false;
  /** When what waits is due, idle or not: DRAIN_TIMEOUT_MS after the first of it was queued. */
  let dueAt = 0;
  let sinceCheck = 0;
  /**
   * Takes what waits in a task of its own, next. Not a timer: a hidden page's timers are held back
   * (Chrome wakes them about once a second).
   */
  const wake = new MessageChannel();
  let wakeSent = false;

  /** Makes the records of up to `count` waiting entries, in order, into `records`. */
  function take(count: number, records: PageRecord[]): void {
    const queue = waiting;
    const end = Math.min(queue.length, next + count * 5);
    for (let i = next; i < end; i += 5) {
      const event = queue[i + 1] as MessageEvent | undefined;
      records.push(
        event === undefined
          ? (queue[i + 2] as PageRecord)
          : received(
              queue[i] as Tracked,
              event,
              queue[i + 2] as string,
              queue[i + 3] as string,
              queue[i + 4] as string,
            ),
      );
      // Let the event go now: a long queue is read over several idle moments.
      queue[i + 1] = undefined;
      queue[i + 2] = undefined;
    }
    next = end;
    if (next >= queue.length) {
      waiting = [];
      next = 0;
    }
  }

  /** Hands records on in batches: each is one message to a watching panel, so fewer is cheaper. */
  function hand(records: PageRecord[]): void {
    for (let at = 0; at < records.length; at += LIMITS.batchRecords)
      emit(at === 0 && records.length <= LIMITS.batchRecords ? records : records.slice(at, at + LIMITS.batchRecords));
  }

  function drain(): void {
    const records: PageRecord[] = [];
    take(Number.POSITIVE_INFINITY, records);
    hand(records);
  }

  function onIdle(deadline: IdleDeadline): void {
    idleScheduled = false;
    if (deadline.didTimeout) {
      drain();
      return;
    }
    const records: PageRecord[] = [];
    const stop = performance.now() + IDLE_TURN_MS;
    while (next < waiting.length && deadline.timeRemaining() > 1 && performance.now() < stop) take(SLICE, records);
    hand(records);
    if (next < waiting.length) scheduleIdle();
  }

  function scheduleIdle(): void {
    idleScheduled = true;
    requestIdleCallback(onIdle, { timeout: DRAIN_TIMEOUT_MS });
  }

  wake.port1.onmessage = () => {
    wakeSent = false;
    drain();
  };

  function soon(): void {
    if (wakeSent) return;
    wakeSent = true;
    wake.port2.postMessage(null);
  }

  /** A record made now, kept in the next task, after what waits before it. */
  function ready(record: PageRecord): void {
    const at = waiting.length;
    if (at === 0) dueAt = performance.now() + DRAIN_TIMEOUT_MS;
    waiting[at] = undefined;
    waiting[at + 1] = undefined;
    waiting[at + 2] = record;
    waiting[at + 3] = undefined;
    waiting[at + 4] = undefined;
    soon();
  }

  function onEvent(this: EventSource, event: Event): void {
    const connection = tracked.get(this);
    if (connection === undefined) return;
    if (!event.isTrusted) {
      ready(synthetic(connection, event));
      return;
    }
    const type = event.type;
    // A message the server named `open` or `error` is a MessageEvent; the browser's own are not.
    if (type === 'open' && !(event instanceof MessageEvent)) {
      connection.origin = undefined;
      const record: PageRecord = {
        kind: 'lifecycle',
        time: TIME_ORIGIN + event.timeStamp,
        conn: connection.conn,
        state: 'open',
      };
      if (connection.attempts > 0) record.attempt = connection.attempts;
      connection.attempts = 0;
      ready(record);
      return;
    }
    if (type === 'error' && !(event instanceof MessageEvent)) {
      const time = TIME_ORIGIN + event.timeStamp;
      if (this.readyState === CONNECTING) {
        connection.attempts++;
        ready({ kind: 'lifecycle', time, conn: connection.conn, state: 'reconnecting', attempt: connection.attempts });
      } else if (this.readyState === CLOSED) {
        ready({ kind: 'lifecycle', time, conn: connection.conn, state: 'failed' });
      }
      return;
    }
    // The browser's own MessageEvent: its data is a string. The rest waits.
    connection.origin ??= cut((event as MessageEvent).origin, LIMITS.urlChars);
    const at = waiting.length;
    waiting[at] = connection;
    waiting[at + 1] = event;
    waiting[at + 2] = (event as MessageEvent).data;
    waiting[at + 3] = type;
    waiting[at + 4] = connection.origin;
    if (at === 0) dueAt = performance.now() + DRAIN_TIMEOUT_MS;
    else if (++sinceCheck === CHECK_EVERY) {
      // A page never idle (the idle callback's timeout is a timer, held back in a hidden page), or
      // in a long task: nothing else runs until it ends.
      sinceCheck = 0;
      const late = performance.now() - dueAt;
      if (late > LATE_IN_TASK_MS) drain();
      else if (late > 0) soon();
    }
    if (!idleScheduled) scheduleIdle();
  }

  function created(source: EventSource, conn: number): void {
    tracked.set(source, { conn, attempts: 0 });
    for (const type of ['open', 'message', 'error']) source.addEventListener(type, onEvent, true);
    ready({
      kind: 'connection',
      time: now(),
      conn,
      type: 'eventsource',
      url: cut(source.url, LIMITS.urlChars),
      withCredentials: source.withCredentials,
    });
  }

  /** The type the next listen signal is about (sent just before it). */
  let listenType: string | undefined;

  function onSignal(event: Event): void {
    if (event.type === Signal.listenType) {
      listenType = (event as KeyboardEvent).key;
      return;
    }
    const source = (event as MouseEvent).relatedTarget;
    const conn = (event as MouseEvent).detail;
    if (!(source instanceof EventSource) || !Number.isSafeInteger(conn) || conn < 1) return;
    if (event.type === Signal.created) {
      if (!tracked.has(source)) created(source, conn);
      return;
    }
    const connection = tracked.get(source);
    if (!connection) return;
    if (event.type === Signal.replayed) {
      tracked.delete(source);
      return;
    }
    if (event.type === Signal.close) {
      if (source.readyState !== CLOSED) ready({ kind: 'lifecycle', time: now(), conn, state: 'closed' });
      return;
    }
    const type = listenType;
    listenType = undefined;
    if (type === undefined) return;
    source.addEventListener(type, onEvent, true);
    ready({ kind: 'listen', time: now(), conn, type: cut(type, LIMITS.shortTextChars) });
  }

  const onHandover = (event: Event) => {
    const node = (event as MouseEvent).relatedTarget;
    if (!node) return;
    event.stopImmediatePropagation();
    document.removeEventListener(Signal.handover, onHandover, true);
    for (const type of [Signal.created, Signal.close, Signal.listenType, Signal.listen, Signal.replayed])
      node.addEventListener(type, onSignal);
  };
  document.addEventListener(Signal.handover, onHandover, true);
  return { drain };
}
