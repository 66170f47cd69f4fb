/**
 * What a record costs a capture, in UTF-16 code units: every string in it that a page controls or
 * can grow (event data, types, ids, origins, URLs, header names and values, bodies, status texts,
 * errors, comments, notes, raw blocks, chunk text), a chunk's bytes, and one unit for each item of
 * a list. The cap counts all of it, so that no field of any record is a way around it.
 */
import type { StoredRecord } from './model';

/** Called for every record kept: a plain event (nearly all of them) reads four lengths. */
export function recordChars(record: StoredRecord): number {
  if (
    record.kind === 'event' &&
    record.raw === undefined &&
    record.notes === undefined &&
    record.comments === undefined &&
    record.cuts === undefined &&
    record.blockId === undefined
  )
    return record.data.length + record.type.length + record.lastEventId.length + record.origin.length;
  if (record.kind === 'chunk')
    return (record.bytes?.byteLength ?? 0) + (record.base64?.length ?? 0) + (record.text?.length ?? 0);
  return charsIn(record);
}

/** Any part of a record: every field walked (records are plain data: strings, numbers, lists, bytes). */
export function charsIn(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) {
    let chars = value.length;
    for (const item of value) chars += charsIn(item);
    return chars;
  }
  if (typeof value !== 'object' || value === null) return 0;
  let chars = 0;
  for (const field of Object.values(value)) chars += charsIn(field);
  return chars;
}
