/**
 * Sees every EventSource connection of this frame without the page noticing.
 *
 * `window.EventSource` becomes a Proxy of the native constructor (`prototype.constructor` points
 * back at it), so `instanceof`, `name`, `length`, the constants and instances are the native ones
 * and instances get no own properties. Each new instance gets our capturing listeners for `open`,
 * `message` and `error` before the page can add any, so they run first and see every event —
 * including those the page handles with `es.onmessage = f`. Named event types are only dispatched
 * to listeners of that type, so when the page first listens for one (`addEventListener`), ours is
 * added just before the page's. `close()` is wrapped to tell "the page closed it" from the rest.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#the-eventsource-interface
 */
import type { PageRecord } from '../model';
import { LIMITS, utf8Length } from '../model';
import { accessor, apply, construct, natives, now, read, slice, weakGet, weakSet } from './natives';
import type { RecordSink } from './relay-channel';
import { callNative, disguise, replaceValue } from './stealth';

const CONNECTING = 0;
const CLOSED = 2;

interface Tracked {
  conn: number;
  /** Named types we listen for already (a null-prototype set). */
  listening: Record<string, true>;
  /** Reconnects in a row since the last `open`. */
  attempts: number;
}

/** Types whose listeners every instance gets at construction. */
const BUILT_IN_TYPES: Record<string, true> = { __proto__: null, open: true, message: true, error: true } as never;

function cut(text: string, max: number): string {
  return text.length > max ? slice(text, 0, max) : text;
}

export function hookEventSource(sink: RecordSink): void {
  const NativeEventSource = natives.EventSource;
  if (!NativeEventSource) return;
  const proto = NativeEventSource.prototype;
  const readyState = accessor(proto, 'readyState');
  const url = accessor(proto, 'url');
  const withCredentials = accessor(proto, 'withCredentials');
  const nativeAddEventListener = natives.addEventListener;
  const nativeClose = proto.close;

  const tracked = new WeakMap<object, Tracked>();

  function listen(target: EventSource, type: string): void {
    apply(nativeAddEventListener, target, [type, onEvent, true]);
  }

  function onEvent(this: EventSource, event: Event): void {
    try {
      const connection = weakGet(tracked, this);
      if (connection) capture(this, connection, event);
    } catch {
      // Whatever goes wrong here must never reach the page.
    }
  }

  function capture(target: EventSource, connection: Tracked, event: Event): void {
    const type = read<string>(natives.event.type, event);
    const time = natives.timeOrigin + read<number>(natives.event.timeStamp, event);
    const trusted = read<boolean>(natives.event.isTrusted, event);
    const conn = connection.conn;
    if (trusted && type === 'open') {
      const record: PageRecord = { kind: 'lifecycle', time, conn, state: 'open' };
      if (connection.attempts > 0) record.attempt = connection.attempts;
      connection.attempts = 0;
      sink.add(record, 0);
      return;
    }
    if (trusted && type === 'error') {
      const state = read<number>(readyState, target);
      if (state === CONNECTING) {
        connection.attempts++;
        sink.add({ kind: 'lifecycle', time, conn, state: 'reconnecting', attempt: connection.attempts }, 0);
      } else if (state === CLOSED) {
        sink.add({ kind: 'lifecycle', time, conn, state: 'failed' }, 0);
      }
      return;
    }
    let data = '';
    let lastEventId = '';
    let origin = '';
    try {
      const value = read(natives.messageEvent.data, event);
      // A page's own MessageEvent may carry any value; converting it would run page code.
      data = typeof value === 'string' ? value : `[${typeof value}]`;
      lastEventId = read<string>(natives.messageEvent.lastEventId, event);
      origin = read<string>(natives.messageEvent.origin, event);
    } catch {
      // Not a MessageEvent: an Event the page dispatched itself. Its type is all it has.
    }
    const record: PageRecord = {
      kind: 'event',
      time,
      conn,
      type: cut(type, LIMITS.shortTextChars),
      data,
      lastEventId: cut(lastEventId, LIMITS.shortTextChars),
      origin: cut(origin, LIMITS.urlChars),
    };
    if (data.length > LIMITS.eventDataChars) {
      record.data = slice(data, 0, LIMITS.eventDataChars);
      record.originalSize = utf8Length(data);
    }
    if (!trusted) record.synthetic = true;
    sink.add(record, record.data.length);
  }

  function track(target: EventSource): void {
    const conn = sink.nextConnection();
    weakSet(tracked, target, { conn, listening: { __proto__: null } as never, attempts: 0 });
    listen(target, 'open');
    listen(target, 'message');
    listen(target, 'error');
    const address = cut(read<string>(url, target), LIMITS.urlChars);
    sink.add(
      {
        kind: 'connection',
        time: now(),
        conn,
        type: 'eventsource',
        url: address,
        withCredentials: read<boolean>(withCredentials, target),
      },
      address.length,
    );
  }

  const constructTraps: ProxyHandler<typeof EventSource> = {
    construct(target, args, newTarget) {
      const instance = callNative(
        () => construct(target, args, newTarget) as EventSource,
        constructTraps.construct,
        args,
        [0, 1],
      );
      try {
        track(instance);
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
      const wasClosed = connection ? read<number>(readyState, self) === CLOSED : true;
      const result = callNative(() => apply(target, self, args), closeTraps.apply, args, []);
      if (connection && !wasClosed)
        sink.add({ kind: 'lifecycle', time: now(), conn: connection.conn, state: 'closed' }, 0);
      return result;
    },
  };

  const addListenerTraps: ProxyHandler<typeof nativeAddEventListener> = {
    apply(target, self, args) {
      const connection = weakGet(tracked, self);
      const type = args[0];
      if (connection && typeof type === 'string' && !BUILT_IN_TYPES[type] && !connection.listening[type]) {
        try {
          connection.listening[type] = true;
          listen(self, type);
          sink.add({ kind: 'listen', time: now(), conn: connection.conn, type: cut(type, LIMITS.shortTextChars) }, 0);
        } catch {
          // Never let our listener stop the page's.
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
