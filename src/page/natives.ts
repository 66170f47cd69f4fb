/**
 * Native functions, saved when the page hook starts (document_start, before any page script).
 *
 * The page shares this JS heap and may later replace anything global: `Function.prototype.call`,
 * `WeakMap.prototype.get`, `MessagePort.prototype.postMessage`, the getters of `MessageEvent`…
 * The hook only ever calls what is saved here, through the saved `Reflect.apply`.
 */

export const { apply, construct, defineProperty, getOwnPropertyDescriptor, getPrototypeOf } = Reflect;

/** A native getter, saved. */
export function accessor(proto: object, name: string): (this: unknown) => unknown {
  const getter = getOwnPropertyDescriptor(proto, name)?.get;
  if (!getter) throw new TypeError(`no native getter ${name}`);
  return getter;
}

/** Calls a saved getter on an object. */
export function read<T>(getter: (this: unknown) => unknown, target: object): T {
  return apply(getter, target, []) as T;
}

const weakMapGet = WeakMap.prototype.get;
const weakMapSet = WeakMap.prototype.set;

export function weakGet<K extends object, V>(map: WeakMap<K, V>, key: unknown): V | undefined {
  return apply(weakMapGet, map, [key]) as V | undefined;
}

export function weakSet<K extends object, V>(map: WeakMap<K, V>, key: K, value: V): void {
  apply(weakMapSet, map, [key, value]);
}

const stringSlice = String.prototype.slice;

export function slice(text: string, start: number, end: number): string {
  return apply(stringSlice, text, [start, end]) as string;
}

const captureStackTrace = (Error as { captureStackTrace?: (target: object, omit: unknown) => void }).captureStackTrace;

/**
 * Takes the stack again from the caller of `trap`, so that an error the native threw inside one of
 * our Proxy traps shows the same frames as without us. Only V8 has this; elsewhere it does nothing.
 */
export function restack(error: unknown, trap: unknown): void {
  if (captureStackTrace && typeof error === 'object' && error !== null) apply(captureStackTrace, Error, [error, trap]);
}

const eventProto = Event.prototype;

export const natives = {
  EventSource: typeof EventSource === 'function' ? EventSource : undefined,
  MessageChannel,
  MessageEvent,
  addEventListener: EventTarget.prototype.addEventListener,
  dispatchEvent: EventTarget.prototype.dispatchEvent,
  postMessage: MessagePort.prototype.postMessage,
  setTimeout: globalThis.setTimeout,
  /** The global, as it was: a page may give `globalThis` another value. */
  window: globalThis,
  clearTimeout: globalThis.clearTimeout,
  document: typeof document === 'object' ? document : undefined,
  timeOrigin: performance.timeOrigin,
  now: Performance.prototype.now,
  performance,
  event: {
    type: accessor(eventProto, 'type'),
    timeStamp: accessor(eventProto, 'timeStamp'),
    target: accessor(eventProto, 'target'),
    // Unforgeable: an own accessor of every event, the same function for all of them.
    isTrusted: getOwnPropertyDescriptor(new Event('x'), 'isTrusted')?.get as (this: unknown) => unknown,
  },
};

/** Epoch milliseconds with fractions, from the native high-resolution clock. */
export function now(): number {
  return natives.timeOrigin + (apply(natives.now, natives.performance, []) as number);
}
