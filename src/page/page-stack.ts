/**
 * Gives an error a native rejected with, inside one of our traps, the stack it would have had
 * without us, where that runs no page code.
 *
 * V8 takes an error's call sites when the error is made and writes them as text when `stack` is first
 * read: it then calls the page's `Error.prepareStackTrace` if it finds one, and reads the error's
 * `name` and `message`. A rejection reaches us too late to take the call sites again (as `callNative`
 * does for a throw), so its text and that of our call site are read and the page's call sites written
 * in place of ours. Only when V8 would call no page code for it: with no prepareStackTrace where V8
 * looks (on `Error`, `Function.prototype`, `Object.prototype`), and `name` and `message` found as
 * data or as the browser's own getters. Otherwise the error keeps our call sites.
 */
import { isNativeError } from './brands';
import { accessor, apply, getOwnPropertyDescriptor, getPrototypeOf, restack, slice, weakGet, weakSet } from './natives';

const NativeError = Error;
const functionProto = Function.prototype;
const objectProto = Object.prototype;
const indexOf = String.prototype.indexOf;
const lastIndexOf = String.prototype.lastIndexOf;
const indexIn = (text: string, part: string, from: number) => apply(indexOf, text, [part, from]) as number;
/** How V8 starts each call site's line. */
const CALL_SITE = '\n    at ';

/** V8's own accessor of an error's `stack` (the same function for every error). */
const nativeStack = getOwnPropertyDescriptor(new NativeError(), 'stack');

/** This script's URL as it appears in a stack's call sites (found once, before any page code runs). */
const OWN_SCRIPT = (() => {
  const stack = String(new NativeError().stack ?? '');
  const match = /(?:chrome|moz|safari-web)-extension:\/\/[^\s):]+/.exec(stack);
  return match ? match[0] : undefined;
})();

/** What native errors inherit `name` and `message` from, as the browser made it (a page's object there could be a Proxy). */
const nativeHolders = new WeakMap<object, true>();
for (const Kind of [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError])
  weakSet(nativeHolders, Kind.prototype, true);
weakSet(nativeHolders, objectProto, true);
const nativeGetters = new WeakMap<object, true>();
if (typeof DOMException === 'function') {
  weakSet(nativeHolders, DOMException.prototype, true);
  weakSet(nativeGetters, accessor(DOMException.prototype, 'name'), true);
  weakSet(nativeGetters, accessor(DOMException.prototype, 'message'), true);
}

/** The page's call sites at a call into one of our traps; a null prototype, so writing them reads nothing of the page's. */
export function callSite(trap: unknown): object {
  const site = { __proto__: null };
  restack(site, trap);
  return site;
}

/** Whether V8 would call a prepareStackTrace of the page's: it looks one up on Error and Error's prototypes. */
function pagePreparesStacks(): boolean {
  return (
    getPrototypeOf(NativeError) !== functionProto ||
    getPrototypeOf(functionProto) !== objectProto ||
    getOwnPropertyDescriptor(NativeError, 'prepareStackTrace') !== undefined ||
    getOwnPropertyDescriptor(functionProto, 'prepareStackTrace') !== undefined ||
    getOwnPropertyDescriptor(objectProto, 'prepareStackTrace') !== undefined
  );
}

/** Whether V8 reads `key` of a native error without running page code. */
function readsPlainly(error: Error, key: string): boolean {
  for (let holder: object | null = error; holder !== null; holder = getPrototypeOf(holder)) {
    if (holder !== error && weakGet(nativeHolders, holder) !== true) return false;
    const own = getOwnPropertyDescriptor(holder, key);
    if (own) return own.get === undefined || weakGet(nativeGetters, own.get) === true;
  }
  return true;
}

function stackOf(error: object): string | undefined {
  const own = getOwnPropertyDescriptor(error, 'stack');
  if (!own?.get || own.get !== nativeStack?.get) return undefined;
  const value = apply(own.get, error, []);
  return typeof value === 'string' ? value : undefined;
}

/** The first call sites of a stack's text (each starting with CALL_SITE), at most `count` of them. */
function callSitesOf(stack: string, count: number): string {
  let end = indexIn(stack, CALL_SITE, 0);
  const start = end;
  for (let kept = 0; end >= 0 && kept + 1 <= count; kept++) end = indexIn(stack, CALL_SITE, end + 1);
  return start < 0 ? '' : slice(stack, start, end < 0 ? stack.length : end);
}

/**
 * A promise a native rejected from inside our trap carries an error whose stack shows our call sites:
 * gives it the page's (taken at the call, `site`), after any call sites above ours (page code the
 * native called). Errors with no call site of ours (an abort reason of the page's) are left alone.
 */
export function restackRejection(error: unknown, site: object): void {
  if (!OWN_SCRIPT || !nativeStack?.set || !isNativeError(error) || pagePreparesStacks()) return;
  if (!readsPlainly(error, 'name') || !readsPlainly(error, 'message')) return;
  const stack = stackOf(error);
  const firstCallSite = stack === undefined ? -1 : indexIn(stack, CALL_SITE, 0);
  if (stack === undefined || firstCallSite < 0) return;
  const ours = indexIn(stack, OWN_SCRIPT, firstCallSite);
  const siteStack = stackOf(site);
  const limit = getOwnPropertyDescriptor(NativeError, 'stackTraceLimit')?.value;
  if (ours < 0 || siteStack === undefined || typeof limit !== 'number') return;
  const above = slice(stack, firstCallSite, apply(lastIndexOf, stack, ['\n', ours]) as number);
  let aboveCount = 0;
  for (let at = indexIn(above, CALL_SITE, 0); at >= 0; at = indexIn(above, CALL_SITE, at + 1)) aboveCount++;
  const text = slice(stack, 0, firstCallSite) + above + callSitesOf(siteStack, limit - aboveCount);
  apply(nativeStack.set, error, [text]);
}

const promiseThen = Promise.prototype.then;

/** A native's promise, whose refusal gets the page's call sites (taken at the call) as without us. */
export function withPageStack<T>(promise: Promise<T>, site: object): Promise<T> {
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
