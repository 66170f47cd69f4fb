/** An ALPN protocol id as people write it: `h2` → HTTP/2; undefined when it is not known. */
export function httpVersionName(alpn: string | undefined): string | undefined {
  if (alpn === undefined || alpn === '') return undefined;
  const known: Record<string, string> = { 'http/1.0': 'HTTP/1.0', 'http/1.1': 'HTTP/1.1', h2: 'HTTP/2', h3: 'HTTP/3' };
  return known[alpn.toLowerCase()] ?? (alpn.toLowerCase().startsWith('h3') ? 'HTTP/3' : alpn);
}
