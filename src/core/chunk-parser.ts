/**
 * The parser for a stream's format: the text formats (SSE, NDJSON, the AI SDK's data stream) are
 * read by `StreamParser`, the binary AWS event stream by `AwsEventStreamParser`. Both turn chunks
 * into the same records.
 */
import { AwsEventStreamParser } from './aws-eventstream-parser';
import type { StoredRecord, StreamFormat } from './model';
import { StreamParser } from './stream-parser';

export interface ChunkParser {
  resumeAfter(lastEventId: string): ChunkParser;
  /** One chunk: its record, then what was parsed from it. */
  push(time: number, data: Uint8Array | string): StoredRecord[];
  /** The events and other blocks one chunk completes, in order. */
  parse(time: number, data: Uint8Array | string): StoredRecord[];
  /** The stream ended: what it left unfinished. */
  end(time: number): StoredRecord[];
}

export function chunkParserFor(conn: number, format: StreamFormat, origin: string): ChunkParser {
  return format === 'aws-eventstream' ? new AwsEventStreamParser(conn, origin) : new StreamParser(conn, format, origin);
}
