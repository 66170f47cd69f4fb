/**
 * A document's count of live connections (not yet closed or failed), followed from its records;
 * reported to the worker when it changes, for the toolbar badge and the popup's list of tabs.
 */
import type { CaptureRecord } from '../model';

export class ConnectionCount {
  private readonly live = new Set<number>();
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
      }
    }
    return before === `${this.live.size}/${this.total}` ? undefined : { open: this.live.size, connections: this.total };
  }
}
