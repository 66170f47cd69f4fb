/**
 * A batch of capture records as columns, for messaging that is structured clone (Firefox always;
 * Chrome from 148 with the manifest's `message_serialization`): the plain events' numbers in typed
 * arrays, their strings in arrays, repeated values named once, every other record as it is. The
 * page's relay builds it without making a text, the browser copies it without escaping anything,
 * and the panel takes it without `JSON.parse`. Where messaging is JSON, batches travel as text
 * (`toWireText`): the relay sends columns only when the worker showed it that a typed array
 * arrives as one.
 */
import type { CaptureRecord, EventRecord } from '../core/model';
import { isObject } from '../core/plain-object';
import { validateCaptureRecord } from '../core/validate-record';
import { isPlainEvent } from './wire-codec';

export interface WireColumns {
  /** The plain events, in seq order: seq, time and connection. */
  seq: Float64Array;
  time: Float64Array;
  conn: Float64Array;
  data: string[];
  /** The event's `lastEventId`, or 0 when it is the batch's previous event's. */
  id: (string | 0)[];
  /** Indices into `types` and `origins`. */
  type: Uint32Array;
  types: string[];
  origin: Uint32Array;
  origins: string[];
  /** Every other record, in seq order (chunk bytes as base64, as `other` made them). */
  other: CaptureRecord[];
}

/** A batch as columns; `other` prepares the records that travel as they are, as `toWire`'s does. */
export function toColumns(
  records: readonly CaptureRecord[],
  other: (record: CaptureRecord) => CaptureRecord = (record) => record,
): { last: number; records: WireColumns } {
  let count = 0;
  for (const r of records) if (isPlainEvent(r)) count++;
  const seq = new Float64Array(count);
  const time = new Float64Array(count);
  const conn = new Float64Array(count);
  const type = new Uint32Array(count);
  const origin = new Uint32Array(count);
  const data: string[] = new Array(count);
  const id: (string | 0)[] = new Array(count);
  const types: string[] = [];
  const origins: string[] = [];
  const others: CaptureRecord[] = [];
  const typeAt = new Map<string, number>();
  const originAt = new Map<string, number>();
  let previousId: string | undefined;
  let i = 0;
  for (const r of records) {
    if (!isPlainEvent(r)) {
      others.push(other(r));
      continue;
    }
    seq[i] = r.seq;
    time[i] = r.time;
    conn[i] = r.conn;
    data[i] = r.data;
    id[i] = r.lastEventId === previousId ? 0 : r.lastEventId;
    previousId = r.lastEventId;
    type[i] = indexIn(types, typeAt, r.type);
    origin[i] = indexIn(origins, originAt, r.origin);
    i++;
  }
  return {
    last: records[records.length - 1]?.seq ?? 0,
    records: { seq, time, conn, data, id, type, types, origin, origins, other: others },
  };
}

function indexIn(table: string[], at: Map<string, number>, value: string): number {
  let index = at.get(value);
  if (index === undefined) {
    index = table.length;
    table.push(value);
    at.set(value, index);
  }
  return index;
}

/**
 * The most a batch of columns takes in a message, by structured clone, which writes a string as
 * at most 2 bytes a code unit after a tag and its length, a number in 9 bytes, bytes as they are.
 * Read from lengths only: the relay runs on the page's main thread, and making the other records'
 * JSON text to measure them (1 MiB chunks, as base64) cost what columns are there to save.
 */
export function columnBytes(c: WireColumns): number {
  let bytes = 64 + c.seq.length * 40;
  for (const s of c.data) bytes += 2 * s.length + 8;
  for (const s of c.id) bytes += s === 0 ? 2 : 2 * s.length + 8;
  for (const s of c.types) bytes += 2 * s.length + 8;
  for (const s of c.origins) bytes += 2 * s.length + 8;
  return bytes + cloneBytes(c.other);
}

/** What structured clone writes of a plain value at most (records: strings, numbers, lists, bytes). */
function cloneBytes(value: unknown): number {
  if (typeof value === 'string') return 2 * value.length + 8;
  if (value instanceof Uint8Array) return value.byteLength + 32;
  if (Array.isArray(value)) {
    let bytes = 8;
    for (const item of value) bytes += cloneBytes(item);
    return bytes;
  }
  if (typeof value !== 'object' || value === null) return 9;
  let bytes = 8;
  for (const [key, field] of Object.entries(value)) bytes += 2 * key.length + 8 + cloneBytes(field);
  return bytes;
}

/** Whether a batch's `records` are columns (whatever they hold: `fromColumns` checks it). */
export const areColumns = (x: unknown): x is Record<string, unknown> => isObject(x) && !Array.isArray(x);

/**
 * A batch's records from its columns, each checked, in seq order ending at `last`; null if the
 * columns are not what `toColumns` makes, a record does not pass, or the seqs are out of order.
 */
export function fromColumns(x: unknown, last: number): CaptureRecord[] | null {
  if (!areColumns(x)) return null;
  const { seq, time, conn, data, id, type, types, origin, origins, other } = x;
  if (!(seq instanceof Float64Array) || !(time instanceof Float64Array) || !(conn instanceof Float64Array)) return null;
  if (!(type instanceof Uint32Array) || !(origin instanceof Uint32Array)) return null;
  if (!Array.isArray(data) || !Array.isArray(id) || !Array.isArray(types) || !Array.isArray(origins)) return null;
  if (!Array.isArray(other)) return null;
  const count = seq.length;
  if ([time, conn, type, origin].some((column) => column.length !== count)) return null;
  if (data.length !== count || id.length !== count || count + other.length === 0) return null;
  const records: CaptureRecord[] = [];
  let previous = 0;
  let lastEventId: unknown;
  let o = 0;
  const push = (candidate: unknown): boolean => {
    const record = validateCaptureRecord(candidate);
    if (!record || record.seq <= previous) return false;
    previous = record.seq;
    records.push(record);
    return true;
  };
  // By index throughout: an array's iterator is not to be trusted.
  for (let i = 0; i < count; i++) {
    const at = seq[i] as number;
    while (o < other.length && seqOf(other[o]) < at) if (!push(other[o++])) return null;
    const given: unknown = id[i];
    if (given !== 0) lastEventId = given;
    else if (lastEventId === undefined) return null;
    const event: Partial<EventRecord> & { seq: number } = {
      kind: 'event',
      seq: at,
      time: time[i] as number,
      conn: conn[i] as number,
      data: data[i] as string,
      type: types[type[i] as number] as string,
      lastEventId: lastEventId as string,
      origin: origins[origin[i] as number] as string,
    };
    if (!push(event)) return null;
  }
  while (o < other.length) if (!push(other[o++])) return null;
  return previous === last ? records : null;
}

const seqOf = (record: unknown): number =>
  isObject(record) && typeof record.seq === 'number' ? record.seq : Number.POSITIVE_INFINITY;

/** The seq of a batch's first record, when its columns tell it (of a batch refused whole). */
export function firstSeqOfColumns(x: unknown): number | undefined {
  if (!areColumns(x)) return undefined;
  const first = x.seq instanceof Float64Array ? x.seq[0] : undefined;
  const other: unknown = Array.isArray(x.other) && isObject(x.other[0]) ? x.other[0].seq : undefined;
  const seqs = [first, other].filter((s): s is number => Number.isSafeInteger(s) && (s as number) > 0);
  return seqs.length > 0 ? Math.min(...seqs) : undefined;
}
