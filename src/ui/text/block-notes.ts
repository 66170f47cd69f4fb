/** What else a block held besides its event, in the UI's words: comments, `retry`, the parsers' notes. */
import type { BlockContents } from '../../core/model';
import { t, words } from './catalogue';

const count = (text: string | undefined) => Number((text ?? '').replaceAll(',', ''));

/** The AWS event stream parser's notes (`core/aws-eventstream-parser.ts`). */
const AWS_NOTES: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [
    /^message CRC mismatch: the message says (0x[0-9a-f]+), its bytes give (0x[0-9a-f]+); this AWS message \((\d+) bytes\) is skipped$/,
    (m) => t('note_aws_message_crc', { expected: m[1] ?? '', actual: m[2] ?? '', size: count(m[3]) }),
  ],
  [
    /^prelude CRC mismatch: the prelude says (0x[0-9a-f]+), its bytes give (0x[0-9a-f]+); the rest of/,
    (m) => t('note_aws_prelude_crc', { expected: m[1] ?? '', actual: m[2] ?? '' }),
  ],
  [
    /^bad prelude: a message of (\d+) bytes cannot hold (\d+) bytes of headers; the rest of/,
    (m) => t('note_aws_bad_prelude', { total: count(m[1]), headers: count(m[2]) }),
  ],
  [
    /^too large: the prelude claims a message of ([\d,]+) bytes \(at most ([\d,]+) are read\); the rest of/,
    (m) => t('note_aws_too_large', { size: count(m[1]), max: count(m[2]) }),
  ],
  [
    /^bad headers: .*; this AWS message \((\d+) bytes\) is skipped$/s,
    (m) => t('note_aws_bad_headers', { size: count(m[1]) }),
  ],
  [
    /^incomplete: the stream ended inside an AWS message \((\d+) of (\d+|\?) bytes\)$/,
    (m) => t('note_aws_incomplete', { have: count(m[1]), total: m[2] === '?' ? '?' : count(m[2]) }),
  ],
  [/^not read: only the text of this response is known \(an XHR\)/, () => t('note_aws_text_only')],
  [/^binary payload: not UTF-8 text, shown as base64$/, () => t('note_aws_binary_payload')],
];

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
  ...AWS_NOTES,
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
