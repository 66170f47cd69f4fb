/** Headers as the capture keeps them, and one found by its name. */
import { LIMITS } from './limits';
import { maskHeaders } from './secrets';

/** HTTP header names are case-insensitive: a header's value by its name in lower case, the first if repeated. */
export function headerValue<V>(headers: Iterable<readonly [string, V]> | undefined, name: string): V | undefined {
  for (const [key, value] of headers ?? []) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Headers to keep with a capture: at most its limit, credentials masked. */
export const keptHeaders = (headers: [string, string][]): [string, string][] =>
  maskHeaders(headers.slice(0, LIMITS.headers));
