/**
 * The fetch and XHR streams of one document, as the relay keeps them: each chunk as the page read
 * it, nothing more. Parsing happens where the capture is shown (the panel, in its own process), so
 * a page reading a fast stream pays only for the chunks' transfer, not for the parse.
 */
import type { PageRecord, StoredRecord } from '../core/model';

export class Streams {
  private readonly streams = new Set<number>();

  process(records: readonly PageRecord[]): StoredRecord[] {
    const out: StoredRecord[] = [];
    for (const record of records) {
      if (record.kind === 'response') this.streams.add(record.conn);
      if (record.kind !== 'chunk-in') {
        out.push(record);
        continue;
      }
      if (!this.streams.has(record.conn)) continue;
      const { time, conn, data } = record;
      out.push(
        typeof data === 'string'
          ? { kind: 'chunk', time, conn, size: data.length, text: data }
          : { kind: 'chunk', time, conn, size: data.byteLength, bytes: data },
      );
    }
    return out;
  }
}
