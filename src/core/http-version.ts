/** An ALPN protocol id as people write it: `h2` → HTTP/2; undefined when it is not known. */
export function httpVersionName(protocol: string | undefined): string | undefined {
  if (protocol === undefined || protocol === '') return undefined;
  const known: Record<string, string> = { 'http/1.0': 'HTTP/1.0', 'http/1.1': 'HTTP/1.1', h2: 'HTTP/2', h3: 'HTTP/3' };
  return known[protocol.toLowerCase()] ?? (protocol.toLowerCase().startsWith('h3') ? 'HTTP/3' : protocol);
}
