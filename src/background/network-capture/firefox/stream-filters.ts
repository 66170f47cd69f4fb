/**
 * Firefox's network capture: the bytes of a response exactly as the network delivered them, which
 * no page API exposes — comments, `retry:`, event types nobody listens for, line endings, and how
 * the network cut them.
 *
 * A stream filter sits between the network and the page. Each chunk is written on to the page
 * first, unchanged and at once; a copy goes, batched, to the document that made the request, whose
 * relay keeps it with the connection. A document that is gone, or that answers that the request is
 * not one of its streams (a fetch that asked for text/event-stream reads its own bytes), ends the
 * copying: the filter disconnects and the rest of the response flows as if it never was there.
 */
import { toBase64 } from '../../../core/base64';
import { blockEnd, type ChunkFault, injectAtBlockEnd, type Rewrite, tailAfter } from '../../../core/chunk-faults';
import { LIMITS } from '../../../core/limits';
import { maskUrl } from '../../../core/secrets';
import type { ByteChunk } from '../../../messages/messages';
import type { StreamFilter } from '../../../platform/browser';
import type { Recipient } from '../../tab-messages';
import { byteBatch, FlushTimer, whenUnwanted } from '../byte-batches';
import type { ByteBatch } from '../types';
import { PacedWrites } from './paced-writes';

/** How many bytes make a batch go at once. */
const FLUSH_BYTES = 1 << 20;

/** Sends a batch to the document; resolves to false when the document does not want the request. */
type DeliverBytes = (to: Recipient, batch: ByteBatch) => Promise<boolean>;

interface FilteredResponse {
  filter: StreamFilter;
  to: Recipient;
  /** The URL requested (the connection's), when a document made it: what a fault names. */
  url?: string;
  chunks: ByteChunk[];
  bytes: number;
  timer: FlushTimer;
  /** The copy is no longer wanted: bytes pass through untouched. */
  dropped: boolean;
  /** A fault holds or delays its chunks on their way to the page. */
  paced?: PacedWrites;
  /** The last bytes sent on to the page: whether they end a block. */
  tail: Uint8Array;
  /** A fault waiting to rewrite a chunk, and what to call once it did. */
  rewrite?: { fault: ChunkFault; applied: () => void };
  /** A fault cut the response: nothing more reaches the page. */
  cut?: boolean;
}

/** How a fault paces a live response: held for `holdMs`, or every chunk delayed by `delayMs`. */
export type Pacing = { holdMs: number } | { delayMs: number };

const now = () => performance.timeOrigin + performance.now();

export class StreamFilters {
  private readonly responses = new Map<string, FilteredResponse>();

  constructor(
    private readonly filter: (requestId: string) => StreamFilter,
    private readonly deliver: DeliverBytes,
  ) {}

  /** Responses being copied now. */
  get active(): number {
    return this.responses.size;
  }

  /** Faults waiting for a chunk to rewrite (for tests and diagnostics). */
  get rewritesWaiting(): number {
    return [...this.responses.values()].filter((r) => r.rewrite).length;
  }

  /** Starts copying a response; called while its headers are in (the listener must be blocking). */
  read(requestId: string, to: Recipient, url?: string): void {
    let filter: StreamFilter;
    try {
      filter = this.filter(requestId);
    } catch {
      return; // the request is gone, or the API refused: the page is unaffected either way
    }
    const response: FilteredResponse = {
      filter,
      to,
      url,
      chunks: [],
      bytes: 0,
      timer: new FlushTimer(() => this.flush(requestId, response, false)),
      dropped: false,
      tail: new Uint8Array(0),
    };
    this.responses.set(requestId, response);
    filter.ondata = ({ data }) => {
      if (response.cut) return;
      const bytes = new Uint8Array(data);
      const rewrite = response.rewrite?.fault(bytes, response.tail);
      if (rewrite) this.rewritten(requestId, response, rewrite);
      else {
        this.send(response, bytes);
        this.copy(requestId, response, bytes, now());
      }
    };
    const end = (error?: string) => {
      this.flush(requestId, response, true, error);
      this.responses.delete(requestId);
    };
    filter.onstop = () => {
      if (response.cut) return;
      if (response.paced) response.paced.end(() => filter.close());
      else filter.close();
      end();
    };
    filter.onerror = () => end(filter.error || 'failed');
  }

  /**
   * Drops a tab's live response from `url` (as a panel has it, secrets masked), the latest if
   * several: the filter closes, Firefox aborts the request, and an EventSource reconnects as after
   * any network failure. Returns whether there was one.
   */
  dropLive(tabId: number, url: string): boolean {
    const found = this.live(tabId, url);
    if (!found) return false;
    const [requestId, response] = found;
    try {
      response.filter.close();
    } catch {
      return false; // it ended on its own meanwhile
    }
    this.flush(requestId, response, true);
    this.responses.delete(requestId);
    return true;
  }

  /** Holds or delays a tab's live response from `url` on its way to the page; whether there was one. */
  pace(tabId: number, url: string, pacing: Pacing): boolean {
    const response = this.live(tabId, url)?.[1];
    if (!response) return false;
    if ('holdMs' in pacing) this.paced(response).hold(pacing.holdMs);
    else this.paced(response).delay(pacing.delayMs);
    return true;
  }

  private paced(response: FilteredResponse): PacedWrites {
    const filter = response.filter;
    response.paced ??= new PacedWrites((data) => {
      try {
        filter.write(data);
      } catch {
        // The response failed while its chunks were held: the page has its error already.
      }
    });
    return response.paced;
  }

  /**
   * Rewrites the next chunk of a tab's live response from `url` that `fault` wants (cut, split, or
   * an injected block put in); `applied` once it did. Whether there was a response.
   */
  rewriteNext(tabId: number, url: string, fault: ChunkFault, applied: () => void): boolean {
    const response = this.live(tabId, url)?.[1];
    if (!response) return false;
    response.rewrite = { fault, applied };
    return true;
  }

  /**
   * Injects a block into a tab's live response from `url`: now, when what reached the page ends a
   * block; else at the first block's end in the chunks to come. Whether there was a response.
   */
  inject(tabId: number, url: string, block: Uint8Array, applied: () => void): boolean {
    const found = this.live(tabId, url);
    if (!found) return false;
    const [requestId, response] = found;
    if (blockEnd(response.tail, new Uint8Array(0)) === undefined) {
      response.rewrite = { fault: injectAtBlockEnd(block), applied };
      return true;
    }
    this.send(response, block);
    this.copy(requestId, response, block, now());
    applied();
    return true;
  }

  /** A chunk a fault rewrote: its pieces reach the page (and the copy), then maybe the end. */
  private rewritten(requestId: string, response: FilteredResponse, rewrite: Rewrite): void {
    const time = now();
    const applied = response.rewrite?.applied;
    response.rewrite = undefined;
    rewrite.pieces.forEach((piece, k) => {
      if (k > 0 && rewrite.gapMs) this.paced(response).hold(rewrite.gapMs);
      this.send(response, piece);
      this.copy(requestId, response, piece, time + k * (rewrite.gapMs ?? 0));
    });
    applied?.();
    if (!rewrite.close) return;
    response.cut = true;
    const filter = response.filter;
    const close = () => {
      try {
        filter.close();
      } catch {
        // It ended on its own meanwhile.
      }
    };
    if (response.paced) response.paced.end(close);
    else close();
    this.flush(requestId, response, true);
    this.responses.delete(requestId);
  }

  /** Bytes on to the page, in order behind any a fault holds. */
  private send(response: FilteredResponse, bytes: Uint8Array): void {
    response.tail = tailAfter(response.tail, bytes);
    const data = bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
    if (response.paced) response.paced.pass(data);
    else response.filter.write(data);
  }

  /** A copy of bytes the page got, batched for its document. */
  private copy(requestId: string, response: FilteredResponse, bytes: Uint8Array, time: number): void {
    if (response.dropped) return;
    for (let at = 0; at < bytes.byteLength; at += LIMITS.chunkBytes)
      response.chunks.push([time, toBase64(bytes.subarray(at, at + LIMITS.chunkBytes))]);
    response.bytes += bytes.byteLength;
    if (response.bytes >= FLUSH_BYTES) this.flush(requestId, response, false);
    else response.timer.schedule();
  }

  /** The latest live response of the tab from `url` (as a panel has it, secrets masked). */
  private live(tabId: number, url: string): [string, FilteredResponse] | undefined {
    return [...this.responses].findLast(
      ([, r]) => r.to.tabId === tabId && r.url !== undefined && maskUrl(r.url) === url,
    );
  }

  /**
   * Closes a response as it starts (its headers are in), before a byte reaches the page: Firefox
   * breaks the connection. False when the API refused.
   */
  cut(requestId: string): boolean {
    try {
      const filter = this.filter(requestId);
      filter.onstart = () => filter.close();
      return true;
    } catch {
      return false;
    }
  }

  private flush(requestId: string, response: FilteredResponse, ends: boolean, error?: string): void {
    response.timer.cancel();
    if (response.dropped || (response.chunks.length === 0 && !ends)) return;
    const batch = byteBatch(requestId, response.chunks, ends, error);
    response.chunks = [];
    response.bytes = 0;
    whenUnwanted(this.deliver(response.to, batch), () => this.drop(requestId, response));
  }

  private drop(requestId: string, response: FilteredResponse): void {
    if (response.dropped) return;
    response.dropped = true;
    response.chunks = [];
    response.timer.cancel();
    this.responses.delete(requestId);
    try {
      response.filter.disconnect();
    } catch {
      // Already closed: the response is over.
    }
  }
}
