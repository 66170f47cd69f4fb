/**
 * The comment lines a stream sent between its events (`: OPENROUTER PROCESSING`, `: ping`): a
 * server's way to keep the connection open while the model is queued or thinking. They are
 * neither events nor errors; the Response view says how many came, and what the first said.
 */
import type { BlockRecord } from '../model';

export interface KeepAlives {
  count: number;
  first: string;
}

export function keepAlivesOf(blocks: readonly BlockRecord[]): KeepAlives | undefined {
  let count = 0;
  let first: string | undefined;
  for (const block of blocks) {
    if (!block.comments) continue;
    count += block.comments.length;
    first ??= block.comments[0];
  }
  return first === undefined ? undefined : { count, first: first.trim() };
}
