/**
 * A document's count of live connections (not yet closed or failed), in all and per origin,
 * followed from its records; reported to the worker when it changes, for the toolbar badge, the
 * popup's list of tabs, and the six-connections-per-origin check across tabs.
 */
import type { CaptureRecord } from '../core/model';
import { knownOrigin } from '../core/origin';
import { largestCounts } from '../messages/guards';

export class ConnectionCount {
  private readonly live = new Set<number>();
  private readonly origins = new Map<number, string>();
  /** When each failed connection failed. */
  private readonly failedAt = new Map<number, number>();
  private total = 0;

  /** Follows new records; returns the counts when they changed. */
  follow(records: readonly CaptureRecord[]): { open: number; connections: number } | undefined {
    const before = `${this.live.size}/${this.total}`;
    for (const record of records) {
      if (record.kind === 'connection') {
        this.total++;
        this.live.add(record.conn);
        const origin = knownOrigin(record.url);
        if (origin !== undefined) this.origins.set(record.conn, origin);
      } else if (record.kind === 'lifecycle' && (record.state === 'closed' || record.state === 'failed')) {
        this.live.delete(record.conn);
        if (record.state === 'failed') this.failedAt.set(record.conn, record.time);
      }
    }
    return before === `${this.live.size}/${this.total}` ? undefined : this.counts();
  }

  /** The counts, per origin for the origins with the most live connections (as many as a summary carries). */
  counts(): { open: number; connections: number; byOrigin: Record<string, number> } {
    const byOrigin = new Map<string, number>();
    for (const conn of this.live) {
      const origin = this.origins.get(conn);
      if (origin !== undefined) byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + 1);
    }
    return { open: this.live.size, connections: this.total, byOrigin: largestCounts(byOrigin) };
  }

  /**
   * The connections the document's end takes: those not ended yet, and those that failed since
   * `since` (a frame being removed fails its EventSources, with an error event, just before its
   * `pagehide`).
   */
  endedByUnload(since: number): number[] {
    const failed = [...this.failedAt].filter(([, time]) => time >= since).map(([conn]) => conn);
    return [...this.live, ...failed];
  }
}
