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

/** `count`: the connection's comment lines, counted as they came (the view renders often: no recount). */
export function keepAlivesOf(blocks: readonly BlockRecord[], count: number): KeepAlives | undefined {
  if (count === 0) return undefined;
  for (const block of blocks) {
    const first = block.comments?.[0];
    if (first !== undefined) return { count, first: first.trim() };
  }
  return undefined;
}
