/** What else a block held besides its event, in the UI's words: comments, `retry`, the parsers' notes. */
import type { BlockContents } from '../../core/model';
import { t, words } from './catalogue';

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
