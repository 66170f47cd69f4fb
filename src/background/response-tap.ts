/**
 * Firefox only, and only when the user opts in ("Exact bytes" in the panel's settings): the bytes
 * of an EventSource response exactly as the network delivered them, which no page API exposes —
 * comments, `retry:`, event types nobody listens for, line endings, and how the network cut them.
 *
 * A stream filter sits between the network and the page. Each chunk is written on to the page
 * first, unchanged and at once; a copy goes, batched, to the document that made the request, whose
 * relay keeps it with the connection. A document that is gone, or that answers that the request is
 * not one of its EventSources (a fetch that asked for text/event-stream reads its own bytes), ends
 * the copying: the filter disconnects and the rest of the response flows as if it never was there.
 */
import { toBase64 } from '../core/base64';
import { LIMITS } from '../core/model';
import type { StreamFilter } from '../platform/browser';
import type { ByteChunk } from '../protocol/messages';
import type { Recipient } from './http-observer';

/** How long copies wait to be sent together, and how many bytes make a batch go at once. */
const FLUSH_MS = 16;
const FLUSH_BYTES = 1 << 20;

/** A batch of one request's chunks for its document; `ends` once the response is over. */
export interface ByteBatch {
  request: string;
  chunks: ByteChunk[];
  ends?: true;
  /** With `ends`, for a worker's stream: the error that ended it. */
  error?: string;
}

/** Sends a batch to the document; resolves to false when the document does not want the request. */
export type DeliverBytes = (to: Recipient, batch: ByteBatch) => Promise<boolean>;

interface TappedResponse {
  filter: StreamFilter;
  to: Recipient;
  chunks: ByteChunk[];
  bytes: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The copy is no longer wanted: bytes pass through untouched. */
  dropped: boolean;
}

const now = () => performance.timeOrigin + performance.now();

export class ResponseTap {
  private readonly taps = new Map<string, TappedResponse>();

  constructor(
    private readonly filter: (requestId: string) => StreamFilter,
    private readonly deliver: DeliverBytes,
  ) {}

  /** Requests being copied now. */
  get active(): number {
    return this.taps.size;
  }

  /** Starts copying a response; called while its headers are in (the listener must be blocking). */
  tap(requestId: string, to: Recipient): void {
    let filter: StreamFilter;
    try {
      filter = this.filter(requestId);
    } catch {
      return; // the request is gone, or the API refused: the page is unaffected either way
    }
    const tap: TappedResponse = { filter, to, chunks: [], bytes: 0, timer: undefined, dropped: false };
    this.taps.set(requestId, tap);
    filter.ondata = ({ data }) => {
      filter.write(data);
      if (tap.dropped) return;
      const time = now();
      const bytes = new Uint8Array(data);
      for (let at = 0; at < bytes.byteLength; at += LIMITS.chunkBytes)
        tap.chunks.push([time, toBase64(bytes.subarray(at, at + LIMITS.chunkBytes))]);
      tap.bytes += bytes.byteLength;
      if (tap.bytes >= FLUSH_BYTES) this.flush(requestId, tap, false);
      else tap.timer ??= setTimeout(() => this.flush(requestId, tap, false), FLUSH_MS);
    };
    const end = (error?: string) => {
      this.flush(requestId, tap, true, error);
      this.taps.delete(requestId);
    };
    filter.onstop = () => {
      filter.close();
      end();
    };
    filter.onerror = () => end(filter.error || 'failed');
  }

  private flush(requestId: string, tap: TappedResponse, ends: boolean, error?: string): void {
    if (tap.timer !== undefined) clearTimeout(tap.timer);
    tap.timer = undefined;
    if (tap.dropped || (tap.chunks.length === 0 && !ends)) return;
    const batch: ByteBatch = { request: requestId, chunks: tap.chunks };
    if (ends) batch.ends = true;
    if (ends && error !== undefined) batch.error = error;
    tap.chunks = [];
    tap.bytes = 0;
    this.deliver(tap.to, batch).then(
      (wanted) => {
        if (!wanted) this.drop(requestId, tap);
      },
      () => this.drop(requestId, tap),
    );
  }

  private drop(requestId: string, tap: TappedResponse): void {
    if (tap.dropped) return;
    tap.dropped = true;
    tap.chunks = [];
    if (tap.timer !== undefined) clearTimeout(tap.timer);
    this.taps.delete(requestId);
    try {
      tap.filter.disconnect();
    } catch {
      // Already closed: the response is over.
    }
  }
}
