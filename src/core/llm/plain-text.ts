/**
 * The text a stream no protocol claimed spells out: events whose data is not JSON, joined as they
 * came (`[DONE]`-style markers left out). Streams of plain words (a text stream, a log) read as
 * one text; anything else has no answer to show.
 */
import { parseJson } from '../json';

export interface PlainText {
  text: string;
  /** Events that contributed. */
  parts: number;
}

export function joinPlainText(events: readonly { data: string }[]): PlainText | undefined {
  let text = '';
  let parts = 0;
  for (const event of events) {
    if (event.data === '[DONE]' || parseJson(event.data) !== undefined) continue;
    text += event.data;
    parts++;
  }
  return parts > 0 ? { text, parts } : undefined;
}
