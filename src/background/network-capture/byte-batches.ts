/**
 * How both browsers' network capture sends a response's bytes: chunks gather for a moment and go
 * as one `bytes` message; a document that is gone, or that answers the request is not its own, is
 * sent no more of them.
 */
import type { ByteChunk } from '../../messages/messages';
import type { ByteBatch } from './types';

/** How long chunks wait to be sent together. */
const FLUSH_MS = 16;

/** One request's next flush, set by its first chunk waiting. */
export class FlushTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly flush: () => void) {}

  schedule(): void {
    this.timer ??= setTimeout(this.flush, FLUSH_MS);
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export function byteBatch(request: string, chunks: ByteChunk[], ends: boolean, error?: string): ByteBatch {
  const batch: ByteBatch = { request, chunks };
  if (ends) batch.ends = true;
  if (ends && error !== undefined) batch.error = error;
  return batch;
}

/** Calls `unwanted` once the document answered that the batch is not its own, or could not be reached. */
export function whenUnwanted(sent: Promise<boolean>, unwanted: () => void): void {
  sent.then((wanted) => {
    if (!wanted) unwanted();
  }, unwanted);
}
