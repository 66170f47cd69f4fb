/**
 * Turns the chunks of an AWS event stream into events, as `StreamParser` does for SSE: an AWS
 * message may span chunks and a chunk may hold many. Each AWS message is an event whose type is
 * its `:event-type` (an `exception`'s `:exception-type`, an `error`'s `:error-code`), whose data is
 * the payload as text (base64 when it is not UTF-8), and whose raw block is its headers, one a
 * line, then the payload. A message CRC that does not match is a block with a note and the stream
 * goes on; a prelude that cannot be trusted (its CRC, a length past the cap) ends the reading,
 * since nothing after it can be found.
 */
import {
  type AwsHeader,
  AwsMessageError,
  decodeMessage,
  MAX_MESSAGE_BYTES,
  messageLength,
  PRELUDE_BYTES,
} from './aws-eventstream';
import { toBase64 } from './base64';
import { LIMITS, utf8Length } from './limits';
import type { BlockRecord, ChunkRecord, EventRecord, StoredRecord } from './model';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function cut(text: string): string {
  return text.length > LIMITS.eventDataChars ? text.slice(0, LIMITS.eventDataChars) : text;
}

function headerText({ name, type, value }: AwsHeader): string {
  if (typeof value === 'string') return `${name}: ${value}`;
  if (value instanceof Uint8Array) {
    const hex = Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('');
    // A UUID as it is written (8-4-4-4-12); other bytes as hex.
    const text = type === 'uuid' ? hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-') : hex;
    return `${name} (${type}): ${text}`;
  }
  if (type === 'timestamp') {
    const date = new Date(value as number);
    return `${name} (timestamp): ${Number.isNaN(date.getTime()) ? String(value) : date.toISOString()}`;
  }
  return `${name} (${type}): ${String(value)}`;
}

function stringHeader(headers: AwsHeader[], name: string): string | undefined {
  const header = headers.find((h) => h.name === name);
  return typeof header?.value === 'string' ? header.value : undefined;
}

export class AwsEventStreamParser {
  /** Bytes not yet cut into AWS messages: `buffer[0, length)`. */
  private buffer = new Uint8Array(0);
  private length = 0;
  /** The total length of the AWS message under way, once its prelude is read. */
  private expected: number | undefined;
  /** A prelude could not be trusted: the rest of the stream is not read. */
  private broken = false;
  private saidText = false;

  constructor(
    private readonly conn: number,
    private readonly origin: string,
  ) {}

  /** An AWS event stream carries no event ids. */
  resumeAfter(_lastEventId: string): this {
    return this;
  }

  push(time: number, data: Uint8Array | string): StoredRecord[] {
    const chunk: ChunkRecord =
      typeof data === 'string'
        ? { kind: 'chunk', time, conn: this.conn, size: utf8Length(data), text: data }
        : { kind: 'chunk', time, conn: this.conn, size: data.byteLength, base64: toBase64(data) };
    return [chunk, ...this.parse(time, data)];
  }

  parse(time: number, data: Uint8Array | string): StoredRecord[] {
    if (typeof data === 'string') {
      // An XHR hands over text, not bytes: a binary stream cannot be read back from it.
      if (this.saidText) return [];
      this.saidText = true;
      return [this.block(time, '', 'not read: only the text of this response is known (an XHR), not its bytes')];
    }
    if (this.broken) return [];
    this.append(data);
    const records: StoredRecord[] = [];
    let from = 0;
    for (;;) {
      if (this.expected === undefined) {
        if (this.length - from < PRELUDE_BYTES) break;
        try {
          this.expected = messageLength(this.buffer.subarray(from, from + PRELUDE_BYTES));
        } catch (error) {
          records.push(this.block(time, '', `${(error as Error).message}; the rest of the stream is not read`));
          this.broken = true;
          this.buffer = new Uint8Array(0);
          this.length = 0;
          return records;
        }
      }
      const total = this.expected;
      if (this.length - from < total) break;
      records.push(this.message(time, this.buffer.subarray(from, from + total)));
      from += total;
      this.expected = undefined;
    }
    if (from > 0) {
      this.buffer.copyWithin(0, from, this.length);
      this.length -= from;
    }
    return records;
  }

  /** The stream ended: bytes of an AWS message it did not finish are noted, not decoded. */
  end(time: number): StoredRecord[] {
    if (this.broken || this.length === 0) return [];
    const note = `incomplete: the stream ended inside an AWS message (${this.length} of ${this.expected ?? '?'} bytes)`;
    this.length = 0;
    this.expected = undefined;
    return [this.block(time, '', note)];
  }

  private append(data: Uint8Array): void {
    const needed = this.length + data.byteLength;
    if (needed > this.buffer.byteLength) {
      const grown = new Uint8Array(
        Math.min(Math.max(needed, this.buffer.byteLength * 2), MAX_MESSAGE_BYTES + data.byteLength),
      );
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(data, this.length);
    this.length = needed;
  }

  private block(time: number, raw: string, note: string): BlockRecord {
    return { kind: 'block', time, conn: this.conn, raw, notes: [note] };
  }

  private message(time: number, bytes: Uint8Array): StoredRecord {
    let decoded: ReturnType<typeof decodeMessage>;
    try {
      decoded = decodeMessage(bytes);
    } catch (error) {
      if (!(error instanceof AwsMessageError)) throw error;
      return this.block(time, '', `${error.message}; this AWS message (${bytes.byteLength} bytes) is skipped`);
    }
    const { headers, payload } = decoded;
    const kind = stringHeader(headers, ':message-type') ?? 'event';
    const type =
      (kind === 'exception'
        ? stringHeader(headers, ':exception-type')
        : kind === 'error'
          ? stringHeader(headers, ':error-code')
          : stringHeader(headers, ':event-type')) ?? kind;
    const notes: string[] = [];
    let data: string;
    try {
      data = strictUtf8.decode(payload);
    } catch {
      data = toBase64(payload.subarray(0, (LIMITS.eventDataChars / 4) * 3));
      notes.push('binary payload: not UTF-8 text, shown as base64');
    }
    if (kind === 'error') data ||= stringHeader(headers, ':error-message') ?? '';
    const head = headers.map(headerText).join('\n');
    const event: EventRecord = {
      kind: 'event',
      time,
      conn: this.conn,
      type: type.slice(0, LIMITS.shortTextChars),
      data: cut(data),
      lastEventId: '',
      origin: this.origin,
      raw: cut(`${head}\n\n${notes.length > 0 ? '' : data}`),
    };
    if (data.length > LIMITS.eventDataChars) event.originalSize = payload.byteLength;
    if (notes.length > 0) event.notes = notes;
    return event;
  }
}
