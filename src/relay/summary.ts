/**
 * A document's count of live connections (not yet closed or failed), followed from its records;
 * reported to the worker when it changes, for the toolbar badge and the popup's list of tabs.
 */
import type { CaptureRecord } from '../core/model';

export class ConnectionCount {
  private readonly live = new Set<number>();
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
      } else if (record.kind === 'lifecycle' && (record.state === 'closed' || record.state === 'failed')) {
        this.live.delete(record.conn);
        if (record.state === 'failed') this.failedAt.set(record.conn, record.time);
      }
    }
    return before === `${this.live.size}/${this.total}` ? undefined : this.counts();
  }

  counts(): { open: number; connections: number } {
    return { open: this.live.size, connections: this.total };
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
