/**
 * From records to views: each record of a document changes its connection's view, or adds an
 * event. Fetch and XHR streams come as chunks and are parsed here (the relay keeps only the
 * chunks); an EventSource's bytes from network capture are paired with its events (./network-bytes).
 */

import { fromBase64 } from '../base64';
import { chunkParserFor } from '../chunk-parser';
import type { InsightSettings } from '../insights/settings';
import { InsightTracker } from '../insights/tracker';
import { utf8Length } from '../limits';
import { ResponseFolder } from '../llm/fold';
import { connectionKey, copyBlockFields, REWRITTEN_NOTE, type StoredRecord } from '../model';
import { originOf } from '../stream-parser';
import type { DocState } from './documents';
import { NetworkBytes } from './network-bytes';
import { joinResumed, rememberStream, requestOf } from './next-attempt';
import {
  type ConnectionView,
  countBlockContents,
  type EventView,
  keepRecent,
  type LifecycleMark,
  newConnectionView,
  type WorkerSeen,
} from './views';

/** Each connection's lifecycle mark for events not kept, while it counts them (a clear starts another). */
const notKept = new WeakMap<ConnectionView, LifecycleMark>();

/** Where the reducer's results go: the store's lists and counters; and the settings it reads. */
export interface ReducerSink {
  /** The health checks' settings, read by each connection's tracker as events arrive. */
  readonly insightSettings: InsightSettings;
  connectionAdded(connection: ConnectionView): void;
  eventAdded(event: EventView): void;
  /** An id for a new event view, unique in the store. */
  nextEventId(): number;
  markAdded(mark: LifecycleMark): void;
  /** Records a relay refused as malformed. */
  invalid(count: number): void;
  /** Records a capture did not keep that no connection shown counts (its own not kept, or all of a full capture's). */
  notKept(events: number, records: number): void;
  /** Network capture follows a worker of the page from now on. */
  workerSeen(worker: WorkerSeen): void;
}

export function applyRecord(sink: ReducerSink, state: DocState, record: StoredRecord): void {
  if (record.kind === 'connection') {
    const joined = record.type === 'eventsource' ? undefined : joinResumed(state, record);
    if (joined) {
      trackerOf(joined.mark.connection, sink.insightSettings).reconnecting(
        joined.endedAt,
        joined.mark.connection.lastEventId,
      );
      sink.markAdded(joined.mark);
      return;
    }
    const connection = newConnectionView(
      {
        key: connectionKey(state.doc.docId, record.conn),
        kind: record.type,
        docId: state.doc.docId,
        frameId: state.doc.frameId,
        frameUrl: state.doc.url,
        url: record.url,
        withCredentials: record.withCredentials,
        gone: state.gone,
      },
      record.time,
    );
    if (state.doc.exposed) connection.forgeable = true;
    const request = requestOf(record);
    if (request) connection.request = request;
    state.connections.set(record.conn, connection);
    if (record.type !== 'eventsource') rememberStream(state, record, connection);
    sink.connectionAdded(connection);
    return;
  }
  if (record.kind === 'worker' && record.conn === 0) {
    const seen: WorkerSeen = { time: record.time, docId: state.doc.docId, kind: record.worker, url: record.url };
    if (record.late) seen.late = true;
    sink.workerSeen(seen);
    return;
  }
  if (record.kind === 'dropped' && record.reason === 'invalid') {
    sink.invalid(record.events);
    return;
  }
  const connection = state.connections.get(record.conn);
  if (!connection) {
    if (record.kind === 'dropped') sink.notKept(record.events, record.records ?? 0);
    return;
  }
  switch (record.kind) {
    case 'lifecycle': {
      const parser = record.reason === undefined ? undefined : state.parsers.get(record.conn);
      if (parser) {
        state.parsers.delete(record.conn);
        applyParsed(sink, state, parser.end(record.time));
      }
      if (record.state === 'reconnecting')
        trackerOf(connection, sink.insightSettings).reconnecting(record.time, connection.lastEventId);
      connection.state = record.state;
      connection.attempt = record.state === 'reconnecting' ? (record.attempt ?? connection.attempt + 1) : 0;
      if (record.state === 'reconnecting') connection.reconnects++;
      if (record.state === 'failed' || record.state === 'closed') connection.endedAt = record.time;
      if (record.reason !== undefined) connection.endReason = record.reason;
      if (record.error !== undefined) connection.endError = record.error;
      connection.lifecycle.push({ state: record.state, from: record.time });
      sink.markAdded(markOf(connection, record.state, record.time));
      return;
    }
    case 'listen':
      if (!connection.listening.includes(record.type)) connection.listening.push(record.type);
      return;
    case 'dropped': {
      if (record.records) sink.notKept(0, record.records);
      connection.dropped += record.events;
      // One mark, where events were first not kept, counting them all (a file carries no more).
      const mark = connection.droppedAt === undefined ? undefined : notKept.get(connection);
      if (mark) mark.count = connection.dropped;
      else {
        const first: LifecycleMark = { time: record.time, connection, kind: 'not-kept', count: record.events };
        notKept.set(connection, first);
        connection.droppedAt = record.time;
        sink.markAdded(first);
      }
      return;
    }
    case 'http':
      connection.http = record;
      return;
    case 'http-version':
      connection.httpVersion = record.httpVersion;
      return;
    case 'arrival':
      connection.arrivals.push({ time: record.time, size: record.size });
      return;
    case 'fault':
      connection.faults.push({
        time: record.time,
        fault: record.fault,
        ...(record.ms === undefined ? {} : { ms: record.ms }),
      });
      sink.markAdded({
        time: record.time,
        connection,
        kind: 'fault',
        fault: record.fault,
        ...(record.ms === undefined ? {} : { ms: record.ms }),
      });
      return;
    case 'worker':
      connection.worker = { kind: record.worker, url: record.url };
      return;
    case 'replay':
      connection.replay = { rule: record.rule, name: record.name, pace: record.pace };
      if (record.native) connection.replay.native = true;
      return;
    case 'response': {
      // A worker's EventSource has a response per (re)connect: what the last one left unfinished ends.
      const previous = state.parsers.get(record.conn);
      if (previous) applyParsed(sink, state, previous.end(record.time));
      connection.response = record;
      const attempt = connection.attempts?.at(-1);
      if (attempt) attempt.response = record;
      const parser = chunkParserFor(record.conn, record.format, originOf(record.url));
      // A client that reconnects keeps its last event id, as an EventSource does.
      if (connection.kind === 'eventsource' || attempt) parser.resumeAfter(connection.lastEventId);
      state.parsers.set(record.conn, parser);
      return;
    }
    case 'chunk': {
      if (pairsNetworkBytes(connection)) {
        for (const block of networkBytesOf(state, record.conn).chunk(record)) applyRecord(sink, state, block);
        return;
      }
      // The empty chunk that says a response ended (network capture) is not one.
      if (record.size === 0 && record.ends) return;
      connection.chunks.push(record);
      connection.bytes += record.size;
      const parser = state.parsers.get(record.conn);
      const data = record.base64 !== undefined ? fromBase64(record.base64) : record.text;
      if (parser && data !== undefined) applyParsed(sink, state, parser.parse(record.time, data));
      return;
    }
    case 'block':
      connection.blocks.push(record);
      countBlockContents(connection, record);
      trackerOf(connection, sink.insightSettings).block(
        record.notes,
        record.raw,
        connection.events === 0 && connection.blocks.length === 1,
      );
      return;
    case 'event': {
      const size = record.originalSize === undefined ? utf8Length(record.data) : record.originalSize;
      const event: EventView = {
        id: sink.nextEventId(),
        time: record.time,
        connection,
        type: record.type,
        data: record.data,
        lastEventId: record.lastEventId,
        origin: record.origin,
        size,
        idChanged: false,
      };
      // An event the page rewrote before its id was read leaves the connection's last id as it was.
      if (record.notes === undefined || !record.notes.includes(REWRITTEN_NOTE)) {
        event.idChanged = record.lastEventId !== connection.lastEventId;
        connection.lastEventId = record.lastEventId;
      }
      if (record.originalSize !== undefined) event.originalSize = record.originalSize;
      if (record.synthetic) event.synthetic = true;
      copyBlockFields(record, event);
      countBlockContents(connection, record);
      connection.events++;
      // Streams read as bytes count the bytes on the network (their chunks); EventSource, the data.
      if (pairsNetworkBytes(connection)) {
        connection.bytes += size;
        if (!record.synthetic) networkBytesOf(state, record.conn).dispatch(event);
      }
      connection.lastEventAt = record.time;
      connection.firstEventAt ??= record.time;
      keepRecent(connection.times, record.time);
      if (!record.synthetic) {
        foldAnswer(connection, event);
        trackerOf(connection, sink.insightSettings).event(event);
      }
      sink.eventAdded(event);
      return;
    }
  }
}

/**
 * An EventSource of the page, whose events its listeners received: the network's bytes of it are
 * paired with them. A worker's EventSource has only the network's view, parsed as a fetch stream's.
 */
const pairsNetworkBytes = (connection: ConnectionView) => connection.kind === 'eventsource' && !connection.worker;

/** The lifecycle mark for a connection's new state (after the reducer applied it). */
function markOf(connection: ConnectionView, state: ConnectionView['state'], time: number): LifecycleMark {
  const mark: LifecycleMark = { time, connection, kind: 'open' };
  if (state === 'open' && connection.reconnects > 0) mark.again = true;
  if (state === 'reconnecting') {
    mark.kind = 'reconnecting';
    mark.lastEventId = connection.lastEventId;
  } else if (state === 'failed') mark.kind = 'failed';
  else if (state === 'closed') {
    if (connection.endReason === undefined) mark.kind = 'closed';
    else {
      mark.kind = 'ended';
      mark.reason = connection.endReason;
    }
  }
  return mark;
}

function trackerOf(connection: ConnectionView, settings: InsightSettings): InsightTracker {
  connection.insights ??= new InsightTracker(() => settings.stallMs);
  return connection.insights;
}

/** Folds an event into its stream's answer (the first events tell whether it has one). */
function foldAnswer(connection: ConnectionView, event: EventView): void {
  connection.llm ??= new ResponseFolder(() => ({
    url: connection.url,
    method: connection.request?.method,
    body: connection.request?.body,
    format: connection.response?.format,
    headers: connection.response?.headers,
  }));
  connection.llm.push(event);
}

/** Events and blocks parsed from a stream's chunk (or its end), applied as if recorded. */
function applyParsed(sink: ReducerSink, state: DocState, records: readonly StoredRecord[]): void {
  for (const record of records) applyRecord(sink, state, record);
}

function networkBytesOf(state: DocState, conn: number): NetworkBytes {
  let exact = state.exact.get(conn);
  if (!exact) {
    exact = new NetworkBytes(state.connections.get(conn) as ConnectionView);
    state.exact.set(conn, exact);
  }
  return exact;
}
