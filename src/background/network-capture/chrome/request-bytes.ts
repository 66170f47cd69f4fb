/**
 * What Chrome's debugger delivered of a followed request, sent on in batches: an EventSource's or
 * a worker stream's bytes, cut where the relay's limit is, or when the pieces of a stream the page
 * reads itself arrived. Bytes go only once the request is answered, so that its observation
 * reaches the document first; a body that could not be streamed is read whole at its end.
 */
import { toBase64 } from '../../../core/base64';
import { LIMITS } from '../../../core/limits';
import type { ArrivalBatchMessage, Unbranded } from '../../../messages/messages';
import type { DebuggerApi } from '../../../platform/browser';
import { byteBatch, whenUnwanted } from '../byte-batches';
import { asParams, ignore, text } from './cdp';
import { type DebuggerOutlets, type Followed, topFrame } from './followed';

/** Epoch ms of a CDP timestamp (monotonic seconds) for this request; now when it has none. */
export function epochMs(request: Followed, timestamp: unknown): number {
  const seconds = Number(timestamp);
  return Number.isFinite(seconds) ? (request.clock + seconds) * 1000 : Date.now();
}

export class RequestBytes {
  constructor(
    private readonly api: Pick<DebuggerApi, 'sendCommand'>,
    private readonly out: Pick<DebuggerOutlets, 'bytes' | 'arrivals' | 'pageBytes'>,
  ) {}

  chunk(request: Followed, time: number, base64: string): void {
    // Cut where the relay's limit is, on a four-character (three-byte) boundary.
    for (let at = 0; at < base64.length; at += LIMITS.chunkBytes)
      request.chunks.push([time, base64.slice(at, at + LIMITS.chunkBytes)]);
    request.timer.schedule();
  }

  /** The last batch of a response: a body that could not be streamed is read whole first, where the browser kept it. */
  async finish(id: string, request: Followed, error: string | undefined): Promise<void> {
    if (request.unstreamed && request.chunks.length === 0 && request.answered && error === undefined) {
      const body = asParams(
        await this.api.sendCommand(request.session, 'Network.getResponseBody', { requestId: id }).catch(ignore),
      );
      const content = text(body.body);
      if (content)
        this.chunk(
          request,
          Date.now(),
          body.base64Encoded === true ? content : toBase64(new TextEncoder().encode(content)),
        );
    }
    this.flush(id, request, true, error);
  }

  flush(id: string, request: Followed, ends: boolean, error?: string): void {
    request.timer.cancel();
    if (request.kind === 'arrivals') {
      if (request.arrivals.length === 0 && !ends) return;
      const batch: Unbranded<ArrivalBatchMessage> = {
        type: 'arrivals',
        request: id,
        url: request.requestedUrl,
        requestTime: request.requestTime,
        chunks: request.arrivals,
      };
      if (ends) batch.ends = true;
      request.arrivals = [];
      this.out.arrivals(topFrame(request.tabId), batch);
      return;
    }
    if (request.dropped || (request.chunks.length === 0 && !ends)) return;
    if (!request.answered) {
      // Bytes buffered before the answer was seen: they go once it is (its observation first).
      if (!ends) request.timer.schedule();
      return;
    }
    const batch = byteBatch(id, request.chunks, ends, request.worker ? error : undefined);
    request.chunks = [];
    const { page, requestedUrl: url, requestTime } = request;
    const sent = page
      ? this.out.pageBytes(request.tabId, { id, url, requestTime, ...page }, batch)
      : this.out.bytes(topFrame(request.tabId), batch);
    whenUnwanted(sent, () => {
      request.dropped = true;
    });
  }
}
