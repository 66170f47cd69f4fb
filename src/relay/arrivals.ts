/**
 * Network capture's arrival times of fetch and XHR streams (Chrome), made the records of the
 * connections the page reads them from.
 *
 * The worker knows a response by the debugger's request id, its URL and when it started; the page
 * hook reports each stream it reads with its URL and when the page made it. A request is claimed by
 * the earliest unclaimed stream of its URL made before it started; one no stream claims (a fetch
 * the page did not read as a stream) is let go.
 */
import type { ArrivalRecord, CaptureRecord } from '../core/model';
import type { ArrivalBatchMessage } from '../messages/messages';

/** The page's clock and the network layer's may differ by a few ms. */
const CLOCK_SLACK_MS = 50;
/** Streams waiting to be claimed, at most, and request ids remembered. */
const MAX_WAITING = 256;
/** Batches waiting for their stream, at most, and for how long. */
const MAX_EARLY = 64;
const GRACE_MS = 5000;

export class Arrivals {
  /** Streams not claimed yet, by URL: their connection and when the page made them. */
  private readonly waiting = new Map<string, { conn: number; since: number }[]>();
  private waitingCount = 0;
  private readonly claims = new Map<string, number>();

  /** Batches that came before their stream's record (the page reports a stream once it has its response). */
  private early: { batch: ArrivalBatchMessage; at: number }[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Follows a record: a fetch or XHR stream (a connection made to be read) waits for its request.
   * Returns the records of batches that came first and are its.
   */
  follow(record: CaptureRecord): ArrivalRecord[] {
    if (record.kind !== 'connection' || record.type === 'eventsource' || this.waitingCount >= MAX_WAITING) return [];
    const list = this.waiting.get(record.url) ?? [];
    list.push({ conn: record.conn, since: record.time });
    this.waiting.set(record.url, list);
    this.waitingCount++;
    if (this.early.length === 0) return [];
    const now = this.now();
    const early = this.early.filter((item) => now - item.at < GRACE_MS);
    this.early = [];
    return early.flatMap((item) => this.receive(item.batch, item.at));
  }

  /** A batch from the worker: its records, or none (yet) when no stream of this document made the request. */
  receive(batch: ArrivalBatchMessage, at = this.now()): ArrivalRecord[] {
    let conn = this.claims.get(batch.request);
    if (conn === undefined) {
      const list = this.waiting.get(batch.url) ?? [];
      const index = list.findIndex((stream) => stream.since <= batch.requestTime + CLOCK_SLACK_MS);
      if (index < 0) {
        // Its stream may not be reported yet; a fetch the page does not read as a stream never is.
        if (this.early.length < MAX_EARLY) this.early.push({ batch, at });
        return [];
      }
      conn = (list.splice(index, 1)[0] as { conn: number }).conn;
      this.waitingCount--;
      if (this.claims.size >= MAX_WAITING) this.claims.delete(this.claims.keys().next().value as string);
      this.claims.set(batch.request, conn);
    }
    if (batch.ends) this.claims.delete(batch.request);
    return batch.chunks.map(([time, size]): ArrivalRecord => ({ kind: 'arrival', time, conn, size }));
  }
}
