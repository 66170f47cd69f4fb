/**
 * The text a stream no protocol claimed spells out: events whose data is not JSON (`[DONE]`-style
 * markers left out). Pieces of a text (tokens: some begin or end with a space or a line end) are
 * joined as they came; whole messages (none does: statuses, log lines) one a line, so that they do
 * not run together. Anything else has no answer to show.
 */
import { parseJson } from '../json';

export interface PlainText {
  text: string;
  /** Events that contributed. */
  parts: number;
  /** Whether they were pieces of one text (joined as they came) or whole messages (one a line). */
  pieces: boolean;
}

const EDGE_SPACE = /^\s|\s$/;

export function joinPlainText(events: readonly { data: string }[]): PlainText | undefined {
  const parts: string[] = [];
  let pieces = false;
  for (const event of events) {
    if (event.data === '[DONE]' || parseJson(event.data) !== undefined) continue;
    parts.push(event.data);
    if (!pieces && EDGE_SPACE.test(event.data)) pieces = true;
  }
  if (parts.length === 0) return undefined;
  return { text: parts.join(pieces ? '' : '\n'), parts: parts.length, pieces };
}
