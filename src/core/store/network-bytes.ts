/**
 * An EventSource's bytes from network capture (Firefox's stream filters today) and the events the page's listeners
 * received, paired up: each dispatched event gets its block as received (raw text, chunk cuts,
 * comments, retry). The two arrive by different roads, so each side waits for the other; an entry
 * with no partner (events from before the bytes were read, bytes the page closed before reading)
 * is let go when a later one pairs, and few wait at most.
 *
 * The bytes also show what no listener heard: only `message` and the types the page listens for
 * are dispatched; an event of any other type becomes a block that says so.
 */

import { fromBase64 } from '../base64';
import { type BlockRecord, type ChunkRecord, copyBlockFields, type EventRecord, type StoredRecord } from '../model';
import { originOf, StreamParser } from '../stream-parser';
import { type ConnectionView, countBlockContents, type EventView } from './views';

/** Unpaired entries kept per side (past it, the older half goes). */
const MAX_UNPAIRED = 1000;

const sameEvent = (view: EventView, parsed: { type: string; data: string }) =>
  view.type === parsed.type &&
  (view.originalSize === undefined ? view.data === parsed.data : parsed.data.startsWith(view.data));

export class NetworkBytes {
  /** The response being read; each (re)connect is a new one. */
  private parser: StreamParser | undefined;
  /** Dispatched events with no block yet, and parsed events (with their blocks) with no event yet. */
  private readonly dispatched: EventView[] = [];
  private readonly parsed: EventRecord[] = [];

  constructor(private readonly connection: ConnectionView) {}

  /**
   * A chunk of a response: kept on the connection, parsed, its events paired. Returns the blocks it
   * completed (unheard events among them), for the store to apply.
   */
  chunk(record: ChunkRecord): BlockRecord[] {
    const connection = this.connection;
    const blocks: BlockRecord[] = [];
    if (record.begins || !this.parser) {
      // A new response is parsed afresh (an unfinished block of the last one ends).
      if (this.parser) this.take(this.parser.end(record.time), blocks);
      this.parser = new StreamParser(record.conn, 'sse', originOf(connection.url));
    }
    if (record.size > 0) connection.chunks.push(record);
    if (record.base64 !== undefined && record.size > 0)
      this.take(this.parser.parse(record.time, fromBase64(record.base64)), blocks);
    if (record.ends) {
      // Kept on the response's last chunk, so that an exported capture says where responses end.
      const last = connection.chunks[connection.chunks.length - 1];
      if (record.size === 0 && last) last.ends = true;
      this.take(this.parser.end(record.time), blocks);
      this.parser = undefined;
    }
    return blocks;
  }

  /** An event the page's listeners received: paired with its block when the bytes came first. */
  dispatch(view: EventView): void {
    const record = partnerOf(this.parsed, (parsed) => sameEvent(view, parsed));
    if (record) pair(view, record);
    else wait(this.dispatched, view);
  }

  private take(records: readonly StoredRecord[], blocks: BlockRecord[]): void {
    const connection = this.connection;
    for (const record of records) {
      if (record.kind === 'block') {
        blocks.push(record);
        continue;
      }
      if (record.kind !== 'event') continue;
      if (record.type !== 'message' && !connection.listening.includes(record.type)) {
        connection.unheard++;
        const block: BlockRecord = {
          kind: 'block',
          time: record.time,
          conn: record.conn,
          raw: record.raw ?? '',
          notes: [`event “${record.type}”: no listener, so it was not dispatched to the page`, ...(record.notes ?? [])],
        };
        if (record.comments !== undefined) block.comments = record.comments;
        if (record.retry !== undefined) block.retry = record.retry;
        blocks.push(block);
        continue;
      }
      const view = partnerOf(this.dispatched, (dispatched) => sameEvent(dispatched, record));
      if (view) pair(view, record);
      else wait(this.parsed, record);
    }
  }
}

/**
 * The first waiting entry that matches, taken with those before it: they arrived earlier and will
 * never find a partner (the two roads deliver in the same order).
 */
function partnerOf<T>(waiting: T[], matches: (entry: T) => boolean): T | undefined {
  const at = waiting.findIndex(matches);
  return at < 0 ? undefined : waiting.splice(0, at + 1)[at];
}

/** An entry waits for its partner; few wait at most. */
function wait<T>(waiting: T[], entry: T): void {
  waiting.push(entry);
  if (waiting.length > MAX_UNPAIRED) waiting.splice(0, MAX_UNPAIRED / 2);
}

/** The event's block as the network carried it, and what else the block held. */
function pair(view: EventView, record: EventRecord): void {
  copyBlockFields(record, view);
  countBlockContents(view.connection, record);
}
