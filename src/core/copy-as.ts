/**
 * "Copy as cURL" and "Copy as fetch" for the request that opened a stream, as the Network panel
 * writes them: an EventSource's request is a GET asking for `text/event-stream` (with the
 * Last-Event-ID it resumes from, when known); a fetch or XHR's is the method, headers and body the
 * page sent. A header whose value came masked is left out and named; a URL or body with a masked
 * value keeps `••••` there, and the copy says so.
 */
import { isMasked, MASK } from './secrets';
import type { ConnectionView } from './store/views';

interface Request {
  method: string;
  headers: [string, string][];
  body?: string;
  /** Headers left out: their values came masked. */
  masked: string[];
}

function requestOf(connection: ConnectionView): Request {
  if (connection.kind === 'eventsource' && !connection.request) {
    const headers: [string, string][] = [
      ['Accept', 'text/event-stream'],
      ['Cache-Control', 'no-cache'],
    ];
    if (connection.lastEventId !== '') headers.push(['Last-Event-ID', connection.lastEventId]);
    return { method: 'GET', headers, masked: [] };
  }
  const sent = connection.request;
  const request: Request = {
    method: sent?.method ?? 'GET',
    headers: (sent?.headers ?? []).filter(([, value]) => !isMasked(value)),
    masked: (sent?.headers ?? []).filter(([, value]) => isMasked(value)).map(([name]) => name),
  };
  if (sent?.body !== undefined) request.body = sent.body;
  return request;
}

/** What the copy says of the secrets it does not carry, as comments in its language's syntax. */
function maskedNote(connection: ConnectionView, request: Request, comment: string): string {
  const lines: string[] = [];
  if (request.masked.length > 0) lines.push(`${comment} Left out, masked by SSE Scope: ${request.masked.join(', ')}`);
  if (isMasked(connection.url) || (request.body !== undefined && isMasked(request.body)))
    lines.push(`${comment} ${MASK} stands for a secret SSE Scope masked`);
  return lines.map((line) => `${line}\n`).join('');
}

/** Whether a text holds a control character (C0 or DEL). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * A word for a POSIX shell: in single quotes (a quote inside closed, escaped, reopened), or in
 * bash's `$'…'` when it holds a control character, which single quotes would pass on raw (a
 * newline in a header, or an escape sequence that a terminal would act on when pasted).
 */
function shell(text: string): string {
  if (!hasControl(text)) return `'${text.replaceAll("'", `'\\''`)}'`;
  let quoted = "$'";
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === '\\' || char === "'") quoted += `\\${char}`;
    else if (char === '\n') quoted += '\\n';
    else if (char === '\r') quoted += '\\r';
    else if (char === '\t') quoted += '\\t';
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else quoted += char;
  }
  return `${quoted}'`;
}

/** curl for the request; `--globoff`, so that `[]` and `{}` in the URL are not curl's globs. */
export function curlOf(connection: ConnectionView): string {
  const request = requestOf(connection);
  const parts = [`curl ${shell(connection.url)}`, '--globoff', '-N'];
  if (request.method !== 'GET') parts.push(`-X ${shell(request.method)}`);
  for (const [name, value] of request.headers) parts.push(`-H ${shell(`${name}: ${value}`)}`);
  if (request.body !== undefined) parts.push(`--data-raw ${shell(request.body)}`);
  return `${maskedNote(connection, request, '#')}${parts.join(' \\\n  ')}`;
}

export function fetchOf(connection: ConnectionView): string {
  if (connection.kind === 'eventsource' && !connection.request) {
    const options = connection.withCredentials ? ', { withCredentials: true }' : '';
    const note = isMasked(connection.url) ? `// ${MASK} stands for a secret SSE Scope masked\n` : '';
    return `${note}new EventSource(${JSON.stringify(connection.url)}${options});`;
  }
  const request = requestOf(connection);
  const init: Record<string, unknown> = { method: request.method, headers: Object.fromEntries(request.headers) };
  if (request.body !== undefined) init.body = request.body;
  if (connection.withCredentials) init.credentials = 'include';
  return `${maskedNote(connection, request, '//')}fetch(${JSON.stringify(connection.url)}, ${JSON.stringify(init, null, 2)});`;
}
