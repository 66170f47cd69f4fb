/**
 * The replay lab's server, on 127.0.0.1 only. `/page` runs one EventSource or fetch against `src` for
 * `stop` ms, logging what the page sees, then posts the log to `/report`. `/sse` is the origin
 * stream: `retry:`, then events from after `Last-Event-ID` to `n`, `gap` ms apart; after `responses`
 * answers a tag gets a 204, so reconnects end. Every request and every write is logged with its time.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const now = (): number => performance.timeOrigin + performance.now();

export interface PageEntry {
  /** open, message, error, chunk, response, done */
  k: string;
  t: number;
  id?: string;
  rs?: number;
  trusted?: boolean;
  origin?: string;
  detail?: string;
}
export interface ServerRequest {
  t: number;
  tag: string;
  lastEventId: string | undefined;
  status?: number;
  end?: string;
}

export interface LabServer {
  origin: string;
  requests: ServerRequest[];
  writes: { t: number; tag: string; id: string }[];
  report(tag: string, ms: number): Promise<PageEntry[]>;
  close(): Promise<void>;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>lab</title><script>
const q = new URLSearchParams(location.search);
const log = [];
const now = () => performance.timeOrigin + performance.now();
const L = (k, o = {}) => log.push({ k, t: now(), ...o });
const done = () => { L('done'); fetch('/report?tag=' + q.get('tag'), { method: 'POST', body: JSON.stringify(log) }); };
if (q.get('kind') === 'idle') {
  // a tab for the extension to set up before the page's stream starts
} else if (q.get('kind') === 'fetch') {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), +q.get('stop'));
  fetch(q.get('src'), { signal: ac.signal }).then(async (r) => {
    L('response', { detail: JSON.stringify({ status: r.status, url: r.url, type: r.type, redirected: r.redirected, ct: r.headers.get('content-type') }) });
    const reader = r.body.getReader(); const dec = new TextDecoder();
    for (;;) { const { done: end, value } = await reader.read(); if (end) break;
      for (const m of dec.decode(value, { stream: true }).matchAll(/^id: (.*)$/gm)) L('chunk', { id: m[1] }); }
    L('end');
  }).catch((e) => L('error', { detail: String(e) })).finally(done);
} else {
  const es = new EventSource(q.get('src'));
  L('created', { detail: es.url });
  es.onopen = (e) => L('open', { rs: es.readyState, trusted: e.isTrusted });
  es.onerror = (e) => L('error', { rs: es.readyState, trusted: e.isTrusted });
  es.onmessage = (e) => L('message', { id: e.lastEventId, rs: es.readyState, trusted: e.isTrusted, origin: e.origin });
  setTimeout(() => { L('closing', { rs: es.readyState, detail: es.url }); es.close(); done(); }, +q.get('stop'));
}
</script>`;

export async function startLabServer(): Promise<LabServer> {
  const requests: ServerRequest[] = [];
  const writes: LabServer['writes'] = [];
  const reports = new Map<string, PageEntry[]>();
  const answered = new Map<string, number>();

  async function stream(req: IncomingMessage, res: ServerResponse, q: URLSearchParams): Promise<void> {
    const tag = q.get('tag') ?? '';
    const lastEventId = req.headers['last-event-id'] as string | undefined;
    const entry: ServerRequest = { t: now(), tag, lastEventId };
    requests.push(entry);
    let closed = false;
    req.on('close', () => {
      closed = true;
      entry.end ??= `client-closed@${Math.round(now() - entry.t)}`;
    });
    const count = (answered.get(tag) ?? 0) + 1;
    answered.set(tag, count);
    if (count > Number(q.get('responses') ?? 2)) {
      entry.status = 204;
      res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
      return;
    }
    entry.status = 200;
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
    });
    res.write(`retry: ${q.get('retry') ?? 300}\n\n`);
    const n = Number(q.get('n'));
    const gap = Number(q.get('gap'));
    const first = lastEventId ? Number(lastEventId) + 1 : 1;
    const t0 = now();
    for (let i = first; i <= n && !closed; i++) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, t0 + (i - first + 1) * gap - now())));
      if (closed) break;
      res.write(`id: ${i}\ndata: origin ${i}\n\n`);
      writes.push({ t: now(), tag, id: String(i) });
    }
    entry.end ??= 'done';
    res.end();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/page') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    } else if (url.pathname === '/report') {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        reports.set(url.searchParams.get('tag') ?? '', JSON.parse(body) as PageEntry[]);
        res.writeHead(204).end();
      });
    } else if (url.pathname === '/sse') {
      void stream(req, res, url.searchParams);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    writes,
    async report(tag, ms) {
      const end = now() + ms;
      while (!reports.has(tag)) {
        if (now() > end) throw new Error(`no report from the page for ${tag}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return reports.get(tag) as PageEntry[];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
