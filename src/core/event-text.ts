/** The texts the detail pane shows and copies for an event: its JSON, and its block on the network. */
import { t, words } from './i18n';
import type { BlockContents } from './model';
import type { EventView } from './store/views';

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/**
 * The event as a server could have sent it: `event:` unless the type is `message`, `id:` when the
 * event changed the last event id, and one `data:` line per line of data. EventSource does not
 * expose the bytes, so comments, `retry:` fields, an `id:` repeating the previous one and the line
 * endings are not known; the panel labels this text as rebuilt. Parsing it gives the same event.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function rebuildBlock(event: Pick<EventView, 'type' | 'data' | 'lastEventId' | 'idChanged'>): string {
  const lines: string[] = [];
  if (event.type !== 'message') lines.push(`event: ${event.type}`);
  if (event.idChanged) lines.push(event.lastEventId === '' ? 'id' : `id: ${event.lastEventId}`);
  for (const line of event.data.split('\n')) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

/**
 * The notes the parsers write into a capture (eventsource-parser's and ours, kept in English in
 * records and files), each in the UI's language when it is one they are known to write.
 */
const NOTES: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [/^Unknown field "(.*)"$/s, (m) => t('note_unknown_field', { field: m[1] ?? '' })],
  [/^Invalid `retry` value: "(.*)"$/s, (m) => t('note_invalid_retry', { value: m[1] ?? '' })],
  [/^incomplete: the stream ended inside this block/, () => t('note_incomplete_block')],
  [/^incomplete: the stream ended inside this line/, () => t('note_incomplete_line')],
  [/^rewritten: the page re-initialised this event \(initMessageEvent\)/, () => t('note_rewritten')],
  [
    /^too long: a (block|line) of more than ([\d,]+) characters/,
    (m) => t(m[1] === 'line' ? 'note_too_long_line' : 'note_too_long_block', { max: m[2] ?? '' }),
  ],
  [/^id: (.*) \(sets the last event id; no event without data\)$/s, (m) => t('note_id_only', { id: m[1] ?? '' })],
];

function noteText(note: string): string {
  for (const [pattern, text] of NOTES) {
    const match = pattern.exec(note);
    if (match) return text(match);
  }
  return note;
}

/** What else a block held, as the panel lists it: its comment lines, its `retry`, then the notes. */
export function blockNotes(block: BlockContents): string[] {
  const lines = (block.comments ?? []).map((comment) => `comment: ${comment}`);
  if (block.retry !== undefined) lines.push(`retry: ${words().milliseconds(block.retry)}`);
  return block.notes === undefined ? lines : [...lines, ...block.notes.map(noteText)];
}
