/**
 * The EventSource prototype's accessors (`readyState`, `url`, `withCredentials`, and the handler
 * attributes `onopen`, `onmessage`, `onerror`) answer for a stand-in from its state, and pass a
 * real EventSource to the native, disguised as the natives are. A real EventSource taken over keeps
 * its native handlers (the browser calls them for the events dispatched on it).
 */
import { apply, defineProperty, getOwnPropertyDescriptor, natives, slice, weakGet } from '../natives';
import { disguise } from '../stealth';

type Handler = 'onopen' | 'onmessage' | 'onerror';

/** What the accessors read of a stand-in. */
export interface Accessed {
  /** A real EventSource taken over (it opened before the rules came): its handlers stay the native's. */
  native: boolean;
  readyState: number;
  url: string;
  withCredentials: boolean;
  handlers: Partial<Record<Handler, unknown>>;
}

/** Replaces the accessors; called once, when the document's first rule comes. */
export function takeAccessors(proto: object, standIns: WeakMap<object, Accessed>): void {
  const getters: Record<string, (s: Accessed) => unknown> = {
    readyState: (s) => s.readyState,
    url: (s) => s.url,
    withCredentials: (s) => s.withCredentials,
  };
  const names = ['readyState', 'url', 'withCredentials', 'onopen', 'onmessage', 'onerror'];
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const descriptor = getOwnPropertyDescriptor(proto, name);
    if (!descriptor?.get) continue;
    const handler = i >= 3 ? (name as Handler) : undefined;
    const getTraps: ProxyHandler<() => unknown> = {
      apply(target, self, args) {
        const s = weakGet(standIns, self);
        if (!s || (handler && s.native)) return apply(target, self, args);
        return handler ? (s.handlers[handler] ?? null) : getters[name]?.(s);
      },
    };
    const next: PropertyDescriptor = { ...descriptor, get: disguise(descriptor.get, getTraps) };
    if (descriptor.set && handler) {
      const setTraps: ProxyHandler<(value: unknown) => void> = {
        apply(target, self, args) {
          const s = weakGet(standIns, self);
          if (!s || s.native) return apply(target, self, args);
          setHandler(self as object, s, handler, args[0]);
          return undefined;
        },
      };
      next.set = disguise(descriptor.set, setTraps);
    }
    defineProperty(proto, name, next);
  }
}

/** As an event handler attribute: one listener, placed where it was first set, calling the latest. */
function setHandler(self: object, s: Accessed, name: Handler, value: unknown): void {
  const callable = typeof value === 'function' || (typeof value === 'object' && value !== null) ? value : null;
  const had = s.handlers[name] !== undefined && s.handlers[name] !== null;
  s.handlers[name] = callable;
  if (had || callable === null) return;
  const type = slice(name, 2, name.length);
  apply(natives.addEventListener, self, [
    type,
    function (this: unknown, event: Event) {
      const current = s.handlers[name];
      if (typeof current === 'function') apply(current, this, [event]);
    },
  ]);
}
