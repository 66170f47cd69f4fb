/**
 * What the panel knows of a tab: its documents, their connections and events, in plain data.
 *
 * Records arrive per document, numbered; this store applies each exactly once (a duplicate is
 * skipped, a gap asks for a resync from the last applied `seq`), so the transport may deliver
 * twice — after a worker restart, a second panel, a re-attach — without the view changing.
 *
 * A tab shows one page: its top document and the frames that started after it. A top document
 * that started later is a navigation: the list starts afresh, and records from the old page's
 * documents that are still in flight are ignored — unless the log is preserved, when the old
 * page stays and a navigation mark divides the pages.
 *
 * The user can pause (events keep arriving and are held, then shown on resume: nothing is lost)
 * and clear (events and finished connections go; live connections stay, counted afresh).
 * `epoch` changes whenever `events` changed other than by appending, so views that follow the
 * list incrementally know when to start over.
 */

import { fromBase64 } from '../base64';
import {
  type CaptureRecord,
  type ChunkRecord,
  type ConnectionKind,
  type ConnectionState,
  connectionKey,
  type EndReason,
  type FrameDocument,
  type FrameRecord,
  type HttpRecord,
  type ResponseRecord,
  type StoredRecord,
  utf8Length,
} from '../model';
import { partitionPoint } from '../partition';
import { originOf, StreamParser } from '../stream-parser';

/** A stretch of a connection's life in one state, from `from` until the next segment. */
export interface Segment {
  state: ConnectionState;
  from: number;
}

export interface ConnectionView {
  key: string;
  kind: ConnectionKind;
  /** Position in the panel's list, from 1: how the table names a connection. */
  ordinal: number;
  docId: string;
  frameId: number;
  frameUrl: string;
  url: string;
  withCredentials: boolean;
  state: ConnectionState;
  /** Reconnects in a row (while reconnecting), and in all. */
  attempt: number;
  reconnects: number;
  createdAt: number;
  endedAt?: number;
  lastEventAt?: number;
  /** The lifecycle in order; the last segment lasts until now (or is the end, when terminal). */
  segments: Segment[];
  /** Times of the events shown, in order: for rates. */
  times: number[];
  /** The connection's last event id so far (the spec's "last event ID string"). */
  lastEventId: string;
  events: number;
  bytes: number;
  dropped: number;
  /** Named types the page listens for (besides open, message, error). */
  listening: string[];
  /** The document is gone (frame removed or navigated away). */
  gone: boolean;
  /** What the network layer saw of the latest request, when a panel was watching at the time. */
  response?: HttpRecord;
  /** Fetch and XHR: the request as the page made it, the response, and every chunk and non-event block. */
  request?: { method: string; headers: [string, string][]; body?: string; bodySize?: number };
  streamResponse?: ResponseRecord;
  chunks: ChunkRecord[];
  frames: FrameRecord[];
  /** How a fetch or XHR stream ended, and its error. */
  endReason?: EndReason;
  endError?: string;
  /** The latest `retry:` the stream sent, and how many comment lines. */
  retry?: number;
  comments: number;
  /**
   * EventSource with Firefox's exact bytes: events on the wire of a type nobody listened for, so
   * never dispatched to the page (each kept as a block in `frames`).
   */
  unheard: number;
}

export interface EventView {
  id: string;
  time: number;
  connection: ConnectionView;
  type: string;
  data: string;
  lastEventId: string;
  origin: string;
  /** UTF-8 bytes of the data as the page received it (before any cut). */
  size: number;
  originalSize?: number;
  synthetic?: boolean;
  /** Whether this event changed the connection's last event id, i.e. its block had an `id:` line. */
  idChanged: boolean;
  /** Streams parsed from bytes: the block as received, where chunks split it, its own id, what else it held. */
  raw?: string;
  cuts?: number[];
  blockId?: string;
  notes?: string[];
}

/** Where the tab navigated while the log was preserved. */
export interface NavigationMark {
  time: number;
  url: string;
}

interface DocState {
  doc: FrameDocument;
  cursor: number;
  stale: boolean;
  gone: boolean;
  connections: Map<number, ConnectionView>;
  /** Fetch and XHR streams being parsed, by connection: the relay keeps only their chunks. */
  parsers: Map<number, StreamParser>;
  /** EventSource responses read from the wire (Firefox, exact bytes), by connection. */
  wire: Map<number, WireState>;
}

/**
 * An EventSource's exact bytes and its dispatched events, paired up: each event the wire carried
 * to a listener gets its block as received. The two arrive by different roads, so each side waits
 * for the other; an entry with no partner (events from before the bytes were read, bytes the page
 * closed before reading) is let go when a later one pairs, and few wait at most.
 */
interface WireState {
  parser: StreamParser | undefined;
  /** Dispatched events with no block yet, and parsed events (with their blocks) with no event yet. */
  dispatched: EventView[];
  parsed: (StoredRecord & { kind: 'event' })[];
}

/** Unpaired entries kept per side and connection (past it, the older half goes). */
const MAX_UNPAIRED = 1000;

const sameEvent = (view: EventView, parsed: { type: string; data: string }) =>
  view.type === parsed.type &&
  (view.originalSize === undefined ? view.data === parsed.data : parsed.data.startsWith(view.data));

export interface Resync {
  docId: string;
  after: number;
}

export class CaptureStore {
  private readonly docs = new Map<string, DocState>();
  private page: FrameDocument | undefined;
  readonly connections: ConnectionView[] = [];
  readonly events: EventView[] = [];
  readonly navigations: NavigationMark[] = [];
  /** Events that arrived while paused, shown on resume. */
  readonly held: EventView[] = [];
  /** Every event type shown so far. */
  readonly types = new Set<string>();
  /** Records the relays refused as malformed. */
  invalid = 0;
  /** Changes when `events` changed other than by appending. */
  epoch = 0;
  /** Keep the old page's capture across navigations. */
  preserveLog = false;
  private pausedAt: number | undefined;
  /** When the user last cleared: the timeline starts there. */
  clearedAt: number | undefined;

  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  /** Stops showing new events; they are held until `resume`. */
  pause(now: number): void {
    this.pausedAt ??= now;
  }

  resume(): void {
    this.pausedAt = undefined;
    for (const event of this.held.splice(0)) this.insertEvent(event);
  }

  /** When paused, the time the view stands still at. */
  get frozenAt(): number | undefined {
    return this.pausedAt;
  }

  /**
   * Empties the view: every event, held ones included, and every connection that has ended;
   * a live connection stays, its counts from zero and its lifecycle from now.
   */
  clear(now: number): void {
    this.events.length = 0;
    this.held.length = 0;
    this.types.clear();
    this.navigations.length = 0;
    this.epoch++;
    this.clearedAt = now;
    const live = this.connections.filter(
      (c) => !c.gone && (c.state === 'connecting' || c.state === 'open' || c.state === 'reconnecting'),
    );
    for (const connection of live) {
      connection.events = 0;
      connection.bytes = 0;
      connection.dropped = 0;
      connection.reconnects = 0;
      connection.times = [];
      connection.chunks = [];
      connection.frames = [];
      connection.comments = 0;
      connection.unheard = 0;
      connection.segments = [{ state: connection.state, from: now }];
      delete connection.lastEventAt;
    }
    this.connections.splice(0, this.connections.length, ...live);
    this.number(0);
  }

  get pageUrl(): string | undefined {
    return this.page?.url;
  }

  /** Cursors of every document seen, to subscribe again without receiving anything twice. */
  cursors(): Record<string, number> {
    const cursors: Record<string, number> = {};
    for (const [docId, state] of this.docs) cursors[docId] = state.cursor;
    return cursors;
  }

  /** A document said hello. Returns a resync when records must be fetched again. */
  addDocument(doc: FrameDocument): Resync | undefined {
    let state = this.docs.get(doc.docId);
    if (!state) {
      state = {
        doc,
        cursor: 0,
        stale: false,
        gone: false,
        connections: new Map(),
        parsers: new Map(),
        wire: new Map(),
      };
      this.docs.set(doc.docId, state);
    }
    const wasStale = state.stale;
    state.doc = doc;
    // A document whose port closed (idle, back/forward cache) can come back; a frame's that went
    // away comes back gone, its capture served by the top frame.
    state.gone = doc.gone !== undefined;
    for (const connection of state.connections.values()) connection.gone = state.gone;
    if (doc.top) {
      const current = !this.page || doc.docId === this.page.docId || doc.activatedAt > this.page.activatedAt;
      state.stale = !current;
      if (current) this.showPage(doc);
    } else {
      state.stale = this.page !== undefined && doc.activatedAt < this.page.activatedAt;
    }
    if (wasStale && !state.stale) {
      // A document back from the back/forward cache: its records were let go, fetch them again.
      state.cursor = 0;
      return { docId: doc.docId, after: 0 };
    }
    return undefined;
  }

  documentGone(docId: string): void {
    const state = this.docs.get(docId);
    if (!state) return;
    state.gone = true;
    for (const connection of state.connections.values()) connection.gone = true;
  }

  /** Applies records of a document in order. Returns a resync when some are missing. */
  addRecords(docId: string, records: readonly CaptureRecord[]): Resync | undefined {
    const state = this.docs.get(docId);
    if (!state) return undefined;
    for (const record of records) {
      if (record.seq <= state.cursor) continue;
      if (record.seq > state.cursor + 1) return { docId, after: state.cursor };
      state.cursor = record.seq;
      if (!state.stale) this.apply(state, record, `${state.doc.docId}:${record.seq}`);
    }
    return undefined;
  }

  private showPage(doc: FrameDocument): void {
    const previous = this.page;
    this.page = doc;
    if (previous?.docId === doc.docId) return;
    if (previous && this.preserveLog) {
      this.navigations.push({ time: doc.activatedAt, url: doc.url });
      return;
    }
    for (const state of this.docs.values()) {
      const belongs = state.doc.docId === doc.docId || (!state.doc.top && state.doc.activatedAt >= doc.activatedAt);
      if (!belongs) {
        state.stale = true;
        state.connections.clear();
      }
    }
    const kept = this.connections.filter((c) => !this.docs.get(c.docId)?.stale);
    this.connections.splice(0, this.connections.length, ...kept);
    const events = this.events.filter((e) => !this.docs.get(e.connection.docId)?.stale);
    this.events.splice(0, this.events.length, ...events);
    this.held.splice(0, this.held.length, ...this.held.filter((e) => !this.docs.get(e.connection.docId)?.stale));
    this.navigations.length = 0;
    this.types.clear();
    for (const e of this.events) this.types.add(e.type);
    this.epoch++;
    this.number(0);
  }

  /**
   * Keeps connections in creation order, numbered from 1. Documents report independently, so a
   * frame's earlier connection may arrive after the top page's later one.
   */
  private insertConnection(connection: ConnectionView): void {
    const list = this.connections;
    let index = list.length;
    while (index > 0 && (list[index - 1] as ConnectionView).createdAt > connection.createdAt) index--;
    list.splice(index, 0, connection);
    this.number(index);
  }

  private number(from: number): void {
    for (let i = from; i < this.connections.length; i++) (this.connections[i] as ConnectionView).ordinal = i + 1;
  }

  /** Events and blocks parsed from a stream's chunk (or its end), applied as if recorded. */
  private applyParsed(state: DocState, records: readonly StoredRecord[], id: string): void {
    records.forEach((record, i) => {
      this.apply(state, record, `${id}.${i}`);
    });
  }

  private apply(state: DocState, record: StoredRecord, id: string): void {
    if (record.kind === 'connection') {
      const connection: ConnectionView = {
        key: connectionKey(state.doc.docId, record.conn),
        kind: record.type,
        ordinal: 0,
        docId: state.doc.docId,
        frameId: state.doc.frameId,
        frameUrl: state.doc.url,
        url: record.url,
        withCredentials: record.withCredentials,
        state: 'connecting',
        attempt: 0,
        reconnects: 0,
        createdAt: record.time,
        segments: [{ state: 'connecting', from: record.time }],
        times: [],
        chunks: [],
        frames: [],
        comments: 0,
        unheard: 0,
        lastEventId: '',
        events: 0,
        bytes: 0,
        dropped: 0,
        listening: [],
        gone: state.gone,
      };
      if (record.method !== undefined) {
        connection.request = { method: record.method, headers: record.requestHeaders ?? [] };
        if (record.requestBody !== undefined) connection.request.body = record.requestBody;
        if (record.requestBodySize !== undefined) connection.request.bodySize = record.requestBodySize;
      }
      state.connections.set(record.conn, connection);
      this.insertConnection(connection);
      return;
    }
    if (record.kind === 'dropped' && record.reason === 'invalid') {
      this.invalid += record.events;
      return;
    }
    const connection = state.connections.get(record.conn);
    if (!connection) return;
    switch (record.kind) {
      case 'lifecycle': {
        const parser = record.reason === undefined ? undefined : state.parsers.get(record.conn);
        if (parser) {
          state.parsers.delete(record.conn);
          this.applyParsed(state, parser.end(record.time), id);
        }
        connection.state = record.state;
        connection.attempt = record.state === 'reconnecting' ? (record.attempt ?? connection.attempt + 1) : 0;
        if (record.state === 'reconnecting') connection.reconnects++;
        if (record.state === 'failed' || record.state === 'closed') connection.endedAt = record.time;
        if (record.reason !== undefined) connection.endReason = record.reason;
        if (record.error !== undefined) connection.endError = record.error;
        connection.segments.push({ state: record.state, from: record.time });
        return;
      }
      case 'listen':
        if (!connection.listening.includes(record.type)) connection.listening.push(record.type);
        return;
      case 'dropped':
        connection.dropped += record.events;
        return;
      case 'http':
        connection.response = record;
        return;
      case 'response':
        connection.streamResponse = record;
        state.parsers.set(record.conn, new StreamParser(record.conn, record.format, originOf(record.url)));
        return;
      case 'chunk': {
        if (connection.kind === 'eventsource') {
          this.wireChunk(state, connection, record, id);
          return;
        }
        connection.chunks.push(record);
        connection.bytes += record.size;
        const parser = state.parsers.get(record.conn);
        const data = record.base64 !== undefined ? fromBase64(record.base64) : record.text;
        if (parser && data !== undefined) this.applyParsed(state, parser.parse(record.time, data), id);
        return;
      }
      case 'frame':
        connection.frames.push(record);
        if (record.retry !== undefined) connection.retry = record.retry;
        connection.comments += record.notes.filter((note) => note.startsWith('comment:')).length;
        return;
      case 'event': {
        const size = record.originalSize === undefined ? utf8Length(record.data) : record.originalSize;
        const event: EventView = {
          id,
          time: record.time,
          connection,
          type: record.type,
          data: record.data,
          lastEventId: record.lastEventId,
          origin: record.origin,
          size,
          idChanged: record.lastEventId !== connection.lastEventId,
        };
        connection.lastEventId = record.lastEventId;
        if (record.originalSize !== undefined) event.originalSize = record.originalSize;
        if (record.synthetic) event.synthetic = true;
        if (record.raw !== undefined) event.raw = record.raw;
        if (record.cuts !== undefined) event.cuts = record.cuts;
        if (record.blockId !== undefined) event.blockId = record.blockId;
        if (record.notes !== undefined) {
          event.notes = record.notes;
          for (const note of record.notes) {
            if (note.startsWith('comment:')) connection.comments++;
            const retry = /^retry: (\d+) ms$/.exec(note);
            if (retry) connection.retry = Number(retry[1]);
          }
        }
        connection.events++;
        // Streams read as bytes count the bytes on the wire (their chunks); EventSource, the data.
        if (connection.kind === 'eventsource') {
          connection.bytes += size;
          if (!record.synthetic) this.dispatched(this.wireOf(state, record.conn), event);
        }
        connection.lastEventAt = record.time;
        connection.times.push(record.time);
        if (this.paused) this.held.push(event);
        else this.insertEvent(event);
        return;
      }
    }
  }

  private wireOf(state: DocState, conn: number): WireState {
    let wire = state.wire.get(conn);
    if (!wire) {
      wire = { parser: undefined, dispatched: [], parsed: [] };
      state.wire.set(conn, wire);
    }
    return wire;
  }

  /** A chunk of an EventSource response from the wire: kept, and parsed for what the page never sees. */
  private wireChunk(state: DocState, connection: ConnectionView, record: ChunkRecord, id: string): void {
    const wire = this.wireOf(state, record.conn);
    if (record.begins || !wire.parser) {
      // Each (re)connect is a new response, parsed afresh (an unfinished block of the last one ends).
      if (wire.parser) this.wireParsed(state, connection, wire, wire.parser.end(record.time), `${id}.end`);
      wire.parser = new StreamParser(record.conn, 'sse', originOf(connection.url));
    }
    if (record.size > 0) connection.chunks.push(record);
    if (record.base64 !== undefined && record.size > 0)
      this.wireParsed(state, connection, wire, wire.parser.parse(record.time, fromBase64(record.base64)), id);
    if (record.ends) {
      // Kept on the response's last chunk, so that an exported capture says where responses end.
      const last = connection.chunks[connection.chunks.length - 1];
      if (record.size === 0 && last) last.ends = true;
      this.wireParsed(state, connection, wire, wire.parser.end(record.time), `${id}.end`);
      wire.parser = undefined;
    }
  }

  private wireParsed(
    state: DocState,
    connection: ConnectionView,
    wire: WireState,
    records: readonly StoredRecord[],
    id: string,
  ): void {
    records.forEach((record, i) => {
      if (record.kind !== 'event') {
        this.apply(state, record, `${id}.${i}`);
        return;
      }
      // Only `message` and the types the page listens for are dispatched; the rest only the wire shows.
      if (record.type !== 'message' && !connection.listening.includes(record.type)) {
        connection.unheard++;
        const notes = [`event “${record.type}”: no listener, so it was not dispatched to the page`];
        this.apply(
          state,
          {
            kind: 'frame',
            time: record.time,
            conn: record.conn,
            raw: record.raw ?? '',
            notes: [...notes, ...(record.notes ?? [])],
          },
          `${id}.${i}`,
        );
        return;
      }
      const at = wire.dispatched.findIndex((view) => sameEvent(view, record));
      if (at < 0) {
        wire.parsed.push(record);
        if (wire.parsed.length > MAX_UNPAIRED) wire.parsed.splice(0, MAX_UNPAIRED / 2);
        return;
      }
      const [view] = wire.dispatched.splice(0, at + 1).slice(-1) as [EventView];
      this.pair(connection, view, record);
    });
  }

  private dispatched(wire: WireState, view: EventView): void {
    const at = wire.parsed.findIndex((record) => sameEvent(view, record));
    if (at < 0) {
      wire.dispatched.push(view);
      if (wire.dispatched.length > MAX_UNPAIRED) wire.dispatched.splice(0, MAX_UNPAIRED / 2);
      return;
    }
    const [record] = wire.parsed.splice(0, at + 1).slice(-1) as [StoredRecord & { kind: 'event' }];
    this.pair(view.connection, view, record);
  }

  /** The event's block as the wire carried it, and what else the block held (comments, retry). */
  private pair(connection: ConnectionView, view: EventView, record: StoredRecord & { kind: 'event' }): void {
    if (record.raw !== undefined) view.raw = record.raw;
    if (record.cuts !== undefined) view.cuts = record.cuts;
    if (record.blockId !== undefined) view.blockId = record.blockId;
    if (record.notes === undefined) return;
    view.notes = record.notes;
    for (const note of record.notes) {
      if (note.startsWith('comment:')) connection.comments++;
      const retry = /^retry: (\d+) ms$/.exec(note);
      if (retry) connection.retry = Number(retry[1]);
    }
  }

  /** Keeps events in time order; they mostly arrive in order, so this is mostly a push. */
  private insertEvent(event: EventView): void {
    const events = this.events;
    this.types.add(event.type);
    if (events.length === 0 || (events[events.length - 1] as EventView).time <= event.time) {
      events.push(event);
      return;
    }
    const at = partitionPoint(events.length, (i) => (events[i] as EventView).time <= event.time);
    events.splice(at, 0, event);
    this.epoch++;
  }
}
