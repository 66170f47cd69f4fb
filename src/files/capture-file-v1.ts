/**
 * Capture files of version 1 wrote a block's comments and `retry` as notes (`comment: …`,
 * `retry: N ms`) and called non-event blocks `frames`. Read once here, on import, into the typed
 * fields of version 2; nothing else reads display text back.
 */
import { isObject } from '../core/plain-object';

const COMMENT = /^comment: ([\s\S]*)$/;
const RETRY = /^retry: (\d+) ms$/;

/** A version 1 block or event, its notes split into comments, retry and the rest. */
function typedContents(block: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(block.notes)) return block;
  const comments: string[] = [];
  const notes: unknown[] = [];
  let retry: number | undefined;
  for (const note of block.notes as unknown[]) {
    const comment = typeof note === 'string' ? COMMENT.exec(note) : null;
    const retried = typeof note === 'string' ? RETRY.exec(note) : null;
    if (comment) comments.push(comment[1] as string);
    else if (retried) retry = Number(retried[1]);
    else notes.push(note);
  }
  const out: Record<string, unknown> = { ...block, notes };
  if (comments.length > 0) out.comments = comments;
  if (retry !== undefined) out.retry = retry;
  return out;
}

/** A version 1 connection as version 2 writes it. */
export function connectionFromVersion1(c: Record<string, unknown>): Record<string, unknown> {
  const { frames, ...rest } = c;
  const blocks = Array.isArray(frames) ? frames.filter(isObject).map(typedContents) : [];
  const events = Array.isArray(c.events)
    ? c.events.filter(isObject).map((event) => {
        const typed = typedContents(event);
        if (Array.isArray(typed.notes) && typed.notes.length === 0) delete typed.notes;
        return typed;
      })
    : c.events;
  return { ...rest, blocks, events };
}
