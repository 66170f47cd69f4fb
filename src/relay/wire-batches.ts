/**
 * Batches of records cut to the size of a message. Extension messaging refuses a message past a
 * limit (64 MiB in Chrome, counted on its serialized form), and a refused batch once left the
 * panel without the document's records for good. Every batch the relay sends goes through here:
 * live batches, the backlog, and a removed frame's capture handed to the top frame.
 *
 * A batch travels as JSON text (`toWireText`), which the browser serializes again: as JSON (each
 * `"` and `\` of the text escaped once more, then UTF-8: at most 3 bytes a UTF-16 code unit of a
 * JSON text, which holds no control character and no lone surrogate) or by structured clone (at
 * most 2 bytes a code unit). So a text of n code units takes at most 3n bytes: one comparison
 * clears nearly every batch, and only a larger one is counted exactly. A batch that does not fit
 * is halved until it does; a record too large alone is sent cut (`cutToFit`), under its own seq,
 * saying how much of it did not go. Where messaging is structured clone, a batch travels as
 * columns (`toColumns`) instead, measured by `columnBytes`.
 */

import { utf8Length } from '../core/limits';
import type { CaptureRecord, DocumentInfo } from '../core/model';
import { charsIn } from '../core/record-chars';
import { toWire, toWireText, type WireRecord } from '../messages/wire-codec';
import { columnBytes, toColumns, type WireColumns } from '../messages/wire-columns';

/** The most one message may take, serialized: half of Chrome's limit, for what we cannot foresee. */
const MESSAGE_BYTES = 32 * 2 ** 20;
/** A message's other fields (type, docId, last, brand), generously. */
const ENVELOPE_BYTES = 4096;
/** A record sent cut keeps this much of each string, and of each list. */
const CUT_CHARS = 1024;
const CUT_ITEMS = 64;

type Prepare = (record: CaptureRecord) => CaptureRecord;

interface TextBatch {
  /** The seq of the batch's first record (not sent: to say what a refused message held). */
  first: number;
  last: number;
  records: string;
}

/** A batch as JSON texts that each fit a message (on the live path: one text, one comparison). */
export function* textBatches(records: readonly CaptureRecord[], prepare: Prepare): Generator<TextBatch> {
  yield* fitted(records, ENVELOPE_BYTES, (part) => {
    const batch = toWireText(part, prepare);
    return { fits: textFits(batch.records), batch: { first: (part[0] as CaptureRecord).seq, ...batch } };
  });
}

/** A batch as columns that each fit a message, for messaging that is structured clone. */
export function* columnBatches(
  records: readonly CaptureRecord[],
  prepare: Prepare,
): Generator<{ first: number; last: number; records: WireColumns }> {
  yield* fitted(records, ENVELOPE_BYTES, (part) => {
    const batch = toColumns(part, prepare);
    return {
      fits: (room: number) => columnBytes(batch.records) <= room,
      batch: { first: (part[0] as CaptureRecord).seq, ...batch },
    };
  });
}

/**
 * Sends a batch in messages that fit (`post` says whether the browser took one). A message refused
 * though it fits is replaced by an `unsent` record standing for its records, so that a reader goes
 * on after them; returns false when that is refused too (the port is gone).
 */
export function sendBatch(
  records: readonly CaptureRecord[],
  prepare: Prepare,
  post: (batch: { last: number; records: string | WireColumns }) => boolean,
  now: () => number,
  columns = false,
): boolean {
  const batches = columns ? columnBatches(records, prepare) : textBatches(records, prepare);
  for (const { first, last, records: wire } of batches) {
    if (post({ last, records: wire })) continue;
    const unsent: CaptureRecord = { kind: 'unsent', time: now(), conn: 0, records: last - first + 1, seq: last };
    if (!post(toWireText([unsent]))) return false;
  }
  return true;
}

/**
 * A batch as wire arrays for `runtime.sendMessage` (a removed frame's capture), each fitting one
 * message beside the document's description; measured by their JSON text (made for that only).
 */
export function* arrayBatches(
  records: readonly CaptureRecord[],
  prepare: Prepare,
  doc: DocumentInfo,
): Generator<{ last: number; records: WireRecord[] }> {
  const envelope = ENVELOPE_BYTES + 3 * JSON.stringify(doc).length;
  yield* fitted(records, envelope, (part) => {
    const batch = toWire(part, prepare);
    return { fits: textFits(JSON.stringify(batch.records)), batch };
  });
}

/** Whether a text fits in `room` bytes of a message: one comparison, or counted exactly when large. */
const textFits = (text: string) => (room: number) => 3 * text.length <= room || sentBytes(text) <= room;

function* fitted<T>(
  records: readonly CaptureRecord[],
  envelope: number,
  encode: (records: readonly CaptureRecord[]) => { fits: (room: number) => boolean; batch: T },
): Generator<T> {
  if (records.length === 0) return;
  const { fits, batch } = encode(records);
  const room = MESSAGE_BYTES - envelope;
  if (fits(room)) {
    yield batch;
    return;
  }
  if (records.length > 1) {
    const half = records.length >> 1;
    yield* fitted(records.slice(0, half), envelope, encode);
    yield* fitted(records.slice(half), envelope, encode);
    return;
  }
  // Cut, a record holds at most some 200 strings of CUT_CHARS (64 headers, comments, notes): 3 MiB at most.
  yield encode([cutToFit(records[0] as CaptureRecord)]).batch;
}

/**
 * The bytes a text takes in a message at most: escaped as a JSON string and encoded as UTF-8, or
 * 2 a code unit by structured clone, whichever is more.
 */
export function sentBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x20) bytes += code >= 0x08 && code <= 0x0d && code !== 0x0b ? 2 : 6;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code < 0xd800 || code > 0xdfff) bytes += 3;
    else if (code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 6;
  }
  return Math.max(bytes, 2 * text.length);
}

/**
 * A copy of a record with every string cut to CUT_CHARS and every list to CUT_ITEMS (chunk bytes
 * to what CUT_CHARS of base64 hold), and `unsentChars` saying how much did not go. A cut string of
 * base64 stays base64: CUT_CHARS is a multiple of 4.
 */
export function cutToFit(record: CaptureRecord): CaptureRecord {
  let unsent = 0;
  const cut = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value.length <= CUT_CHARS) return value;
      unsent += value.length - CUT_CHARS;
      return value.slice(0, CUT_CHARS);
    }
    if (value instanceof Uint8Array) {
      const keep = (CUT_CHARS / 4) * 3;
      if (value.byteLength <= keep) return value;
      unsent += value.byteLength - keep;
      return value.subarray(0, keep);
    }
    if (Array.isArray(value)) {
      unsent += charsIn(value.slice(CUT_ITEMS));
      return value.slice(0, CUT_ITEMS).map(cut);
    }
    return value;
  };
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) copy[field] = cut(value);
  // An event whose data was cut says how large the data was, as one cut in the page does.
  if (record.kind === 'event' && record.originalSize === undefined && copy.data !== record.data)
    copy.originalSize = utf8Length(record.data);
  copy.unsentChars = (record.unsentChars ?? 0) + Math.max(1, unsent);
  return copy as unknown as CaptureRecord;
}
