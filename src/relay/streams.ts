/**
 * The fetch and XHR streams of one document: a parser per connection, made when its response is
 * known and finished when the stream ends. Chunk input from the page goes in; the chunks and what
 * was parsed from them come out, in order, ready to keep.
 */
import type { PageRecord, StoredRecord } from '../model';
import { StreamParser } from './stream-parser';

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

export class Streams {
  private readonly parsers = new Map<number, StreamParser>();

  process(records: readonly PageRecord[]): StoredRecord[] {
    const out: StoredRecord[] = [];
    for (const record of records) {
      switch (record.kind) {
        case 'response':
          this.parsers.set(record.conn, new StreamParser(record.conn, record.format, originOf(record.url)));
          out.push(record);
          break;
        case 'chunk-in': {
          const parser = this.parsers.get(record.conn);
          if (parser) for (const item of parser.push(record.time, record.data)) out.push(item);
          break;
        }
        case 'lifecycle': {
          const parser = record.reason === undefined ? undefined : this.parsers.get(record.conn);
          if (parser) {
            for (const item of parser.end(record.time)) out.push(item);
            this.parsers.delete(record.conn);
          }
          out.push(record);
          break;
        }
        default:
          out.push(record);
      }
    }
    return out;
  }
}
