/**
 * Network capture: the streams a tab's workers make (EventSource, fetch, XHR in dedicated, shared
 * and service workers), which no page hook sees, kept by the top frame's relay as connections of
 * their own. The worker (background) reports each request with its response or error, then its
 * bytes; this turns them into the records a page's stream would have made: the connection (with
 * its worker), the network's facts, the response, the lifecycle, and the chunks (./response-bytes),
 * which the panel parses as it parses a fetch stream's.
 *
 * An EventSource makes a request per (re)connect: a request of the same worker and URL while its
 * connection is reconnecting is that connection again, as the browser's EventSource does it.
 */
import { headerValue } from '../core/headers';
import type { ConnectionRecord, HttpRecord, LifecycleRecord, StoredRecord } from '../core/model';
import { formatOf } from '../core/stream-format';
import type { WorkerStreamMessage } from '../messages/messages';

/**
 * Connection numbers of worker streams start here: a document's own connections are numbered by
 * its page hook from 1 and never come near.
 */
const WORKER_CONN_BASE = 1_000_000;
/** Streams followed at once, at most (each EventSource stays for reconnects). */
const MAX_STREAMS = 1024;

type State = 'open' | 'reconnecting' | 'failed' | 'closed';

interface Followed {
  conn: number;
  stream: WorkerStreamMessage['stream'];
  state: State;
  /** Reconnects in a row. */
  attempt: number;
}

/** The page's EventSource fails for these: anything but a 200 with the event-stream type. */
const opensEventSource = (msg: WorkerStreamMessage) =>
  msg.status === 200 && formatOf(headerValue(msg.headers, 'content-type')) === 'sse';

export class WorkerStreams {
  private next = WORKER_CONN_BASE;
  /** Request id → its connection, while the response lasts. */
  private readonly requests = new Map<string, Followed>();
  /** An EventSource's worker and URL → its connection, for its reconnects. */
  private readonly sources = new Map<string, Followed>();

  /** A worker's request and its response (or error): the records it makes, and its connection. */
  open(msg: WorkerStreamMessage): { conn: number; records: StoredRecord[] } | undefined {
    const records: StoredRecord[] = [];
    const key = `${msg.worker.url}\n${msg.url}`;
    let followed = msg.stream === 'eventsource' ? this.sources.get(key) : undefined;
    if (followed?.state !== 'reconnecting') followed = undefined;
    if (!followed) {
      if (this.sources.size + this.requests.size >= MAX_STREAMS) return undefined;
      followed = { conn: ++this.next, stream: msg.stream, state: 'open', attempt: 0 };
      const conn = followed.conn;
      const connection: ConnectionRecord = {
        kind: 'connection',
        time: msg.requestTime,
        conn,
        type: msg.stream,
        url: msg.url,
        withCredentials: false,
      };
      if (msg.method !== undefined) connection.method = msg.method;
      if (msg.requestHeaders !== undefined) connection.requestHeaders = msg.requestHeaders;
      records.push(connection, {
        kind: 'worker',
        time: msg.requestTime,
        conn,
        worker: msg.worker.kind,
        url: msg.worker.url,
      });
      if (msg.stream === 'eventsource') this.sources.set(key, followed);
    }
    const { conn } = followed;
    const time = msg.time;
    const http: HttpRecord = { kind: 'http', time, conn, url: msg.responseUrl ?? msg.url };
    if (msg.status !== undefined) http.status = msg.status;
    const contentType = headerValue(msg.headers, 'content-type');
    if (contentType !== undefined) http.contentType = contentType;
    if (msg.headers !== undefined) http.headers = msg.headers;
    if (msg.lastEventId !== undefined) http.lastEventId = msg.lastEventId;
    if (msg.error !== undefined) http.error = msg.error;
    records.push(http);
    if (msg.httpVersion) records.push({ kind: 'http-version', time, conn, httpVersion: msg.httpVersion });
    if (msg.error !== undefined) {
      // No response: an EventSource tries again; a fetch or XHR fails.
      records.push(this.ended(followed, time, msg.error));
      return { conn, records };
    }
    if (msg.stream === 'eventsource' && !opensEventSource(msg)) {
      followed.state = 'failed';
      records.push({ kind: 'lifecycle', time, conn, state: 'failed' });
      this.sources.delete(key);
      return { conn, records };
    }
    const format =
      formatOf(contentType) ?? (headerValue(msg.headers, 'x-vercel-ai-data-stream') ? 'data-stream' : undefined);
    records.push({
      kind: 'response',
      time,
      conn,
      url: msg.responseUrl ?? msg.url,
      status: msg.status ?? 0,
      statusText: msg.statusText ?? '',
      headers: msg.headers ?? [],
      format: format ?? 'sse',
    });
    const open: LifecycleRecord = { kind: 'lifecycle', time, conn, state: 'open' };
    if (followed.attempt > 0) open.attempt = followed.attempt;
    records.push(open);
    followed.state = 'open';
    followed.attempt = 0;
    this.requests.set(msg.request, followed);
    return { conn, records };
  }

  /** Whether a request is a worker's stream (its bytes are claimed already). */
  has(request: string): boolean {
    return this.requests.has(request);
  }

  /** The response is over (its last bytes came): how its connection ended. */
  end(request: string, time: number, error?: string): StoredRecord[] {
    const followed = this.requests.get(request);
    if (!followed) return [];
    this.requests.delete(request);
    return [this.ended(followed, time, error)];
  }

  private ended(followed: Followed, time: number, error: string | undefined): LifecycleRecord {
    const { conn } = followed;
    // Cancelled by the worker: it closed the EventSource, aborted the fetch, or went away itself.
    const cancelled = error !== undefined && /abort|cancel/i.test(error);
    if (followed.stream === 'eventsource') {
      if (cancelled) {
        followed.state = 'closed';
        for (const [key, source] of this.sources) if (source === followed) this.sources.delete(key);
        return { kind: 'lifecycle', time, conn, state: 'closed' };
      }
      // The stream ended or broke: the browser reconnects after its retry time.
      followed.state = 'reconnecting';
      followed.attempt++;
      return { kind: 'lifecycle', time, conn, state: 'reconnecting', attempt: followed.attempt };
    }
    followed.state = error === undefined || cancelled ? 'closed' : 'failed';
    const record: LifecycleRecord = {
      kind: 'lifecycle',
      time,
      conn,
      state: followed.state,
      reason: error === undefined ? 'complete' : cancelled ? 'cancelled' : 'error',
    };
    if (error !== undefined) record.error = error;
    return record;
  }
}
