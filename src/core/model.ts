/**
 * The capture model: JSON-serialisable records of what a page did with Server-Sent Events.
 *
 * A frame's capture is an append-only log of records. The page hook produces them without a
 * sequence number ({@link PageRecord}); the relay numbers them per document ({@link CaptureRecord}),
 * so `seq` is a cursor: "everything after seq N" is how a late or restarted reader catches up.
 * Times are epoch milliseconds with fractions (`performance.timeOrigin + performance.now()`).
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 *
 * Long because: it is the one model every context imports, each record kind beside the others in
 * one union; split, a kind's fields and the unions that name it would sit apart. What a capture
 * keeps at most, and how its text is measured, are ./limits.
 */
import type { ReplayPace } from './replay-rule';

/** `eventsource`: `new EventSource()`. `fetch` and `xhr`: a response body read as a stream. */
export type ConnectionKind = 'eventsource' | 'fetch' | 'xhr';

/**
 * How a streamed body is framed: `text/event-stream`, newline-delimited JSON, or the Vercel AI
 * SDK 4 data stream (`text/plain` with `X-Vercel-AI-Data-Stream: v1`: one `CODE:JSON` part a line).
 */
export type StreamFormat = 'sse' | 'ndjson' | 'data-stream' | 'aws-eventstream';

/** How a fetch or XHR stream ended: read to its end, aborted by the page, cancelled by the page, or a network error. */
/** How a connection ended, beyond its state: how a fetch or XHR stream ended, or `unloaded` (any
 * kind): its document went away (a frame removed or navigated, the page left) and the browser
 * closed it, whatever the page saw of that. */
export type EndReason = 'complete' | 'aborted' | 'cancelled' | 'error' | 'unloaded';

/**
 * Where a connection is in its life. `reconnecting` is the spec's "reestablish the connection"
 * (error event, readyState CONNECTING, the browser will retry); `failed` is "fail the connection"
 * (error event, readyState CLOSED: a non-200 status, 204, a wrong content type, CORS or a network
 * failure the browser gave up on); `closed` is the page calling `close()`.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'failed' | 'closed';

/**
 * A connection came to be: `new EventSource(url, {withCredentials})`, or a fetch/XHR whose
 * response turned out to be a stream (its time is when the request was made).
 */
export interface ConnectionRecord {
  kind: 'connection';
  time: number;
  /** Per-document connection number, from 1. */
  conn: number;
  type: ConnectionKind;
  /** The URL resolved against the document, as `EventSource.url` reports it. */
  url: string;
  withCredentials: boolean;
  /** The request, for fetch and XHR: method, headers (secrets masked), and a preview of the body. */
  method?: string;
  requestHeaders?: [string, string][];
  requestBody?: string;
  /** The body's size in bytes when known, and whether the preview was cut. */
  requestBodySize?: number;
}

/** The response of a fetch or XHR stream: what the page's code can see of it. */
export interface ResponseRecord {
  kind: 'response';
  time: number;
  conn: number;
  /** Where the response came from (after redirects). */
  url: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  format: StreamFormat;
}

/**
 * Bytes of a fetch or XHR stream as the page read them, from the page hook: exact bytes for
 * fetch, the decoded text for XHR (it exposes no bytes). The relay parses them into events and
 * keeps them as {@link ChunkRecord}s; they are never stored as they come.
 */
export interface ChunkInput {
  kind: 'chunk-in';
  time: number;
  conn: number;
  data: Uint8Array | string;
}

/**
 * One network chunk of a stream, kept exactly: base64 bytes, or the text when only text is known
 * (XHR). An EventSource has chunks only with network capture on in Firefox (its stream filters): there one
 * connection makes a response per (re)connect, so its first chunk `begins` a response and an
 * empty chunk says it `ends`.
 */
export interface ChunkRecord {
  kind: 'chunk';
  time: number;
  conn: number;
  /** Bytes in the chunk. */
  size: number;
  base64?: string;
  text?: string;
  /** The bytes themselves, as the relay keeps them; they travel on as `base64`. */
  bytes?: Uint8Array;
  begins?: true;
  ends?: true;
}

/**
 * What a block of the stream held besides its event, as eventsource-parser hands it over: the
 * text of its comment lines (`: …`), the reconnection time its `retry:` field set, and notes on
 * the rest (fields the spec does not know, a `retry` that is not digits, an `id:` with no data).
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export interface BlockContents {
  comments?: string[];
  /** In milliseconds. */
  retry?: number;
  notes?: string[];
}

/**
 * An event's block, where the stream was read as bytes (fetch, XHR, network capture): the block exactly
 * as received, where network chunks split it (offsets into `raw`), its own `id:` if it had one, and
 * what else was in it. EventSource exposes none of this.
 */
export interface EventBlock extends BlockContents {
  raw?: string;
  cuts?: number[];
  blockId?: string;
}

/**
 * The note an EventSource event carries when the page re-initialised it (`initMessageEvent`) after
 * its dispatch and before the relay read its id (read when the page is idle): the id is not known.
 */
export const REWRITTEN_NOTE =
  'rewritten: the page re-initialised this event (initMessageEvent) before its last event id was read, so the id is not known';

/** Copies what an event's block brings (its text, cuts, own id, comments, retry, notes) that `from` has. */
export function copyBlockFields(from: EventBlock, to: EventBlock): void {
  if (from.raw !== undefined) to.raw = from.raw;
  if (from.cuts !== undefined) to.cuts = from.cuts;
  if (from.blockId !== undefined) to.blockId = from.blockId;
  if (from.comments !== undefined) to.comments = from.comments;
  if (from.retry !== undefined) to.retry = from.retry;
  if (from.notes !== undefined) to.notes = from.notes;
}

/**
 * A block of a stream that dispatched no event: comments, a `retry:` field, a field the spec does
 * not know, an `id:` alone, the incomplete block a stream ended in, a line of NDJSON that is not
 * JSON, an event of a type nobody listened for (network capture). `raw` is its text as received.
 */
export interface BlockRecord extends BlockContents {
  kind: 'block';
  time: number;
  conn: number;
  raw: string;
  notes: string[];
}

/** The connection moved to another state. */
export interface LifecycleRecord {
  kind: 'lifecycle';
  time: number;
  conn: number;
  state: Exclude<ConnectionState, 'connecting'>;
  /** How many reconnects in a row, counting this one (reconnecting), or before this open. */
  attempt?: number;
  /** Fetch and XHR streams: how the stream ended, and the error's name and message. */
  reason?: EndReason;
  error?: string;
}

/** One event as the page's listeners received it. */
export interface EventRecord extends EventBlock {
  kind: 'event';
  time: number;
  conn: number;
  /** The event type: `message` unless the stream named it with `event:`. */
  type: string;
  data: string;
  lastEventId: string;
  origin: string;
  /** Set when `data` was cut to fit the caps: the original data's size in UTF-8 bytes. */
  originalSize?: number;
  /** Dispatched by the page itself (`isTrusted` false), not received from the server. */
  synthetic?: true;
}

/** The page began listening for a named event type; types nobody listens for cannot be seen. */
export interface ListenRecord {
  kind: 'listen';
  time: number;
  conn: number;
  type: string;
}

/**
 * Records counted but not kept: the document's capture budget ran out (`budget`), or records from
 * the page failed validation (`invalid`, with `conn` 0 as the connection is not known). `events`
 * counts events; `records` the other kinds (listened-for types, connections, lifecycle…). With
 * `conn` 0 and `budget`, the whole document's: a capture that is full says it this way.
 */
export interface DroppedRecord {
  kind: 'dropped';
  reason: 'budget' | 'invalid';
  time: number;
  conn: number;
  events: number;
  chars: number;
  records?: number;
}

/**
 * Records a reader cannot have: the relay could not send them (the browser refused the message),
 * or no longer has them (parts of a removed frame's capture lost on the way, or past its cap).
 * It stands for the `records` numbers up to its own seq, itself included, so that a reader counts
 * them and goes on after it rather than ask for them again.
 */
export interface UnsentRecord {
  kind: 'unsent';
  time: number;
  conn: 0;
  records: number;
}

/**
 * What the browser's network layer saw of one request of the connection (its first, or a
 * reconnect), which the page cannot see: the status and content type that made it open or fail,
 * the Last-Event-ID it sent, or the network error. Only seen while a panel watches the tab, or,
 * `via: 'timing'`, read afterwards from the page's resource timing (status and type only).
 */
export interface HttpRecord {
  kind: 'http';
  time: number;
  conn: number;
  /** The URL that answered (differs from the connection's after a redirect). */
  url: string;
  status?: number;
  contentType?: string;
  /** The response's headers, credentials masked (`Set-Cookie` and the like). */
  headers?: [string, string][];
  /** The Last-Event-ID header this request sent (reconnects). */
  lastEventId?: string;
  /** A network error (`net::ERR_CONNECTION_REFUSED`, …) instead of a response. */
  error?: string;
  /**
   * Read by the relay from the page's resource timing once the request was over, when no panel
   * watched it: Firefox tells every response's status and type, Chromium only a complete one's.
   */
  via?: 'timing';
}

/**
 * The faults SSE Scope can put on a live connection when its user asks (network capture): drop it
 * now, fail the next reconnect with a network error, or answer it with a status (204, 404, 500) or
 * with another Content-Type (text/plain), break the next reconnect as it opens, hold the live
 * stream for a while, or delay its every chunk from now on (by the user's `ms`); inject an event the user wrote,
 * cut the next block mid-line (then drop), or split the next multi-byte character across two chunks.
 */
export const FAULTS = [
  'drop',
  'fail-next',
  'fail-204',
  'fail-404',
  'fail-500',
  'wrong-type',
  'cut-next',
  'hold',
  'delay',
  'inject',
  'cut-mid-line',
  'split-char',
] as const;
export type FaultKind = (typeof FAULTS)[number];

/** A fault SSE Scope put on the connection, when it took effect: the connection is not the server's alone. */
export interface FaultRecord {
  kind: 'fault';
  time: number;
  conn: number;
  fault: FaultKind;
  /** A hold's or a delay's length. */
  ms?: number;
}

/**
 * SSE Scope, not the server, answered this connection: the user's replay rule `rule` (named
 * `name`) served it at `pace`. The page hook says so as the connection starts; the relay keeps it
 * only for a rule it handed that document.
 */
export interface ReplayRecord {
  kind: 'replay';
  time: number;
  conn: number;
  rule: string;
  name: string;
  pace: ReplayPace;
  /** Firefox's worker plays it into the browser's own EventSource (the page hook does not). */
  native?: true;
}

/**
 * Network capture (Chrome): when a piece of a fetch or XHR stream's response arrived from the
 * network, and its size decoded — beside when the page read it (its chunks), the gap between the
 * two says whether a slow stream is the server or the page.
 */
export interface ArrivalRecord {
  kind: 'arrival';
  time: number;
  conn: number;
  size: number;
}

/**
 * The HTTP version the browser speaks to a connection's origin (ALPN: `http/1.1`, `h2`, `h3`), as
 * the page's resource timing tells it (`nextHopProtocol` of any request to that origin, the page
 * itself included), read by the relay at no cost to the page.
 */
export interface HttpVersionRecord {
  kind: 'http-version';
  time: number;
  conn: number;
  httpVersion: string;
}

/**
 * Network capture: who makes a stream the page hook cannot see. A dedicated, shared or service
 * worker (`worker` where the browser does not say which).
 */
export type WorkerKind = 'dedicated' | 'shared' | 'service' | 'worker';

/**
 * Network capture: a worker seen on the network. With a connection (`conn` > 0), the worker that
 * made that connection, which only the network saw (it has no page records: its requests, responses
 * and bytes are all the capture has). With `conn` 0, a worker the capture follows from now on;
 * `late` when it was already running then (streams it opened before were not seen).
 */
export interface WorkerRecord {
  kind: 'worker';
  time: number;
  conn: number;
  worker: WorkerKind;
  /** The worker's script URL. */
  url: string;
  late?: true;
}

/** What the page hook reports. */
export type PageRecord =
  | ConnectionRecord
  | LifecycleRecord
  | EventRecord
  | ListenRecord
  | ResponseRecord
  | ReplayRecord
  | ChunkInput;
/** What the relay writes: HTTP facts and counts a page cannot forge, and what it parsed from chunks. */
export type RelayRecord =
  | DroppedRecord
  | UnsentRecord
  | HttpRecord
  | HttpVersionRecord
  | ArrivalRecord
  | FaultRecord
  | WorkerRecord
  | ChunkRecord
  | BlockRecord
  | EventRecord;
/** What a capture keeps: everything but raw chunk input, numbered. */
export type StoredRecord = Exclude<PageRecord, ChunkInput> | RelayRecord;
/**
 * A kept record, numbered. `unsentChars`: the record was too large to send whole and was sent cut
 * (its strings and lists shortened); this many characters of it did not reach the reader.
 */
export type CaptureRecord = StoredRecord & { seq: number; unsentChars?: number };

/** A document (top page or frame) whose capture the relay holds. */
export interface DocumentInfo {
  /** Random per document, chosen by its relay; stable for the document's life. */
  docId: string;
  url: string;
  top: boolean;
  /** When the document started (document_start), or was last restored from the back/forward cache. */
  activatedAt: number;
  /**
   * Set on a frame's document that was removed or navigated away while its page lives on: the top
   * frame keeps its capture (adopted on `pagehide`) and serves it under the frame's own id.
   */
  gone?: { frameId: number };
  /**
   * A same-origin parent or opener held this document's window before SSE Scope's scripts ran in
   * it (a frame's or a popup's first, blank window is kept when it navigates to a page of the same
   * origin, listeners and all): it could have taken the page hook's private channel, and written
   * what the relay received over it as the page's own. The relay's own observations (EventSource
   * events, the network's) are not of that channel.
   */
  exposed?: true;
}

/** A document as the background saw its relay connect: the browser's frame id added. */
export interface FrameDocument extends DocumentInfo {
  frameId: number;
}

/** The key of a connection across documents. */
export function connectionKey(docId: string, conn: number): string {
  return `${docId}/${conn}`;
}
