/**
 * One document's capture: an append-only, numbered log of records, kept for the life of the page
 * so that a panel opened late (or a service worker restarted) can read it from any cursor.
 *
 * What it keeps is bounded by the cap (`budget`): every string a record holds counts
 * (../core/record-chars), plus RECORD_OVERHEAD a record. Events, chunks, blocks, listened-for
 * types and arrivals stop at the cap. A connection's lifecycle (its connection, lifecycle, response,
 * HTTP facts, and the counts of what was not kept) may go on into a reserve of RESERVE_SHARE of
 * the cap, so that it survives a flood past the cap. Past the reserve the capture is full: nothing
 * more is kept, and what is not kept is said for the whole document at most every FULL_NOTE_MS.
 */

import { LIMITS } from '../core/limits';
import type { CaptureRecord, DroppedRecord, RelayRecord, StoredRecord } from '../core/model';
import { partitionPoint } from '../core/partition';
import { recordChars } from '../core/record-chars';

/** What a record costs beyond its strings, roughly, in the same units. */
const RECORD_OVERHEAD = 64;
/** The lifecycle's reserve past the cap: at the default cap (256 Mi) 16 Mi, at the least (1 Mi) 64 Ki. */
const RESERVE_SHARE = 1 / 16;
/** A full capture says what it did not keep at most this often: a page cannot grow it faster. */
export const FULL_NOTE_MS = 1000;

type NotKept = Omit<DroppedRecord, 'kind'>;

const isContent = (record: StoredRecord) =>
  record.kind === 'event' ||
  record.kind === 'chunk' ||
  record.kind === 'block' ||
  record.kind === 'listen' ||
  record.kind === 'arrival';

export class FrameCapture {
  private readonly log: CaptureRecord[] = [];
  private used = 0;
  private budget = 0;
  /** The cap and its reserve: nothing is kept past it. */
  private limit = 0;
  /** What a full capture did not keep since it last said so, by reason. */
  private unsaid = new Map<DroppedRecord['reason'], NotKept>();
  private saidAt = Number.NEGATIVE_INFINITY;

  constructor(
    budget: number = LIMITS.documentChars,
    private readonly now: () => number = Date.now,
  ) {
    this.setBudget(budget);
  }

  /** The user's cap (in the same units); what is kept already stays. */
  setBudget(budget: number): void {
    this.budget = budget;
    this.limit = budget + Math.floor(budget * RESERVE_SHARE);
  }

  get cap(): number {
    return this.budget;
  }

  get size(): number {
    return this.log.length;
  }

  /** Whether a full capture has counts it has not said yet (`flush` says them when due). */
  get waiting(): boolean {
    return this.unsaid.size > 0;
  }

  /**
   * Numbers and keeps records (taking them over); returns what was appended: what was not kept is
   * summed per connection into `dropped` records, and what the page sent that did not pass
   * (`rejected`) into one.
   */
  append(records: readonly StoredRecord[], rejected = 0): CaptureRecord[] {
    const added: CaptureRecord[] = [];
    let dropped: Map<number, NotKept> | undefined;
    for (const record of records) {
      const chars = recordChars(record);
      const cost = RECORD_OVERHEAD + chars;
      if (this.used + cost <= (isContent(record) ? this.budget : this.limit)) {
        this.used += cost;
        added.push(this.push(record));
        continue;
      }
      dropped ??= new Map();
      const sum = dropped.get(record.conn) ?? { reason: 'budget', time: 0, conn: record.conn, events: 0, chars: 0 };
      if (record.kind === 'event') sum.events++;
      else sum.records = (sum.records ?? 0) + 1;
      sum.chars += chars;
      sum.time = record.time;
      dropped.set(record.conn, sum);
    }
    if (dropped) for (const sum of dropped.values()) this.tell(sum, added);
    if (rejected > 0) this.tell({ reason: 'invalid', time: this.now(), conn: 0, events: rejected, chars: 0 }, added);
    if (this.waiting) this.sayUnsaid(added);
    return added;
  }

  /** What a full capture has not said yet, if it is time to (`now`: at once): returns what was appended. */
  flush(now = false): CaptureRecord[] {
    const added: CaptureRecord[] = [];
    if (now) this.saidAt = Number.NEGATIVE_INFINITY;
    this.sayUnsaid(added);
    return added;
  }

  /**
   * Keeps another document's records as they were numbered there (a removed frame's capture,
   * adopted by the top frame), up to the cap. Parts that arrive twice or out of order add nothing
   * older than what is kept; numbers it will never have (a part lost on the way, or past the cap)
   * are covered by an `unsent` record, so that a reader goes on after them. Returns what was added.
   */
  adopt(records: readonly CaptureRecord[]): CaptureRecord[] {
    const added: CaptureRecord[] = [];
    let skipped: CaptureRecord | undefined;
    for (const record of records) {
      if (record.seq <= this.lastSeq) continue;
      const cost = RECORD_OVERHEAD + recordChars(record);
      if (this.used + cost > this.limit) {
        skipped = record;
        continue;
      }
      if (record.seq > this.lastSeq + 1) added.push(this.unsent(record.seq - 1, record.time));
      this.used += cost;
      this.log.push(record);
      added.push(record);
    }
    if (skipped && skipped.seq > this.lastSeq) added.push(this.unsent(skipped.seq, skipped.time));
    return added;
  }

  /** The seq of the last record kept (0 before any). */
  get lastSeq(): number {
    return this.log[this.log.length - 1]?.seq ?? 0;
  }

  /**
   * Records after `seq` in chunks of at most `records` records and about `chars` UTF-16 code units
   * (a single larger record makes a chunk of its own): extension messages have a size limit, and
   * a chunk of this size is sent as one message (./wire-batches splits what would not fit).
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

  /** The index of the first record after `seq` (numbers rise). */
  private indexAfter(seq: number): number {
    return partitionPoint(this.log.length, (i) => (this.log[i] as CaptureRecord).seq <= seq);
  }

  /** Keeps a count of what was not kept, if there is room for it; otherwise the capture is full. */
  private tell(sum: NotKept, added: CaptureRecord[]): void {
    const record: DroppedRecord = { kind: 'dropped', ...sum };
    const cost = RECORD_OVERHEAD + recordChars(record);
    if (this.unsaid.size === 0 && this.used + cost <= this.limit) {
      this.used += cost;
      added.push(this.push(record));
      return;
    }
    const unsaid = this.unsaid.get(sum.reason) ?? { reason: sum.reason, time: 0, conn: 0, events: 0, chars: 0 };
    unsaid.events += sum.events;
    unsaid.chars += sum.chars;
    if (sum.records) unsaid.records = (unsaid.records ?? 0) + sum.records;
    unsaid.time = sum.time;
    this.unsaid.set(sum.reason, unsaid);
  }

  /** A full capture's counts, for the whole document, when the last were said long enough ago. */
  private sayUnsaid(added: CaptureRecord[]): void {
    const now = this.now();
    if (this.unsaid.size === 0 || now - this.saidAt < FULL_NOTE_MS) return;
    this.saidAt = now;
    for (const sum of this.unsaid.values()) {
      this.used += RECORD_OVERHEAD;
      added.push(this.push({ kind: 'dropped', ...sum }));
    }
    this.unsaid.clear();
  }

  private unsent(seq: number, time: number): CaptureRecord {
    const record: CaptureRecord = { kind: 'unsent', time, conn: 0, records: seq - this.lastSeq, seq };
    this.used += RECORD_OVERHEAD;
    this.log.push(record);
    return record;
  }

  /** Numbers the record in place: the capture owns the records it is given (fresh, validated copies). */
  private push(record: StoredRecord | RelayRecord): CaptureRecord {
    const numbered = record as CaptureRecord;
    numbered.seq = this.lastSeq + 1;
    this.log.push(numbered);
    return numbered;
  }
}
