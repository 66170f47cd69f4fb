/**
 * Sees every EventSource connection of this frame, without the page noticing.
 *
 * `window.EventSource` becomes a Proxy of the native constructor (`prototype.constructor` points
 * back at it), so `instanceof`, `name`, `length`, the constants and instances are the native ones
 * and instances get no own properties. Each new instance gets our listeners inside the
 * constructor, before the page can add any, so they run first and see every event, including
 * those the page handles with `es.onmessage = f`: for its messages a listener that runs no script
 * (the queue's bound push, ./event-source-queue), and for `open` and `error` one that notes the
 * state they leave it in. Named event types are only dispatched to listeners of that type, so when
 * the page first listens for one (`addEventListener`), ours goes on just before the page's.
 * `close()` is noted to tell "the page closed it" from the rest, and `initMessageEvent` and
 * `initEvent`, which would rewrite an event still queued, have the queue read first.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-eventsource-interface
 */

import { LIMITS } from '../core/limits';
import type { PageRecord } from '../core/model';
import type { ReplayRule } from '../core/replay-rule';
import { readBranded } from './brands';
import { cutText, isMessageEvent, nullProto } from './event-columns';
import { createDelivery } from './event-delivery';
import { createEventQueue, type Watched } from './event-source-queue';
import { accessor, apply, construct, natives, now, read, weakGet, weakSet } from './natives';
import type { RecordSink } from './relay-channel';
import { createEventSourceReplay } from './replay/event-source-replay';
import type { ReplayBook } from './replay/replay-book';
import type { SyncLine } from './signal';
import { callNative, disguise, replaceValue } from './stealth';
import { ownValue } from './stream-request';

const CONNECTING = 0;
const CLOSED = 2;

/** What the page hook's EventSource capture answers to: the relay's word that a panel watches, and its acknowledgements. */
export interface EventSourceCapture {
  watched(on: boolean): void;
  acked(n: number): void;
}

/** How long, from the hook's start, an EventSource is watched in case a rule comes for it; and how many at most. */
const EARLY_MS = 2000;
const EARLY_MAX = 16;

/** Types we listen for on every instance from the start. */
const BUILT_IN_TYPES: Record<string, true> = { __proto__: null, open: true, message: true, error: true } as never;

export function hookEventSource(sink: RecordSink, line: SyncLine, book: ReplayBook): EventSourceCapture | undefined {
  const NativeEventSource = natives.EventSource;
  if (!NativeEventSource) return undefined;
  const proto = NativeEventSource.prototype;
  const nativeAddEventListener = natives.addEventListener;
  const nativeClose = proto.close;
  const tracked = new WeakMap<object, Watched>();
  const delivery = createDelivery(
    (message) => sink.post(message),
    line,
    () => queue.readNow(),
  );
  const queue = createEventQueue(delivery.post);
  const replay = createEventSourceReplay(book, sink, NativeEventSource);
  const NativeURL = URL;
  const urlHref = accessor(URL.prototype, 'href');
  const baseURI = accessor(Node.prototype, 'baseURI');

  /** The rule that answers this `new EventSource(…)`, with its URL resolved; none for a URL the page's own object gives. */
  function replayed(args: unknown[]): { rule: ReplayRule; url: string; withCredentials: boolean } | undefined {
    const input = args[0];
    const url =
      typeof input === 'string'
        ? read<string>(
            urlHref,
            construct(NativeURL, [input, natives.document ? read<string>(baseURI, natives.document) : undefined]),
          )
        : readBranded<string>(urlHref, input);
    const rule = url === undefined ? undefined : book.ruleFor(url);
    if (!rule || url === undefined) return undefined;
    const init = args[1];
    const withCredentials = typeof init === 'object' && init !== null && ownValue(init, 'withCredentials') === true;
    return { rule, url, withCredentials };
  }

  const urlOrigin = accessor(URL.prototype, 'origin');
  const originOf = (url: string) => read<string>(urlOrigin, construct(NativeURL, [url]));
  const documentUrl = accessor(Document.prototype, 'URL');
  const ownOrigin = globalThis.origin;
  /** The document's origin, when its URL names it too (not an opaque or inherited one); asked only when a rule answers. */
  function documentOrigin(): string | undefined {
    try {
      const doc = natives.document;
      return doc && originOf(read<string>(documentUrl, doc)) === ownOrigin ? ownOrigin : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Whether the browser itself serves the rule to this URL: Firefox's worker redirects an
   * EventSource's request to its document's URL and writes the recording into the answer. Only
   * for the document's own origin: a cross-origin redirect fails CORS (measured), so those get
   * the stand-in.
   */
  function servedNatively(url: string): boolean {
    if (!book.nativeEventSource) return false;
    const origin = documentOrigin();
    return origin !== undefined && originOf(url) === origin;
  }

  function replayedNatively(rule: ReplayRule, conn: number): void {
    queue.record({ kind: 'replay', time: now(), conn, rule: rule.id, name: rule.name, pace: rule.pace, native: true });
  }

  /**
   * EventSources made before the tab's replay rules reached this document (they come over the
   * relay a few milliseconds after it starts): bounded, in its first moments only. When the rules
   * come, one a rule answers whose server has not answered yet is taken over.
   */
  const early: { instance: EventSource; conn: number; answered: boolean }[] = [];
  const earlyUntil = now() + EARLY_MS;
  const nativeReadyState = accessor(proto, 'readyState');
  const nativeUrl = accessor(proto, 'url');
  const nativeWithCredentials = accessor(proto, 'withCredentials');
  book.whenFirst(() => {
    for (let i = 0; i < early.length; i++) {
      const { instance, conn, answered } = early[i] as (typeof early)[number];
      const url = read<string>(nativeUrl, instance);
      const rule = book.ruleFor(url);
      // The worker had the rule before this document started, and serves this one's requests.
      const native = rule !== undefined && servedNatively(url);
      if (native) replayedNatively(rule, conn);
      if (!rule || native || answered || read<number>(nativeReadyState, instance) !== 0) continue;
      // Its records so far go first; from here on the stand-in records it.
      queue.readNow();
      const watched = weakGet(tracked, instance);
      if (watched) watched.replayed = true;
      replay.takeOver(instance, rule, conn);
    }
    early.length = 0;
  });

  function watchEarly(instance: EventSource, conn: number): void {
    if (early.length >= EARLY_MAX || now() > earlyUntil) return;
    const entry = { instance, conn, answered: false };
    early[early.length] = entry;
    const answered = () => {
      entry.answered = true;
    };
    apply(nativeAddEventListener, instance, ['open', answered]);
    apply(nativeAddEventListener, instance, ['error', answered]);
  }

  /** Our listener for `open` and `error`: the state they leave the connection in is read as they come. */
  function onLife(this: EventSource, event: Event): void {
    const watched = weakGet(tracked, this);
    if (!watched || watched.replayed) return;
    if (read(natives.event.isTrusted, event) !== true || isMessageEvent(event)) {
      queue.event(watched, event);
      return;
    }
    const time = natives.timeOrigin + read<number>(natives.event.timeStamp, event);
    const conn = watched.conn;
    if (read<string>(natives.event.type, event) === 'open') {
      // Every field an own one, set as the literal is made: no setter a page adds to Object.prototype runs.
      const attempt = watched.attempts;
      watched.attempts = 0;
      const open: PageRecord = { kind: 'lifecycle', time, conn, state: 'open' };
      queue.record(attempt > 0 ? { ...open, attempt } : open);
      return;
    }
    const state = read<number>(nativeReadyState, this);
    if (state === CONNECTING) {
      watched.attempts++;
      queue.record({ kind: 'lifecycle', time, conn, state: 'reconnecting', attempt: watched.attempts });
    } else if (state === CLOSED) {
      watched.closed = true;
      queue.record({ kind: 'lifecycle', time, conn, state: 'failed' });
    }
  }

  function watch(instance: EventSource, conn: number): void {
    const watched: Watched = nullProto({
      conn,
      replayed: false,
      attempts: 0,
      origin: undefined,
      listening: { __proto__: null } as never,
      closed: false,
    });
    weakSet(tracked, instance, watched);
    queue.watch(instance, watched, 'message');
    apply(nativeAddEventListener, instance, ['open', onLife, true]);
    apply(nativeAddEventListener, instance, ['error', onLife, true]);
    queue.record({
      kind: 'connection',
      time: now(),
      conn,
      type: 'eventsource',
      url: cutText(read<string>(nativeUrl, instance), LIMITS.urlChars),
      withCredentials: read<boolean>(nativeWithCredentials, instance),
    });
  }

  const constructTraps: ProxyHandler<typeof EventSource> = {
    construct(target, args, newTarget) {
      let native: ReplayRule | undefined;
      if (!book.empty) {
        let answer: ReturnType<typeof replayed>;
        try {
          answer = replayed(args);
        } catch {
          // A URL the native will refuse, with its own error.
          answer = undefined;
        }
        if (answer && servedNatively(answer.url)) native = answer.rule;
        else if (answer) return replay.construct(answer.rule, answer.url, answer.withCredentials, newTarget as never);
      }
      const instance = callNative(
        () => construct(target, args, newTarget) as EventSource,
        constructTraps.construct,
        args,
        [0, 1],
      );
      try {
        const conn = sink.nextConnection();
        watch(instance, conn);
        if (native) replayedNatively(native, conn);
        if (book.empty && book.waiting) watchEarly(instance, conn);
      } catch {
        // The page gets its EventSource whatever happens to our bookkeeping.
      }
      return instance;
    },
  };
  const WrappedEventSource = disguise(NativeEventSource, constructTraps);

  const closeTraps: ProxyHandler<typeof nativeClose> = {
    apply(target, self, args) {
      if (replay.close(self)) return undefined;
      const watched = weakGet(tracked, self);
      if (watched && !watched.replayed) {
        try {
          if (read<number>(nativeReadyState, self as EventSource) !== CLOSED)
            queue.record({ kind: 'lifecycle', time: now(), conn: watched.conn, state: 'closed' });
          watched.closed = true;
        } catch {
          // As above.
        }
      }
      return callNative(() => apply(target, self, args), closeTraps.apply, args, []);
    },
  };

  const addListenerTraps: ProxyHandler<typeof nativeAddEventListener> = {
    apply(target, self, args) {
      const watched = weakGet(tracked, self);
      const type = args[0];
      if (watched && typeof type === 'string' && !BUILT_IN_TYPES[type] && !watched.listening[type]) {
        try {
          watched.listening[type] = true;
          queue.watch(self as EventSource, watched, type);
          queue.record({ kind: 'listen', time: now(), conn: watched.conn, type: cutText(type, LIMITS.shortTextChars) });
        } catch {
          // Never let our bookkeeping stop the page's listener.
        }
      }
      return callNative(() => apply(target, self, args), addListenerTraps.apply, args, [0, 2]);
    },
  };

  /**
   * `initMessageEvent` and `initEvent` rewrite an event that is not being dispatched (and make it
   * untrusted): one of an EventSource of ours may still wait in the queue, unread.
   */
  const eventTarget = natives.event.target;
  const initTraps: ProxyHandler<(...args: unknown[]) => void> = {
    apply(target, self, args) {
      try {
        if (typeof self === 'object' && self !== null && weakGet(tracked, read(eventTarget, self))) queue.readNow();
      } catch {
        // Not an event: the native says so.
      }
      return callNative(() => apply(target, self, args), initTraps.apply, args, [0, 3, 4, 5, 6, 7]);
    },
  };
  const messageProto = natives.MessageEvent.prototype as unknown as Record<string, (...args: unknown[]) => void>;
  const eventProto = Event.prototype as unknown as Record<string, (...args: unknown[]) => void>;
  if (typeof messageProto.initMessageEvent === 'function')
    replaceValue(messageProto, 'initMessageEvent', disguise(messageProto.initMessageEvent, initTraps));
  if (typeof eventProto.initEvent === 'function')
    replaceValue(eventProto, 'initEvent', disguise(eventProto.initEvent, initTraps));

  replaceValue(proto, 'constructor', WrappedEventSource);
  replaceValue(proto, 'close', disguise(nativeClose, closeTraps));
  replaceValue(EventTarget.prototype, 'addEventListener', disguise(nativeAddEventListener, addListenerTraps));
  replaceValue(globalThis, 'EventSource', WrappedEventSource);
  return { watched: queue.watched, acked: delivery.acked };
}
