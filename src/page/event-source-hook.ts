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
import { Signal } from '../messages/messages';
import { apply, construct, natives, weakGet, weakSet } from './natives';
import type { RecordSink } from './relay-channel';
import type { SignalSender } from './signal';
import { callNative, disguise, replaceValue } from './stealth';

interface Tracked {
  conn: number;
  /** Named types the relay listens for already (a null-prototype set). */
  listening: Record<string, true>;
}

/** Types the relay listens for on every instance from the start. */
const BUILT_IN_TYPES: Record<string, true> = { __proto__: null, open: true, message: true, error: true } as never;

export function hookEventSource(sink: RecordSink, signal: SignalSender): void {
  const NativeEventSource = natives.EventSource;
  if (!NativeEventSource) return;
  const proto = NativeEventSource.prototype;
  const nativeAddEventListener = natives.addEventListener;
  const nativeClose = proto.close;
  const tracked = new WeakMap<object, Tracked>();

  const constructTraps: ProxyHandler<typeof EventSource> = {
    construct(target, args, newTarget) {
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
      } catch {
        // The page gets its EventSource whatever happens to our bookkeeping.
      }
      return instance;
    },
  };
  const WrappedEventSource = disguise(NativeEventSource, constructTraps);

  const closeTraps: ProxyHandler<typeof nativeClose> = {
    apply(target, self, args) {
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
