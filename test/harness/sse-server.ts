/**
 * A small scriptable SSE server on 127.0.0.1 for tests, the demo and benchmarks.
 *
 * A route answers each request with a reply: a plain response, or a stream script — chunks of
 * `text/event-stream` text and waits — that ends by itself. Routes see how many times the same
 * URL was requested before (`attempt`, from 1), so reconnects can be scripted; every request is
 * logged, to compare what the server saw with and without the extension.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

export interface RequestRecord {
  method: string;
  path: string;
  attempt: number;
  accept: string | undefined;
  lastEventId: string | undefined;
  /** The request body (POST and the like), as text. */
  body?: string;
  /** Set when the browser fetched a service worker's script (its `Service-Worker` header): to install it or to check it for an update. */
  serviceWorker?: true;
  /** When the request arrived and when its response ended (Date.now()). */
  at: number;
  endedAt?: number;
}

export interface RouteContext {
  url: URL;
  attempt: number;
  request: IncomingMessage;
  /** The request body as text (empty for GET). */
  body: string;
}

/**
 * Text or bytes to write (or a function giving text when it is written), a pause in milliseconds,
 * or a gate: the stream waits there until the test opens it (`SseServer.open`), for at most a minute.
 */
export type Step = string | Uint8Array | (() => string) | { wait: number } | { gate: string };

/** `delayMs`: the response (its headers too) waits this long after the request came. */
export type Reply = { delayMs?: number } & (
  | { status?: number; headers?: Record<string, string>; body?: string | Uint8Array }
  | { stream: Step[]; status?: number; headers?: Record<string, string>; holdMs?: number }
);

export type Route = (context: RouteContext) => Reply;

export interface SseServer {
  origin: string;
  requests: RequestRecord[];
  /** Opens a gate: streams waiting at it go on, and later ones pass it. */
  open(gate: string): void;
  /** Shuts a gate again: streams that reach it from now on wait. */
  shut(gate: string): void;
  close(): Promise<void>;
}

/** Longest pause or hold a script may ask for: every stream ends by itself. */
const MAX_WAIT_MS = 60_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, MAX_WAIT_MS)));

async function play(
  response: ServerResponse,
  request: IncomingMessage,
  steps: Step[],
  holdMs: number,
  opened: ReadonlySet<string>,
): Promise<void> {
  let gone = false;
  request.on('close', () => {
    gone = true;
  });
  for (const step of steps) {
    if (gone) return;
    const chunk = typeof step === 'function' ? step() : step;
    if (typeof chunk === 'object' && 'gate' in chunk) {
      const until = Date.now() + MAX_WAIT_MS;
      while (!gone && !opened.has(chunk.gate) && Date.now() < until) await sleep(20);
    } else if (typeof chunk === 'object' && !(chunk instanceof Uint8Array)) await sleep(chunk.wait);
    // Back-pressure: a client that reads slowly is not buffered for without bound.
    else if (!response.write(chunk))
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done).off('close', done);
          resolve();
        };
        response.on('drain', done).on('close', done);
      });
  }
  const until = Date.now() + Math.min(holdMs, MAX_WAIT_MS);
  while (!gone && Date.now() < until) await sleep(Math.min(50, until - Date.now()));
  response.end();
}

export async function startSseServer(options: {
  routes: Record<string, Route>;
  /** Files under this folder are served at /pages/. */
  pagesDir?: string;
  port?: number;
}): Promise<SseServer> {
  const requests: RequestRecord[] = [];
  const attempts = new Map<string, number>();
  const opened = new Set<string>();

  // Requests may carry 1 MiB of URL and headers (Node's default stops at 16 KiB): pages test long ones.
  const server = createServer({ maxHeaderSize: 1 << 20 }, async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const key = url.pathname + url.search;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const chunks: Buffer[] = [];
    if (request.method !== 'GET' && request.method !== 'HEAD')
      for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (url.pathname !== '/favicon.ico') {
      const record: RequestRecord = {
        method: request.method ?? 'GET',
        path: key,
        attempt,
        accept: header('accept'),
        lastEventId: header('last-event-id'),
        at: Date.now(),
      };
      if (body !== '') record.body = body;
      if (header('service-worker') === 'script') record.serviceWorker = true;
      requests.push(record);
      response.on('close', () => {
        record.endedAt = Date.now();
      });
    }
    try {
      if (url.pathname.startsWith('/pages/') && options.pagesDir) {
        const file = normalize(join(options.pagesDir, url.pathname.slice('/pages/'.length)));
        if (!file.startsWith(normalize(options.pagesDir))) throw new Error('outside the pages folder');
        const content = await readFile(file);
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        response.end(content);
        return;
      }
      const route = options.routes[url.pathname];
      if (!route) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('no such route');
        return;
      }
      const reply = route({ url, attempt, request, body });
      if (reply.delayMs) await sleep(reply.delayMs);
      if ('stream' in reply) {
        response.writeHead(reply.status ?? 200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          ...reply.headers,
        });
        response.flushHeaders();
        await play(response, request, reply.stream, reply.holdMs ?? 0, opened);
      } else {
        response.writeHead(reply.status ?? 200, reply.headers ?? {});
        response.end(reply.body ?? '');
      }
    } catch {
      if (!response.headersSent) response.writeHead(404, { 'content-type': 'text/plain' });
      response.end();
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    open: (gate) => {
      opened.add(gate);
    },
    shut: (gate) => {
      opened.delete(gate);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Formats one SSE message block. Each data line gets its own `data:` field. */
export function sse(fields: { event?: string; id?: string; retry?: number; data?: string; comment?: string }): string {
  let block = '';
  if (fields.comment !== undefined) block += `:${fields.comment}\n`;
  if (fields.event !== undefined) block += `event: ${fields.event}\n`;
  if (fields.id !== undefined) block += `id: ${fields.id}\n`;
  if (fields.retry !== undefined) block += `retry: ${fields.retry}\n`;
  if (fields.data !== undefined) for (const line of fields.data.split('\n')) block += `data: ${line}\n`;
  return `${block}\n`;
}
