/**
 * The JSON wire form of a batch of capture records: how records travel between relay, worker and
 * panel where extension messaging is JSON (Chrome before 148), and a connection's secrets and a
 * removed frame's capture everywhere (where messaging is structured clone, live batches and
 * backlogs go as columns: ./wire-columns). Plain events (no optional fields) travel as tuples;
 * everything else as the record. As JSON, a batch's size is what a backlog costs to show.
 */
import type { CaptureRecord, EventRecord } from '../core/model';
import { isObject } from '../core/plain-object';
import { isSeq, validateCaptureRecord } from '../core/validate-record';

/**
 * A plain event (no optional fields) on the wire: [seq, time, conn, data, type or 0 for
 * `message`, lastEventId, origin or 0 for the previous event's in the batch]: about half an event
 * record's JSON, keys and repeated values gone.
 */
export type EventTuple = [number, number, number, string, string | 0, string, string | 0];
export type WireRecord = CaptureRecord | EventTuple;

/** An event with no optional field: the wire forms carry it without field names. */
export const isPlainEvent = (r: CaptureRecord): r is EventRecord & { seq: number } =>
  r.kind === 'event' &&
  r.originalSize === undefined &&
  r.synthetic === undefined &&
  r.raw === undefined &&
  r.cuts === undefined &&
  r.blockId === undefined &&
  r.notes === undefined &&
  r.unsentChars === undefined;

/**
 * The wire form of a batch of records, for `fromWire` at the other end; `other` prepares the
 * records that travel as objects (the relay turns chunk bytes into base64), in the same pass.
 */
export function toWire(
  records: readonly CaptureRecord[],
  other: (record: CaptureRecord) => CaptureRecord = (record) => record,
): { last: number; records: WireRecord[] } {
  let origin: string | undefined;
  const wire = records.map((r): WireRecord => {
    if (!isPlainEvent(r)) return other(r);
    const tuple: EventTuple = [
      r.seq,
      r.time,
      r.conn,
      r.data,
      r.type === 'message' ? 0 : r.type,
      r.lastEventId,
      r.origin === origin ? 0 : r.origin,
    ];
    origin = r.origin;
    return tuple;
  });
  return { last: records[records.length - 1]?.seq ?? 0, records: wire };
}

/**
 * A batch's records, each checked, in seq order ending at `last`; null if one does not pass or
 * the seqs are out of order: a batch is refused whole, never in part.
 */
export function fromWire(items: unknown, last: number): CaptureRecord[] | null {
  if (!Array.isArray(items) || items.length === 0) return null;
  const records: CaptureRecord[] = [];
  let previous = 0;
  let origin: unknown;
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    let candidate = item;
    if (Array.isArray(item)) {
      if (item.length !== 7 || (item[6] === 0 && origin === undefined)) return null;
      // By index: an array's iterator is not to be trusted.
      const tuple = item as unknown[];
      if (tuple[6] !== 0) origin = tuple[6];
      const type = tuple[4] === 0 ? 'message' : tuple[4];
      candidate = {
        kind: 'event',
        seq: tuple[0],
        time: tuple[1],
        conn: tuple[2],
        data: tuple[3],
        type,
        lastEventId: tuple[5],
        origin,
      };
    }
    const record = validateCaptureRecord(candidate);
    if (!record || record.seq <= previous) return null;
    previous = record.seq;
    records.push(record);
  }
  return previous === last ? records : null;
}

/**
 * A batch as JSON text, for the relay → worker → panel road: the relay (on the page's main thread)
 * serializes it once, in one `JSON.stringify`, which costs the page less than extension messaging
 * serializing the array item by item; the worker forwards the text as it is; the panel parses it.
 */
export function toWireText(
  records: readonly CaptureRecord[],
  other?: (record: CaptureRecord) => CaptureRecord,
): { last: number; records: string } {
  const { last, records: wire } = toWire(records, other);
  return { last, records: JSON.stringify(wire) };
}

/** `fromWire` of a batch's JSON text; null if it is not JSON. */
export function fromWireText(text: string, last: number): CaptureRecord[] | null {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    return null;
  }
  return fromWire(items, last);
}

/** The seq of a batch's first record, when its text tells it (of a batch refused whole). */
export function firstSeqOf(text: string): number | undefined {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    return undefined;
  }
  const first: unknown = Array.isArray(items) ? items[0] : undefined;
  const seq = Array.isArray(first) ? first[0] : isObject(first) ? first.seq : undefined;
  return isSeq(seq) ? seq : undefined;
}
