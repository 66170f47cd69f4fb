/**
 * Keeps our wrappers indistinguishable from the natives they stand for.
 *
 * A Proxy around a native function answers `name`, `length`, `prototype` and identity like its
 * target, but `Function.prototype.toString` prints it nameless (`function () { [native code] }`),
 * and an error thrown inside a trap carries the trap's frame in its stack. So this frame's
 * `toString` is wrapped to print the target for our proxies (and itself), and traps retake the
 * stack of native errors from their caller (`page-stack.ts` does it for a native's refusals).
 * Two traces stay: `toString` called on a non-function throws from V8's builtin, whose own frame
 * sits above our trap and goes with it; and another frame's `toString` (a same-origin iframe's)
 * prints our proxies nameless, because that frame's hook knows only its own: telling it ours would
 * take a registry both frames reach, which the page reaches too.
 */
import { apply, defineProperty, getOwnPropertyDescriptor, restack, weakGet, weakSet } from './natives';

const masked = new WeakMap<object, object>();

/** Wraps `target` in a Proxy whose handler has no prototype (so `Object.prototype.apply` and the
 * like, added by a page, never become traps) and that prints as `target`. */
export function disguise<T extends object>(target: T, traps: ProxyHandler<T>): T {
  const handler = { __proto__: null, ...traps } as ProxyHandler<T>;
  const proxy = new Proxy(target, handler);
  weakSet(masked, proxy, target);
  return proxy;
}

/** Replaces an own property's value, keeping its attributes. */
export function replaceValue(owner: object, name: string, value: unknown): void {
  const descriptor = getOwnPropertyDescriptor(owner, name);
  if (descriptor && 'value' in descriptor) defineProperty(owner, name, { ...descriptor, value });
}

/** Replaces an own accessor's getter, keeping its setter and attributes. */
export function replaceGetter(owner: object, name: string, get: () => unknown): void {
  const descriptor = getOwnPropertyDescriptor(owner, name);
  if (descriptor?.get) defineProperty(owner, name, { ...descriptor, get });
}

/**
 * Whether page code could have run during a native call with these arguments: converting an
 * object to a string, or reading an options dictionary, calls the page's getters. An error from
 * there is the page's own, with the page's call sites, and must be left as it is.
 */
function pageCodeMayRun(args: ArrayLike<unknown>, indexes: readonly number[]): boolean {
  for (const i of indexes) {
    const arg = args[i];
    if ((typeof arg === 'object' && arg !== null) || typeof arg === 'function') return true;
  }
  return false;
}

/**
 * Calls a native from inside a trap. An error the native throws gets the stack it would have had
 * without the trap, unless page code may have thrown it (args at `objectArgs` are objects).
 */
export function callNative<R>(
  call: () => R,
  trap: unknown,
  args: ArrayLike<unknown>,
  objectArgs: readonly number[],
): R {
  try {
    return call();
  } catch (error) {
    if (!pageCodeMayRun(args, objectArgs)) restack(error, trap);
    throw error;
  }
}

export function installToStringMask(): void {
  const nativeToString = Function.prototype.toString;
  const traps: ProxyHandler<typeof nativeToString> = {
    apply(target, self, args) {
      return callNative(() => apply(target, weakGet(masked, self) ?? self, args), traps.apply, args, []);
    },
  };
  const proxy = disguise(nativeToString, traps);
  weakSet(masked, proxy, nativeToString);
  replaceValue(Function.prototype, 'toString', proxy);
}
