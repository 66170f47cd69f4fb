/**
 * Headers whose values are credentials (a session cookie, a bearer token, an API key): shown
 * masked, as `•••• (masked, N characters)`. The page hook has its own copy of this rule, written
 * with the natives it saved (src/page/stream-request.ts): page code may replace string methods.
 */

const SECRET_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'set-cookie2']);
const SECRET_PARTS = ['api-key', 'apikey', 'api_key', 'token', 'secret', 'password', 'session'];

export function isSecretHeader(name: string): boolean {
  const key = name.toLowerCase();
  return SECRET_NAMES.has(key) || SECRET_PARTS.some((part) => key.includes(part));
}

/** Headers as pairs with credentials masked. */
export function maskSecretHeaders(headers: readonly [string, string][]): [string, string][] {
  return headers.map(([name, value]) => [
    name,
    isSecretHeader(name) ? `•••• (masked, ${value.length} characters)` : value,
  ]);
}
