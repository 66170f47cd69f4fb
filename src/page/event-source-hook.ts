/**
 * Lets the relay see every EventSource connection of this frame, without the page noticing.
 *
 * `window.EventSource` becomes a Proxy of the native constructor (`prototype.constructor` points
 * back at it), so `instanceof`, `name`, `length`, the constants and instances are the native ones
 * and instances get no own properties. Each new instance is signalled to the relay synchronously,
 * inside the constructor, so the relay's listeners for `open`, `message` and `error` go on before
 * the page can add any: they run first and see every event, including those the page handles with
 * `es.onmessage = f`. Named event types are only dispatched to listeners of that type, so when the
 * page first listens for one (`addEventListener`), the relay is told just before the page's
 * listener goes on. `close()` is signalled to tell "the page closed it" from the rest.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-eventsource-interface
 */

import type { ReplayRule } from '../core/replay-rule';
import { Signal } from '../messages/messages';
import { readBranded } from './brands';
import { accessor, apply, construct, natives, now, read, weakGet, weakSet } from './natives';
import type { RecordSink } from './relay-channel';
import { createEventSourceReplay } from './replay/event-source-replay';
import type { ReplayBook } from './replay/replay-book';
import type { SignalSender } from './signal';
import { callNative, disguise, replaceValue } from './stealth';
import { ownValue } from './stream-request';

interface Tracked {
  conn: number;
  /** Named types the relay listens for already (a null-prototype set). */
  listening: Record<string, true>;
}

/** How long, from the hook's start, an EventSource is watched in case a rule comes for it; and how many at most. */
const EARLY_MS = 2000;
const EARLY_MAX = 16;

/** Types the relay listens for on every instance from the start. */
const BUILT_IN_TYPES: Record<string, true> = { __proto__: null, open: true, message: true, error: true } as never;

export function hookEventSource(sink: RecordSink, signal: SignalSender, book: ReplayBook): void {
  const NativeEventSource = natives.EventSource;
  if (!NativeEventSource) return;
  const proto = NativeEventSource.prototype;
  const nativeAddEventListener = natives.addEventListener;
  const nativeClose = proto.close;
  const tracked = new WeakMap<object, Tracked>();
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
    sink.add({ kind: 'replay', time: now(), conn, rule: rule.id, name: rule.name, pace: rule.pace, native: true }, 0);
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
  book.whenFirst(() => {
    for (let i = 0; i < early.length; i++) {
      const { instance, conn, answered } = early[i] as (typeof early)[number];
      const url = read<string>(nativeUrl, instance);
      const rule = book.ruleFor(url);
      // The worker had the rule before this document started, and serves this one's requests.
      const native = rule !== undefined && servedNatively(url);
      if (native) replayedNatively(rule, conn);
      if (!rule || native || answered || read<number>(nativeReadyState, instance) !== 0) continue;
      signal(Signal.replayed, instance, conn);
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
        weakSet(tracked, instance, { conn, listening: { __proto__: null } as never });
        signal(Signal.created, instance, conn);
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
      const connection = weakGet(tracked, self);
      if (connection) {
        try {
          signal(Signal.close, self as EventSource, connection.conn);
        } catch {
          // As above.
        }
      }
      return callNative(() => apply(target, self, args), closeTraps.apply, args, []);
    },
  };

  const addListenerTraps: ProxyHandler<typeof nativeAddEventListener> = {
    apply(target, self, args) {
      const connection = weakGet(tracked, self);
      const type = args[0];
      if (connection && typeof type === 'string' && !BUILT_IN_TYPES[type] && !connection.listening[type]) {
        try {
          connection.listening[type] = true;
          signal.listenType(type);
          signal(Signal.listen, self as EventSource, connection.conn);
        } catch {
          // Never let our bookkeeping stop the page's listener.
        }
      }
      return callNative(() => apply(target, self, args), addListenerTraps.apply, args, [0, 2]);
    },
  };

  replaceValue(proto, 'constructor', WrappedEventSource);
  replaceValue(proto, 'close', disguise(nativeClose, closeTraps));
  replaceValue(EventTarget.prototype, 'addEventListener', disguise(nativeAddEventListener, addListenerTraps));
  replaceValue(globalThis, 'EventSource', WrappedEventSource);
}
