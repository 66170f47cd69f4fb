/**
 * Keeps our wrappers indistinguishable from the natives they stand for.
 *
 * A Proxy around a native function answers `name`, `length`, `prototype` and identity like its
 * target, but `Function.prototype.toString` prints it nameless (`function () { [native code] }`),
 * and an error thrown inside a trap carries the trap's frame in its stack. So `toString` is
 * wrapped to print the target for our proxies (and itself), and traps retake the stack of native
 * errors from their caller. (One trace stays different: `toString` called on a non-function throws
 * from V8's builtin, whose own frame sits above our trap and goes with it.)
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
 * there is the page's own, with the page's frames, and must be left as it is.
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

const NativeError = Error;
const NativeDOMException = typeof DOMException === 'function' ? DOMException : undefined;
const stringIndexOf = String.prototype.indexOf;
const stringSlice = String.prototype.slice;
const indexIn = (text: string, part: string, from = 0) => apply(stringIndexOf, text, [part, from]) as number;

/** This script's URL as it appears in stack frames (found once, before any page code runs). */
const OWN_SCRIPT = (() => {
  const stack = String(new Error().stack ?? '');
  const match = /(?:chrome|moz|safari-web)-extension:\/\/[^\s):]+/.exec(stack);
  return match ? match[0] : undefined;
})();

/** The page's frames at a call into one of our traps: what a native error made there would show. */
export function callSite(trap: unknown): Error {
  const site = new NativeError();
  restack(site, trap);
  return site;
}

/**
 * A promise a native rejected from inside our trap carries an error whose stack shows our frames.
 * Gives it the page's frames instead (taken at the call), as without us. Errors the page made
 * itself (an abort reason of its own) do not mention our script and are left alone.
 */
export function restackRejection(error: unknown, site: Error): void {
  if (!OWN_SCRIPT || typeof error !== 'object' || error === null) return;
  if (!(error instanceof NativeError) && !(NativeDOMException && error instanceof NativeDOMException)) return;
  // V8 keeps `stack` as an own accessor pair; elsewhere it may be a data property.
  const own = getOwnPropertyDescriptor(error, 'stack');
  const siteStack = stackOf(site);
  const stack = stackOf(error);
  if (!own || stack === undefined || siteStack === undefined || indexIn(stack, OWN_SCRIPT) < 0) return;
  const firstFrame = indexIn(stack, '\n    at ');
  const siteFrames = indexIn(siteStack, '\n');
  const header = firstFrame < 0 ? stack : (apply(stringSlice, stack, [0, firstFrame]) as string);
  const frames = siteFrames < 0 ? '' : (apply(stringSlice, siteStack, [siteFrames]) as string);
  if (own.set) apply(own.set, error, [header + frames]);
  else defineProperty(error, 'stack', { ...own, value: header + frames });
}

const promiseThen = Promise.prototype.then;

/** A native's promise, whose refusal gets the page's frames (taken at the call) as without us. */
export function withPageStack<T>(promise: Promise<T>, site: Error): Promise<T> {
  return apply(promiseThen, promise, [
    undefined,
    (error: unknown) => {
      try {
        restackRejection(error, site);
      } catch {
        // The page gets its refusal whatever happens to ours.
      }
      throw error;
    },
  ]) as Promise<T>;
}

function stackOf(error: object): string | undefined {
  const own = getOwnPropertyDescriptor(error, 'stack');
  const value = own?.get ? apply(own.get, error, []) : own?.value;
  return typeof value === 'string' ? value : undefined;
}
