/**
 * One document's capture: an append-only, numbered log of records, kept for the life of the page
 * so that a panel opened late (or a service worker restarted) can read it from any cursor.
 *
 * It keeps at most `budget` UTF-16 code units of event data, raw blocks and chunks (plus a small
 * per-record overhead); past that, events are counted per connection in `dropped` records
 * instead of kept, and chunks are let go. Lifecycle
 * records are always kept: they are small and the connection's story needs them.
 */

import { type CaptureRecord, LIMITS, type RelayRecord, recordChars, type StoredRecord } from '../core/model';
import { partitionPoint } from '../core/partition';

/** What a record costs beyond its event data, roughly, in the same units. */
const RECORD_OVERHEAD = 64;

export class FrameCapture {
  private readonly log: CaptureRecord[] = [];
  private used = 0;

  constructor(private budget: number = LIMITS.documentChars) {}

  /** The user's cap (in the same units); what is kept already stays. */
  setBudget(budget: number): void {
    this.budget = budget;
  }

  get size(): number {
    return this.log.length;
  }

  /** Numbers and keeps records (taking them over); returns what was appended (dropped events summed per connection). */
  append(records: readonly StoredRecord[], rejected = 0): CaptureRecord[] {
    const added: CaptureRecord[] = [];
    const dropped = new Map<number, { events: number; chars: number; time: number }>();
    for (const record of records) {
      const chars = recordChars(record);
      const cost = RECORD_OVERHEAD + chars;
      const droppable = record.kind === 'event' || record.kind === 'chunk' || record.kind === 'block';
      if (droppable && this.used + cost > this.budget) {
        const sum = dropped.get(record.conn) ?? { events: 0, chars: 0, time: record.time };
        if (record.kind === 'event') sum.events++;
        sum.chars += chars;
        sum.time = record.time;
        dropped.set(record.conn, sum);
        continue;
      }
      this.used += cost;
      added.push(this.push(record));
    }
    for (const [conn, sum] of dropped) {
      added.push(this.push({ kind: 'dropped', reason: 'budget', ...sum, conn }));
    }
    if (rejected > 0) {
      added.push(
        this.push({ kind: 'dropped', reason: 'invalid', time: Date.now(), conn: 0, events: rejected, chars: 0 }),
      );
    }
    return added;
  }

  /**
   * Keeps another document's records as they were numbered there (a removed frame's capture,
   * adopted by the top frame). They were capped where they were made; parts that arrive twice or
   * out of order add nothing older than what is kept. Returns what was added.
   */
  adopt(records: readonly CaptureRecord[]): CaptureRecord[] {
    const added: CaptureRecord[] = [];
    for (const record of records) {
      if (record.seq <= this.lastSeq) continue;
      this.used += RECORD_OVERHEAD + recordChars(record);
      this.log.push(record);
      added.push(record);
    }
    return added;
  }

  private get lastSeq(): number {
    return this.log[this.log.length - 1]?.seq ?? 0;
  }

  /** Keeps a record the relay itself wrote (an HTTP observation). */
  note(record: RelayRecord): CaptureRecord {
    return this.push(record);
  }

  /**
   * Records after `seq` in chunks of at most `records` records and about `chars` UTF-16 code units
   * of event data (a single larger record makes a chunk of its own): extension messages have a
   * size limit (64 MiB in Chrome), and one message per chunk keeps each of them well under it.
   */
  *chunksAfter(seq: number, records: number, chars: number): Generator<CaptureRecord[]> {
    let chunk: CaptureRecord[] = [];
    let size = 0;
    for (let i = this.indexAfter(seq); i < this.log.length; i++) {
      const record = this.log[i] as CaptureRecord;
      const cost = recordChars(record);
      if (chunk.length > 0 && (chunk.length >= records || size + cost > chars)) {
        yield chunk;
        chunk = [];
        size = 0;
      }
      chunk.push(record);
      size += cost;
    }
    if (chunk.length > 0) yield chunk;
  }

  /** The index of the first record after `seq` (numbers rise; an adopted log may have gaps). */
  private indexAfter(seq: number): number {
    return partitionPoint(this.log.length, (i) => (this.log[i] as CaptureRecord).seq <= seq);
  }

  /** Numbers the record in place: the capture owns the records it is given (fresh, validated copies). */
  private push(record: StoredRecord | RelayRecord): CaptureRecord {
    const numbered = record as CaptureRecord;
    numbered.seq = this.lastSeq + 1;
    this.log.push(numbered);
    return numbered;
  }
}
