/**
 * What the panel shows of a capture, as plain data: connections with their life and counts, and
 * events, each pointing at its connection. The store (./capture-store) builds these from records.
 */

import type { InsightTracker } from '../insights/tracker';
import type { ResponseFolder } from '../llm/fold';
import type { Piece } from '../llm/response';
import type {
  BlockRecord,
  ChunkRecord,
  ConnectionKind,
  ConnectionState,
  EndReason,
  EventBlock,
  FaultKind,
  HttpRecord,
  ResponseRecord,
  WorkerKind,
} from '../model';
import { partitionPoint } from '../partition';
import type { ReplayPace } from '../replay-rule';

/** A stretch of a connection's life in one state, from `from` until the next segment. */
export interface LifecycleStep {
  state: ConnectionState;
  from: number;
}

/** How a request was recognised as a stream's next attempt. */
export type ResumedBy =
  | { by: 'header'; lastEventId: string }
  | { by: 'query'; lastEventId: string; param: string }
  /** No id to resume: a new request `afterMs` after the stream ended, within `retryMs` and the margin. */
  | { by: 'retry'; afterMs: number; retryMs: number };

/**
 * One request of a fetch or XHR stream that a later request resumed (./resume): its own request,
 * response and end, which the connection's fields hold for the latest one only.
 */
export interface StreamAttempt {
  /** When the page made the request. */
  time: number;
  url: string;
  request?: ConnectionView['request'];
  response?: ResponseRecord;
  /** How it was recognised as the connection's next attempt (none on the first). */
  resumed?: ResumedBy;
  /** How it ended, before the next attempt (none on the latest: the connection's own end). */
  ended?: { time: number; state: 'closed' | 'failed'; reason?: EndReason; error?: string };
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
  lifecycle: LifecycleStep[];
  /**
   * Times of the latest events, in order, those within RECENT_MS of the last: for rates, which look
   * 10 s back. (All of them took 8 bytes an event for the life of the panel: 8 MB a million.)
   */
  times: number[];
  /** When the first event came (the connection's time to first event). */
  firstEventAt?: number;
  /** The connection's last event id so far (the spec's "last event ID string"). */
  lastEventId: string;
  events: number;
  bytes: number;
  dropped: number;
  /** When events were first not kept: one lifecycle mark there counts them all. */
  droppedAt?: number;
  /** Named types the page listens for (besides open, message, error). */
  listening: string[];
  /** The document is gone (frame removed or navigated). */
  gone: boolean;
  /**
   * A fetch or XHR stream of a document a same-origin parent or opener could reach before SSE
   * Scope (`DocumentInfo.exposed`): what the page hook reported of it could have been written by that page.
   */
  forgeable?: true;
  /**
   * What the network layer saw of the latest request, when a panel was watching at the time (or
   * what the page's resource timing told of it afterwards).
   */
  http?: HttpRecord;
  /** The HTTP version spoken to the connection's origin (`http/1.1`, `h2`, `h3`), once known. */
  httpVersion?: string;
  /** Fetch and XHR: the request as the page made it, the response, and every chunk and non-event block. */
  request?: { method: string; headers: [string, string][]; body?: string; bodySize?: number };
  response?: ResponseRecord;
  chunks: ChunkRecord[];
  /** Network capture (Chrome): when each piece of a fetch or XHR response arrived, and its size. */
  arrivals: { time: number; size: number }[];
  /** Faults SSE Scope put on it (network capture, on the user's request), when each took effect. */
  /** Faults SSE Scope put on it; `ms`: a hold's or a delay's length. */
  faults: { time: number; fault: FaultKind; ms?: number }[];
  /** A replay rule of the user's, not the server, answered it. */
  replay?: { rule: string; name: string; pace: ReplayPace; native?: true };
  blocks: BlockRecord[];
  /** How a fetch or XHR stream ended, and its error. */
  endReason?: EndReason;
  endError?: string;
  /** The latest `retry:` the stream sent, and how many comment lines. */
  retry?: number;
  comments: number;
  /**
   * EventSource with network capture: events on the network of a type nobody listened for, so never
   * dispatched to the page (each kept in `blocks`).
   */
  unheard: number;
  /** The stream's answer, when it speaks an LLM or tool protocol (folded as events arrive). */
  llm?: ResponseFolder;
  /**
   * Network capture: the worker that made the connection (its kind and script URL). Only the
   * network saw it: its events are what the network delivered, not what a listener received.
   */
  worker?: { kind: WorkerKind; url: string };
  /** What the health checks need, kept as records arrive. */
  insights?: InsightTracker;
  /** A fetch or XHR stream whose client reconnected with new requests: each request, the first included. */
  attempts?: StreamAttempt[];
}

export interface EventView extends EventBlock {
  /**
   * Unique in the store: a count, which a view holds in its field for nothing more. (As a string of
   * the document and seq it took 24–88 bytes more an event: 24–88 MB of the panel's heap a million.)
   */
  id: number;
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
  /** What the event added to its stream's answer (a text, reasoning or tool-argument delta). */
  piece?: Piece;
}

/**
 * A moment in a connection's life, shown among its events: it opened, dropped and will reconnect
 * (sending `lastEventId`), failed, was closed by the page, ended (a fetch or XHR stream, or with
 * its document: `reason`), or events went uncounted past the capture's cap (`count`).
 */
export interface LifecycleMark {
  time: number;
  connection: ConnectionView;
  kind: 'open' | 'reconnecting' | 'failed' | 'closed' | 'ended' | 'not-kept' | 'fault';
  lastEventId?: string;
  /** A fault SSE Scope put on the connection, and a hold's or a delay's length. */
  fault?: FaultKind;
  ms?: number;
  reason?: string;
  count?: number;
  /** An `open` after a reconnect. */
  again?: boolean;
  /** A fetch or XHR stream's new request: how it was recognised as the connection's next attempt. */
  resumed?: ResumedBy;
}

/** A worker of the page that network capture follows (`late`: it was running already, so streams it opened before are not seen). */
export interface WorkerSeen {
  time: number;
  docId: string;
  kind: WorkerKind;
  url: string;
  late?: true;
}

/** Where the tab navigated while the log was preserved. */
export interface NavigationMark {
  time: number;
  url: string;
}

/** Records of a document that must be fetched again, from after `after`. */
export interface Resync {
  docId: string;
  after: number;
}

/** A connection as it starts: connecting, nothing counted yet. */
export function newConnectionView(
  fields: Pick<ConnectionView, 'key' | 'kind' | 'docId' | 'frameId' | 'frameUrl' | 'url' | 'withCredentials' | 'gone'>,
  createdAt: number,
): ConnectionView {
  return {
    ...fields,
    ordinal: 0,
    state: 'connecting',
    attempt: 0,
    reconnects: 0,
    createdAt,
    lifecycle: [{ state: 'connecting', from: createdAt }],
    times: [],
    chunks: [],
    arrivals: [],
    faults: [],
    blocks: [],
    comments: 0,
    unheard: 0,
    lastEventId: '',
    events: 0,
    bytes: 0,
    dropped: 0,
    listening: [],
  };
}

/** Counts a block's comment lines and takes its `retry` as the connection's latest. */
export function countBlockContents(connection: ConnectionView, block: { comments?: string[]; retry?: number }): void {
  if (block.comments !== undefined) connection.comments += block.comments.length;
  if (block.retry !== undefined) connection.retry = block.retry;
}

/** How far back from a connection's last event its times are kept: rates look 10 s back. */
const RECENT_MS = 15_000;

/**
 * Adds an event's time to a connection's recent times, and lets those older than RECENT_MS go, a
 * run at a time: looked at every 1,024 events, and cut when at least half of the list can go.
 */
export function keepRecent(times: number[], time: number): void {
  times.push(time);
  if ((times.length & 1023) !== 0 || (times[0] as number) >= time - RECENT_MS) return;
  const old = partitionPoint(times.length, (i) => (times[i] as number) < time - RECENT_MS);
  if (old * 2 >= times.length) times.splice(0, old);
}
