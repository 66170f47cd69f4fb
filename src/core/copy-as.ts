/**
 * "Copy as cURL" and "Copy as fetch" for the request that opened a stream, as the Network panel
 * writes them: an EventSource's request is a GET asking for `text/event-stream` (with the
 * Last-Event-ID it resumes from, when known); a fetch or XHR's is the method, headers and body the
 * page sent. Headers SSE Scope masked (credentials) are left out and said so: what it never kept
 * cannot be copied.
 */
import type { ConnectionView } from './store/views';

const MASKED = /^•••• \(masked, \d+ characters\)$/;

interface Request {
  method: string;
  headers: [string, string][];
  body?: string;
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
  const masked = (sent?.headers ?? []).filter(([, value]) => MASKED.test(value)).map(([name]) => name);
  const request: Request = {
    method: sent?.method ?? 'GET',
    headers: (sent?.headers ?? []).filter(([, value]) => !MASKED.test(value)),
    masked,
  };
  if (sent?.body !== undefined) request.body = sent.body;
  return request;
}

/** A shell word in single quotes (a quote inside closed, escaped, reopened). */
const shell = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

const maskedNote = (masked: string[], comment: string) =>
  masked.length === 0 ? '' : `${comment} Left out, masked by SSE Scope: ${masked.join(', ')}\n`;

export function curlOf(connection: ConnectionView): string {
  const request = requestOf(connection);
  const parts = [`curl ${shell(connection.url)}`, '-N'];
  if (request.method !== 'GET') parts.push(`-X ${shell(request.method)}`);
  for (const [name, value] of request.headers) parts.push(`-H ${shell(`${name}: ${value}`)}`);
  if (request.body !== undefined) parts.push(`--data-raw ${shell(request.body)}`);
  return `${maskedNote(request.masked, '#')}${parts.join(' \\\n  ')}`;
}

export function fetchOf(connection: ConnectionView): string {
  if (connection.kind === 'eventsource' && !connection.request) {
    const options = connection.withCredentials ? ', { withCredentials: true }' : '';
    return `new EventSource(${JSON.stringify(connection.url)}${options});`;
  }
  const request = requestOf(connection);
  const init: Record<string, unknown> = { method: request.method, headers: Object.fromEntries(request.headers) };
  if (request.body !== undefined) init.body = request.body;
  if (connection.withCredentials) init.credentials = 'include';
  return `${maskedNote(request.masked, '//')}fetch(${JSON.stringify(connection.url)}, ${JSON.stringify(init, null, 2)});`;
}
