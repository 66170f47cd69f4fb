/**
 * The capture model: JSON-serialisable records of what a page did with Server-Sent Events.
 *
 * A frame's capture is an append-only log of records. The page hook produces them without a
 * sequence number ({@link PageRecord}); the relay numbers them per document ({@link CaptureRecord}),
 * so `seq` is a cursor: "everything after seq N" is how a late or restarted reader catches up.
 * Times are epoch milliseconds with fractions (`performance.timeOrigin + performance.now()`).
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */

export const MODEL_VERSION = 1;

export type ConnectionKind = 'eventsource';

/**
 * Where a connection is in its life. `reconnecting` is the spec's "reestablish the connection"
 * (error event, readyState CONNECTING, the browser will retry); `failed` is "fail the connection"
 * (error event, readyState CLOSED: a non-200 status, 204, a wrong content type, CORS or a network
 * failure the browser gave up on); `closed` is the page calling `close()`.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'failed' | 'closed';

/** A connection came to be: `new EventSource(url, {withCredentials})`. */
export interface ConnectionRecord {
  kind: 'connection';
  time: number;
  /** Per-document connection number, from 1. */
  conn: number;
  type: ConnectionKind;
  /** The URL resolved against the document, as `EventSource.url` reports it. */
  url: string;
  withCredentials: boolean;
}

/** The connection moved to another state. */
export interface LifecycleRecord {
  kind: 'lifecycle';
  time: number;
  conn: number;
  state: Exclude<ConnectionState, 'connecting'>;
  /** How many reconnects in a row, counting this one (reconnecting), or before this open. */
  attempt?: number;
}

/** One event as the page's listeners received it. */
export interface EventRecord {
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
 * Events counted but not kept: the document's capture budget ran out (`budget`), or records from
 * the page failed validation (`invalid`, with `conn` 0 as the connection is not known).
 */
export interface DroppedRecord {
  kind: 'dropped';
  reason: 'budget' | 'invalid';
  time: number;
  conn: number;
  events: number;
  chars: number;
}

/**
 * What the browser's network layer saw of one request of the connection (its first, or a
 * reconnect), which the page cannot see: the status and content type that made it open or fail,
 * the Last-Event-ID it sent, or the network error. Only seen while a panel watches the tab.
 */
export interface HttpRecord {
  kind: 'http';
  time: number;
  conn: number;
  /** The URL that answered (differs from the connection's after a redirect). */
  url: string;
  status?: number;
  contentType?: string;
  /** The Last-Event-ID header this request sent (reconnects). */
  lastEventId?: string;
  /** A network error (`net::ERR_CONNECTION_REFUSED`, …) instead of a response. */
  error?: string;
}

/** What the page hook reports. */
export type PageRecord = ConnectionRecord | LifecycleRecord | EventRecord | ListenRecord;
/** What only the relay writes: a page cannot forge these. */
export type RelayRecord = DroppedRecord | HttpRecord;
export type CaptureRecord = (PageRecord | RelayRecord) & { seq: number };

/** A document (top page or frame) whose capture the relay holds. */
export interface DocumentInfo {
  /** Random per document, chosen by its relay; stable for the document's life. */
  docId: string;
  url: string;
  top: boolean;
  /** When the document started (document_start), or was last restored from the back/forward cache. */
  activatedAt: number;
}

/** A document as the background saw its relay connect: the browser's frame id added. */
export interface FrameDocument extends DocumentInfo {
  frameId: number;
}

/** What a capture keeps at most. The page hook cuts early so that oversized data never crosses a boundary. */
export const LIMITS = {
  /** Event data kept per event, in UTF-16 code units (1 Mi). */
  eventDataChars: 1 << 20,
  /** Event types and ids (cut, not refused, beyond this). */
  shortTextChars: 65536,
  /** URLs. */
  urlChars: 65536,
  /** Everything one document keeps, in UTF-16 code units of event data (256 Mi). */
  documentChars: 1 << 28,
  /** Records in one page-to-relay batch. */
  batchRecords: 4096,
} as const;

/** UTF-8 byte length of a string, counting lone surrogates as the three bytes of U+FFFD. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The key of a connection across documents. */
export function connectionKey(docId: string, conn: number): string {
  return `${docId}/${conn}`;
}
