/**
 * Turns the bytes of a fetch or XHR stream into events, each with its block exactly as received
 * and where the network chunks split it. It runs where a capture is shown (panel, popup, import),
 * never in the page's renderer: the relay keeps only the chunks.
 *
 * Bytes are decoded with `TextDecoder('utf-8', {ignoreBOM: true})` in stream mode, so a character
 * split across chunks comes out whole and a leading BOM stays in the text: exactly one is dropped
 * before the first block is parsed, as the spec says (a default decoder would drop one more). Blocks
 * are cut here at blank lines, so each event's raw text is known, then fed to eventsource-parser whole.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 *
 * Long because: one stateful parser, its block cutting, decoding and caps share state that a split
 * would have to pass about.
 */

import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { toBase64 } from './base64';
import { LIMITS, utf8Length } from './limits';
import { DATA_STREAM_PARTS } from './llm/protocols/ai-sdk-v4';
import type { BlockRecord, ChunkRecord, EventRecord, StoredRecord, StreamFormat } from './model';

const LINE_END = /[\r\n]/g;
const LINE_IN = /[\r\n]/;

/** The origin of a URL, as an event's `origin` reads; empty if the URL cannot be parsed. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

function cut(text: string): string {
  return text.length > LIMITS.eventDataChars ? text.slice(0, LIMITS.eventDataChars) : text;
}

/** The value of the last `id` field of a block (without NUL), as the spec's parser would set it. */
function lastIdField(raw: string): string | undefined {
  let id: string | undefined;
  for (const line of raw.split(/\r\n|\r|\n/)) {
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'id') continue;
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (!value.includes('\0')) id = value;
  }
  return id;
}

export class StreamParser {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** Decoded text not yet cut into blocks (or lines), from `start`. */
  private pending = '';
  private start = 0;
  /** Where chunks began inside `pending`. */
  private cuts: number[] = [];
  /** Scan state: where to look for the next line end, and where the current line began. */
  private scanFrom = 0;
  private lineStart = 0;
  private lastEventId = '';
  private firstLine = true;
  private readonly parser: EventSourceParser;
  /** What eventsource-parser reported of the block being fed, as typed values. */
  private block: { message?: EventSourceMessage; comments?: string[]; retry?: number; notes: string[] } = { notes: [] };
  /**
   * Set while a block (or NDJSON line) longer than `maxBlockChars` runs on: its text is let go
   * until it ends. `lineEndAt` is where the last line end seen ended (relative to the next text),
   * `cr` whether that line end was a lone CR so far (an LF right after it belongs to it).
   */
  private skipping: { lineEndAt: number; cr: boolean } | undefined;

  /**
   * An EventSource's next response goes on from the id the last one left (the spec's "last event
   * ID string" belongs to the EventSource, not to a response).
   */
  resumeAfter(lastEventId: string): this {
    this.lastEventId = lastEventId;
    return this;
  }

  constructor(
    private readonly conn: number,
    private readonly format: StreamFormat,
    private readonly origin: string,
    /** A block may not grow past this (an endless line would otherwise fill the panel's memory). */
    private readonly maxBlockChars = LIMITS.blockChars,
  ) {
    this.parser = createParser({
      onEvent: (message) => {
        this.block.message = message;
      },
      onComment: (comment) => {
        const { block } = this;
        if (block.comments) block.comments.push(comment);
        else block.comments = [comment];
      },
      onRetry: (retry) => {
        this.block.retry = retry;
      },
      onError: (error) => {
        this.block.notes.push(error.message);
      },
    });
    // eventsource-parser 3 (the line that runs on Node 20) looks for a BOM as the three characters
    // of its UTF-8 bytes, which decoded text never starts with but a page's text may: its check is
    // spent on nothing here, and emit() drops the BOM itself.
    this.parser.feed('');
  }

  /** One chunk as the page read it: the chunk's record, then what was parsed from it. */
  push(time: number, data: Uint8Array | string): StoredRecord[] {
    const chunk: ChunkRecord =
      typeof data === 'string'
        ? { kind: 'chunk', time, conn: this.conn, size: utf8Length(data), text: data }
        : { kind: 'chunk', time, conn: this.conn, size: data.byteLength, base64: toBase64(data) };
    return [chunk, ...this.parse(time, data)];
  }

  /** The events and other blocks one chunk completes, in order. */
  parse(time: number, data: Uint8Array | string): StoredRecord[] {
    const records: StoredRecord[] = [];
    let text = typeof data === 'string' ? data : this.decoder.decode(data, { stream: true });
    if (this.skipping) text = this.skip(text);
    const scanned = this.scanFrom === this.pending.length;
    this.append(text);
    // A chunk with no line end completes nothing. Searching `pending` would flatten it (it grows by
    // concatenation), once per chunk: a long line read in small chunks took time in its square.
    if (scanned && !LINE_IN.test(text)) this.scanFrom = this.pending.length;
    else this.drain(time, records, false);
    if (this.pending.length - this.start > this.maxBlockChars) this.tooLong(time, records);
    return records;
  }

  /** The block under way is too long: keep its start, say so, and let the rest of it go. */
  private tooLong(time: number, records: StoredRecord[]): void {
    const unit = this.format === 'sse' ? 'block' : 'line';
    const head = this.pending.slice(this.start);
    records.push({
      kind: 'block',
      time,
      conn: this.conn,
      raw: cut(head),
      notes: [
        `too long: a ${unit} of more than ${this.maxBlockChars.toLocaleString('en-US')} characters; the rest of it is not kept and the event it makes is not shown`,
      ],
    });
    const last = head.charCodeAt(head.length - 1);
    const endsLine = last === 10 || last === 13;
    this.skipping = { lineEndAt: endsLine ? 0 : -1, cr: last === 13 };
    this.pending = '';
    this.cuts = [];
    this.start = this.scanFrom = this.lineStart = 0;
  }

  /** Lets text go until the too-long block (or line) ends; returns what follows it. */
  private skip(text: string): string {
    const state = this.skipping;
    if (!state) return text;
    LINE_END.lastIndex = 0;
    for (let match = LINE_END.exec(text); match; match = LINE_END.exec(text)) {
      const at = match.index;
      const lf = text.charCodeAt(at) === 10;
      if (lf && state.cr && state.lineEndAt === at) {
        // The LF of a CRLF.
        state.cr = false;
        state.lineEndAt = at + 1;
        continue;
      }
      if (this.format !== 'sse' || state.lineEndAt === at) {
        // NDJSON: the line's end; SSE: a blank line, the block's end.
        this.skipping = undefined;
        const end = !lf && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
        return text.slice(end);
      }
      state.cr = !lf;
      state.lineEndAt = at + 1;
    }
    state.lineEndAt = state.lineEndAt === text.length ? 0 : -1;
    return '';
  }

  /** The stream ended: what is left is an incomplete block, kept but (as the spec says) not dispatched. */
  end(time: number): StoredRecord[] {
    const records: StoredRecord[] = [];
    this.append(this.decoder.decode());
    this.drain(time, records, true);
    const rest = this.pending.slice(this.start);
    if (rest !== '') {
      const note =
        this.format === 'sse'
          ? 'incomplete: the stream ended inside this block, so it was not dispatched'
          : 'incomplete: the stream ended inside this line';
      if (this.format !== 'sse') this.line(time, rest, '', records);
      else records.push({ kind: 'block', time, conn: this.conn, raw: cut(rest), notes: [note] });
    }
    this.pending = '';
    this.start = 0;
    return records;
  }

  private append(text: string): void {
    if (text === '') return;
    if (this.pending.length > this.start) this.cuts.push(this.pending.length);
    this.pending += text;
  }

  /** Cuts every complete block (SSE) or line (NDJSON) out of `pending`. */
  private drain(time: number, records: StoredRecord[], final: boolean): void {
    const text = this.pending;
    let pos = this.scanFrom;
    for (;;) {
      LINE_END.lastIndex = pos;
      const match = LINE_END.exec(text);
      if (!match) {
        pos = text.length;
        break;
      }
      const at = match.index;
      let end = at + 1;
      if (text.charCodeAt(at) === 13) {
        // A CR at the end may be the first half of a CRLF: look again when more text comes.
        if (end === text.length && !final) {
          pos = at;
          break;
        }
        if (text.charCodeAt(end) === 10) end++;
      }
      if (this.format !== 'sse') {
        this.line(time, text.slice(this.lineStart, at), text.slice(at, end), records);
        this.start = end;
      } else if (at === this.lineStart) {
        this.emit(time, this.start, end, records);
        this.start = end;
      }
      this.lineStart = end;
      pos = end;
    }
    this.scanFrom = pos;
    // Keep only the unfinished part: slicing once per chunk, not once per block.
    if (this.start > 0) {
      const start = this.start;
      this.pending = text.slice(start);
      this.cuts = this.cuts.filter((at) => at > start).map((at) => at - start);
      this.scanFrom -= start;
      this.lineStart -= start;
      this.start = 0;
    }
  }

  private cutsWithin(from: number, to: number): number[] {
    const inside: number[] = [];
    for (const at of this.cuts) if (at > from && at < to) inside.push(at - from);
    return inside;
  }

  /** One SSE block, `pending[from, to)`, ending with its blank line. */
  private emit(time: number, from: number, to: number, records: StoredRecord[]): void {
    const raw = this.pending.slice(from, to);
    this.block = { notes: [] };
    let fed = raw;
    if (this.firstLine) {
      this.firstLine = false;
      if (fed.charCodeAt(0) === 0xfeff) fed = fed.slice(1);
    }
    // A block that ends in a lone CR is fed with a CRLF: the parser would otherwise wait for an LF.
    this.parser.feed(fed.endsWith('\r') ? `${fed}\n` : fed);
    const { message, comments, notes, retry } = this.block;
    const cuts = this.cutsWithin(from, to);
    if (!message) {
      const id = lastIdField(raw);
      if (id !== undefined) {
        this.lastEventId = id;
        notes.push(`id: ${id} (sets the last event id; no event without data)`);
      }
      if (notes.length === 0 && !comments && retry === undefined && raw.replace(/[\r\n]/g, '') === '') return;
      const block: BlockRecord = { kind: 'block', time, conn: this.conn, raw: cut(raw), notes };
      if (comments) block.comments = comments;
      if (retry !== undefined) block.retry = retry;
      records.push(block);
      return;
    }
    if (message.id !== undefined) this.lastEventId = message.id;
    const event: EventRecord = {
      kind: 'event',
      time,
      conn: this.conn,
      type: message.event ?? 'message',
      data: cut(message.data),
      lastEventId: this.lastEventId,
      origin: this.origin,
      raw: cut(raw),
    };
    if (message.data.length > LIMITS.eventDataChars) event.originalSize = utf8Length(message.data);
    if (cuts.length > 0) event.cuts = cuts.filter((at) => at < LIMITS.eventDataChars);
    if (message.id !== undefined) event.blockId = message.id;
    if (comments) event.comments = comments;
    if (retry !== undefined) event.retry = retry;
    if (notes.length > 0) event.notes = notes;
    records.push(event);
  }

  /**
   * One line (without its line end): NDJSON as an event of type `ndjson`; a data stream part as an
   * event of its part's name (`text`, `tool_call_delta`…) with the JSON after the colon as data.
   */
  private line(time: number, line: string, ending: string, records: StoredRecord[]): void {
    let text = line;
    if (this.firstLine) {
      this.firstLine = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.trim() === '') return;
    const raw = line + ending;
    let type = 'ndjson';
    let note: string | undefined;
    if (this.format === 'data-stream') {
      const colon = text.indexOf(':');
      const code = colon < 0 ? '' : text.slice(0, colon);
      type = DATA_STREAM_PARTS[code] ?? (code === '' ? 'unknown' : code);
      if (colon < 0) note = 'not a data stream part: no `CODE:` before the value';
      else if (DATA_STREAM_PARTS[code] === undefined) note = `unknown data stream part code ${JSON.stringify(code)}`;
      text = colon < 0 ? text : text.slice(colon + 1);
    }
    const event: EventRecord = {
      kind: 'event',
      time,
      conn: this.conn,
      type,
      data: cut(text),
      lastEventId: '',
      origin: this.origin,
      raw: cut(raw),
    };
    const from = this.lineStart;
    const cuts = this.cutsWithin(from, from + raw.length);
    if (cuts.length > 0) event.cuts = cuts;
    if (text.length > LIMITS.eventDataChars) event.originalSize = utf8Length(text);
    try {
      JSON.parse(text);
    } catch (error) {
      note ??= `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (note !== undefined) event.notes = [note];
    records.push(event);
  }
}
