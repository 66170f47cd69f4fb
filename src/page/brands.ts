/**
 * Tells what a page's value is without running page code.
 *
 * `instanceof` looks up the constructor's `Symbol.hasInstance`, which a page may define, and walks
 * the value's prototypes, which runs a page Proxy's `getPrototypeOf` trap. A native getter or
 * method called on the value checks its brand instead: it throws for anything else, a Proxy
 * included, without touching a trap. Throwing costs a few microseconds, so callers test cheaper
 * things (`typeof`) first.
 */
import { apply } from './natives';

/** The value of a native getter (or method) called on `target`; undefined if `target` is not its kind. */
export function readBranded<T>(
  getter: (this: unknown, ...args: never[]) => unknown,
  target: unknown,
  args: unknown[] = [],
): T | undefined {
  if ((typeof target !== 'object' && typeof target !== 'function') || target === null) return undefined;
  try {
    return apply(getter, target, args) as T;
  } catch {
    return undefined;
  }
}

const nativeIsError = (Error as { isError?: (value: unknown) => boolean }).isError;

/**
 * Whether the value is an error the engine made (`Error` and its kinds, `DOMException`): its
 * `[[ErrorData]]` brand, so never a Proxy. Browsers without `Error.isError` (Chromium before 134)
 * answer no.
 */
export function isNativeError(value: unknown): value is Error {
  return nativeIsError?.(value) === true;
}
