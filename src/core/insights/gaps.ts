/**
 * A connection's gaps between events, kept as they arrive in constant space: a histogram on a
 * logarithmic scale (buckets 10% apart, so p50 and p95 are within 5% of the exact values), the
 * largest gap and where it ended, and the stalls: gaps far above the connection's usual, or over
 * the settable threshold.
 */

/** Bucket `i` holds gaps in [BASE^i, BASE^(i+1)) ms; gaps under 1 ms go to bucket 0. */
const BASE = 1.1;
const LOG_BASE = Math.log(BASE);
const BUCKETS = 256;
/** A gap this many times the running median is a stall, once the median is known from enough gaps. */
const STALL_FACTOR = 10;
const STALL_MIN_GAPS = 20;
/** Stalls listed per connection, at most (the count goes on). */
const MAX_STALLS = 100;

export interface Stall {
  /** The last event before the silence, and the first after it (epoch ms). */
  from: number;
  to: number;
  /** The id of the event that ended it. */
  eventId: number;
}

export class GapStats {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;
  /** The event that ended the largest gap. */
  maxEventId: number | undefined;
  private last: number | undefined;
  readonly stalls: Stall[] = [];
  stallCount = 0;

  /** `thresholdMs`: a gap over it is a stall whatever the median. */
  constructor(private readonly thresholdMs: () => number) {}

  add(time: number, eventId: number): void {
    const last = this.last;
    this.last = time;
    if (last === undefined) return;
    const gap = Math.max(0, time - last);
    const bucket = gap < 1 ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(gap) / LOG_BASE));
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.count++;
    if (gap > this.max) {
      this.max = gap;
      this.maxEventId = eventId;
    }
    // The median is read only for a gap that could be a stall (over a second): not per event.
    const stall =
      gap >= this.thresholdMs() ||
      (gap > 1000 && this.count >= STALL_MIN_GAPS && gap > STALL_FACTOR * (this.quantile(0.5) as number));
    if (stall) {
      this.stallCount++;
      if (this.stalls.length < MAX_STALLS) this.stalls.push({ from: last, to: time, eventId });
    }
  }

  /** The gap at quantile `q` (0–1), in ms; undefined before two events. */
  quantile(q: number): number | undefined {
    if (this.count === 0) return undefined;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      // The bucket's middle on the log scale; bucket 0 also holds everything under 1 ms.
      if (seen >= rank) return i === 0 ? Math.min(this.max, 1) : Math.min(this.max, BASE ** (i + 0.5));
    }
    return this.max;
  }
}
