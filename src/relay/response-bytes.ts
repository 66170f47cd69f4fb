/**
 * Network capture's copies of EventSource responses (Firefox's stream filters), made the chunks of
 * the connections that made them.
 *
 * Network capture knows a response only by the browser's request id; the HTTP matcher says which
 * connection a request belongs to, from the same observation that carries its status. Batches of
 * a request not claimed yet wait a little (bounded); a request no connection claims in that time
 * is not an EventSource of this document (a fetch that asked for text/event-stream, which reads its
 * own bytes) and is refused, so network capture stops copying it.
 */
import type { ChunkRecord } from '../core/model';
import type { ByteBatchMessage } from '../messages/messages';

/** How long a request's batches wait for their connection, in ms. */
const GRACE_MS = 5000;
/** What waits at most, in base64 characters, over all requests. */
const MAX_WAITING_CHARS = 8 << 20;
/** Refused request ids remembered. */
const MAX_REFUSED = 256;

interface Waiting {
  since: number;
  batches: ByteBatchMessage[];
  chars: number;
}

export class ResponseBytes {
  /** Request id → its connection, while the response lasts. */
  private readonly claims = new Map<string, { conn: number; begun: boolean }>();
  private readonly waiting = new Map<string, Waiting>();
  private waitingChars = 0;
  /** Requests that waited their time out, the latest few: refused from then on. */
  private readonly refused = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The matcher found the request's connection: returns the chunks that waited for it. */
  claim(request: string, conn: number): ChunkRecord[] {
    if (this.claims.has(request)) return [];
    this.claims.set(request, { conn, begun: false });
    const waiting = this.waiting.get(request);
    if (!waiting) return [];
    this.forget(request, waiting);
    return waiting.batches.flatMap((batch) => this.records(batch));
  }

  /**
   * A batch from network capture: its chunk records (possibly none yet), or null when the request is not
   * one of this document's EventSources and network capture should stop.
   */
  receive(batch: ByteBatchMessage): ChunkRecord[] | null {
    if (this.claims.has(batch.request)) return this.records(batch);
    const now = this.now();
    for (const [request, waiting] of this.waiting) {
      if (now - waiting.since <= GRACE_MS) continue;
      this.forget(request, waiting);
      this.refused.add(request);
      if (this.refused.size > MAX_REFUSED) this.refused.delete(this.refused.values().next().value as string);
    }
    if (this.refused.has(batch.request)) return null;
    const chars = batch.chunks.reduce((sum, [, base64]) => sum + base64.length, 0);
    if (this.waitingChars + chars > MAX_WAITING_CHARS) return null;
    let waiting = this.waiting.get(batch.request);
    if (!waiting) {
      waiting = { since: now, batches: [], chars: 0 };
      this.waiting.set(batch.request, waiting);
    }
    waiting.batches.push(batch);
    waiting.chars += chars;
    this.waitingChars += chars;
    return [];
  }

  private records(batch: ByteBatchMessage): ChunkRecord[] {
    const claim = this.claims.get(batch.request);
    if (!claim) return [];
    const records: ChunkRecord[] = [];
    for (const [time, base64] of batch.chunks) {
      const record: ChunkRecord = { kind: 'chunk', time, conn: claim.conn, size: sizeOf(base64), base64 };
      if (!claim.begun) record.begins = true;
      claim.begun = true;
      records.push(record);
    }
    if (batch.ends) {
      this.claims.delete(batch.request);
      const time = batch.chunks[batch.chunks.length - 1]?.[0] ?? this.now();
      if (claim.begun) records.push({ kind: 'chunk', time, conn: claim.conn, size: 0, base64: '', ends: true });
    }
    return records;
  }

  private forget(request: string, waiting: Waiting): void {
    this.waiting.delete(request);
    this.waitingChars -= waiting.chars;
  }
}

/** Bytes in a base64 string. */
function sizeOf(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}
