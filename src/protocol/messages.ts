/**
 * Every message between the parts, one union per hop, named by direction.
 *
 *   page ──PageToRelay──▶ relay ──RelayToBackground──▶ background ──BackgroundToPanel──▶ panel
 *        (private port)       ◀──BackgroundToRelay──  (runtime ports) ◀──PanelToBackground──
 *
 * Data from the page is untrusted (a hostile page shares the page's JS heap with our hook, and its
 * renderer with the relay), so the relay and the background validate what they receive with the
 * guards below before anything is kept or forwarded. Validators never throw: they return null.
 */
import {
  type CaptureRecord,
  type ChunkRecord,
  type ConnectionRecord,
  type DocumentInfo,
  type EndReason,
  type EventRecord,
  type FrameDocument,
  type FrameRecord,
  type HttpRecord,
  LIMITS,
  type LifecycleRecord,
  type PageRecord,
  type RelayRecord,
  type ResponseRecord,
  type StoredRecord,
} from '../core/model';

export const BRAND = 'sse-scope';
export const PROTOCOL_VERSION = 1;

/** Names the runtime ports, so the background knows who connected. */
export const PortName = { relay: 'sse-scope/relay', panel: 'sse-scope/panel' } as const;

/** The event type that hands the page's private port to the relay, once, at document_start. */
export const HANDSHAKE_EVENT = 'sse-scope:handshake';

/**
 * The page hook's synchronous signals to the relay, dispatched on a private EventTarget that only
 * the two of them hold (handed over at document_start by a SIGNAL_HANDOVER event whose
 * `relatedTarget` it is). A signal is a MouseEvent: `relatedTarget` is the EventSource it is about
 * and `detail` its connection number, which both worlds can read.
 */
export const Signal = {
  handover: 'sse-scope:signal-handover',
  /** A new EventSource: the relay captures it from here on. */
  created: 'sse-scope:created',
  /** The page calls close(). */
  close: 'sse-scope:close',
  /**
   * The page is about to listen for a named type: first a KeyboardEvent whose `key` is the type
   * (a MouseEvent carries no string), then this signal about the EventSource.
   */
  listenType: 'sse-scope:listen-type',
  listen: 'sse-scope:listen',
} as const;

type Branded<T> = T & { brand: typeof BRAND; v: typeof PROTOCOL_VERSION };

export type PageToRelay = Branded<{ type: 'records'; records: PageRecord[] }>;

/**
 * A plain event (no optional fields) on the wire: [seq, time, conn, data, type or 0 for
 * `message`, lastEventId, origin or 0 for the previous event's in the batch]. Extension messaging
 * is JSON on every hop (relay, worker, panel), so its size is what a backlog costs to show: this
 * is about half an event record's, keys and repeated values gone.
 */
export type EventTuple = [number, number, number, string, string | 0, string, string | 0];
export type WireRecord = CaptureRecord | EventTuple;

export interface RecordBatch {
  type: 'records';
  docId: string;
  /** The seq of the batch's last record. */
  last: number;
  /** Checked by the panel as it unpacks them (`fromWire`); the worker only forwards them. */
  records: WireRecord[];
}

export type RelayToBackground = Branded<{ type: 'hello'; doc: DocumentInfo }> | Branded<RecordBatch>;

/**
 * One-shot, from a relay whose count of live connections changed: for the toolbar badge and the
 * popup's list of tabs, which must not need a port (or a panel) open.
 */
export interface DocumentSummary {
  docId: string;
  top: boolean;
  /** When the document started (its DocumentInfo.activatedAt). */
  activatedAt: number;
  /** Connections not ended: connecting, open or reconnecting. */
  open: number;
  connections: number;
}
/**
 * `adopt`: a frame's document is going away (removed, or navigated) while its page lives on; it
 * hands its capture, in parts, to the tab's top frame through the worker, so that nothing it
 * captured is lost while the page lives.
 */
export interface Adoption {
  type: 'adopt';
  doc: DocumentInfo;
  last: number;
  records: WireRecord[];
}
export type RelayToWorker = Branded<{ type: 'summary'; summary: DocumentSummary }> | Branded<Adoption>;

/** One-shot, from the popup: which tabs have connections. */
export type PopupToBackground = Branded<{ type: 'tabs' }>;
export interface TabSummary {
  tabId: number;
  open: number;
  connections: number;
}

/** Over the relay's port: start streaming after `after`, or stop and let the worker sleep. */
export type BackgroundToRelay = Branded<{ type: 'sync'; after: number }> | Branded<{ type: 'idle' }>;

/** One SSE request as the network layer saw it, before the relay matches it to a connection. */
export type HttpObservation = Omit<HttpRecord, 'kind' | 'conn'> & {
  /** The URL first requested (the connection's URL; `url` is where it ended after redirects). */
  requestedUrl: string;
  /** When the request started; `time` is when its response (or error) came. */
  requestTime?: number;
  /** The browser's id of the request, which the wire tap's bytes of it carry. */
  request?: string;
};

/** One chunk of a response as the wire tap saw it: when, and its bytes in base64. */
export type WireChunk = [number, string];

/**
 * The wire tap's copy of an EventSource response (Firefox, opt-in), in batches, to the document
 * that made the request: `ends` once the response is over. The relay answers false when the
 * request is not one of its EventSources, and the tap stops copying.
 */
export interface WireBatchMessage {
  type: 'wire';
  request: string;
  chunks: WireChunk[];
  ends?: true;
}

/**
 * Sent with `tabs.sendMessage`: `attach` to every frame of a watched tab (connect and say hello);
 * `http` to the one document whose EventSource made the request.
 */
export type BackgroundToTab =
  | Branded<{ type: 'attach' }>
  | Branded<{ type: 'http'; observation: HttpObservation }>
  | Branded<WireBatchMessage>
  | Branded<Adoption>;

export type PanelToBackground =
  | Branded<{ type: 'subscribe'; tabId: number; cursors: Record<string, number> }>
  | Branded<{ type: 'resync'; docId: string; after: number }>
  | Branded<{ type: 'attach' }>
  | Branded<{ type: 'ping' }>;

export type BackgroundToPanel =
  | Branded<{ type: 'doc'; doc: FrameDocument }>
  | Branded<RecordBatch>
  | Branded<{ type: 'doc-gone'; docId: string }>
  | Branded<{ type: 'attached'; reachable: boolean }>;

type Unbranded<T> = T extends unknown ? Omit<T, 'brand' | 'v'> : never;

/** Adds the brand and version to a message body. */
export function message<T extends { brand: string }>(body: Unbranded<T>): T {
  return { ...body, brand: BRAND, v: PROTOCOL_VERSION } as unknown as T;
}

/**
 * A plain object: fields inherited from another prototype are not read as data. Its prototype
 * may be another realm's `Object.prototype`: Firefox hands extension pages their messages, and
 * content scripts the page's, as objects of another compartment.
 */
function isObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return true;
  return Object.getPrototypeOf(proto) === null && Object.hasOwn(proto, 'hasOwnProperty') && !Array.isArray(value);
}

function isBranded(value: unknown): value is Record<string, unknown> & { type: unknown } {
  return isObject(value) && value.brand === BRAND && value.v === PROTOCOL_VERSION;
}

const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isSeq = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 1;
const isText = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const isBase64 = (x: string): boolean => BASE64.test(x);

const isHeaders = (x: unknown): x is [string, string][] =>
  Array.isArray(x) &&
  x.length <= LIMITS.headers &&
  x.every(
    (pair) =>
      Array.isArray(pair) &&
      pair.length === 2 &&
      isText(pair[0], LIMITS.shortTextChars) &&
      isText(pair[1], LIMITS.shortTextChars),
  );
const isStrings = (x: unknown, max: number): x is string[] =>
  Array.isArray(x) && x.length <= 1024 && x.every((item) => isText(item, max));

function validateConnection(x: Record<string, unknown>, time: number, conn: number): ConnectionRecord | null {
  if (
    (x.type !== 'eventsource' && x.type !== 'fetch' && x.type !== 'xhr') ||
    !isText(x.url, LIMITS.urlChars) ||
    typeof x.withCredentials !== 'boolean'
  )
    return null;
  const record: ConnectionRecord = {
    kind: 'connection',
    time,
    conn,
    type: x.type,
    url: x.url,
    withCredentials: x.withCredentials,
  };
  if (x.method !== undefined) {
    if (!isText(x.method, LIMITS.shortTextChars)) return null;
    record.method = x.method;
  }
  if (x.requestHeaders !== undefined) {
    if (!isHeaders(x.requestHeaders)) return null;
    record.requestHeaders = x.requestHeaders;
  }
  if (x.requestBody !== undefined) {
    if (!isText(x.requestBody, LIMITS.requestBodyChars)) return null;
    record.requestBody = x.requestBody;
  }
  if (x.requestBodySize !== undefined) {
    if (!isCount(x.requestBodySize)) return null;
    record.requestBodySize = x.requestBodySize;
  }
  return record;
}

const END_REASONS: readonly EndReason[] = ['complete', 'aborted', 'cancelled', 'error', 'unloaded'];

function validateLifecycle(x: Record<string, unknown>, time: number, conn: number): LifecycleRecord | null {
  if (x.state !== 'open' && x.state !== 'reconnecting' && x.state !== 'failed' && x.state !== 'closed') return null;
  if (x.attempt !== undefined && !isCount(x.attempt)) return null;
  const record: LifecycleRecord = { kind: 'lifecycle', time, conn, state: x.state };
  if (x.attempt !== undefined) record.attempt = x.attempt;
  if (x.reason !== undefined) {
    const reason = END_REASONS.find((known) => known === x.reason);
    if (reason === undefined) return null;
    record.reason = reason;
  }
  if (x.error !== undefined) {
    if (!isText(x.error, LIMITS.shortTextChars)) return null;
    record.error = x.error;
  }
  return record;
}

function validateEvent(x: Record<string, unknown>, time: number, conn: number): EventRecord | null {
  if (
    !isText(x.type, LIMITS.shortTextChars) ||
    !isText(x.data, LIMITS.eventDataChars) ||
    !isText(x.lastEventId, LIMITS.shortTextChars) ||
    !isText(x.origin, LIMITS.urlChars)
  )
    return null;
  const record: EventRecord = {
    kind: 'event',
    time,
    conn,
    type: x.type,
    data: x.data,
    lastEventId: x.lastEventId,
    origin: x.origin,
  };
  if (x.originalSize !== undefined) {
    if (!isCount(x.originalSize) || x.originalSize <= x.data.length) return null;
    record.originalSize = x.originalSize;
  }
  if (x.synthetic !== undefined) {
    if (x.synthetic !== true) return null;
    record.synthetic = true;
  }
  if (x.raw !== undefined) {
    if (!isText(x.raw, LIMITS.eventDataChars)) return null;
    record.raw = x.raw;
  }
  if (x.cuts !== undefined) {
    if (!Array.isArray(x.cuts) || x.cuts.length > 65536 || !x.cuts.every(isCount)) return null;
    record.cuts = x.cuts as number[];
  }
  if (x.blockId !== undefined) {
    if (!isText(x.blockId, LIMITS.shortTextChars)) return null;
    record.blockId = x.blockId;
  }
  if (x.notes !== undefined) {
    if (!isStrings(x.notes, LIMITS.shortTextChars)) return null;
    record.notes = x.notes;
  }
  return record;
}

function validateResponse(x: Record<string, unknown>, time: number, conn: number): ResponseRecord | null {
  if (
    !isText(x.url, LIMITS.urlChars) ||
    !(Number.isSafeInteger(x.status) && (x.status as number) >= 0 && (x.status as number) < 1000) ||
    !isText(x.statusText, LIMITS.shortTextChars) ||
    !isHeaders(x.headers) ||
    (x.format !== 'sse' && x.format !== 'ndjson')
  )
    return null;
  return {
    kind: 'response',
    time,
    conn,
    url: x.url,
    status: x.status as number,
    statusText: x.statusText,
    headers: x.headers,
    format: x.format,
  };
}

/** Records both the page and a stored capture may hold (everything but raw chunk input and relay facts). */
function validateStoredPageRecord(x: Record<string, unknown>, time: number, conn: number): PageRecord | null {
  switch (x.kind) {
    case 'connection':
      return validateConnection(x, time, conn);
    case 'lifecycle':
      return validateLifecycle(x, time, conn);
    case 'event':
      return validateEvent(x, time, conn);
    case 'listen':
      return isText(x.type, LIMITS.shortTextChars) ? { kind: 'listen', time, conn, type: x.type } : null;
    case 'response':
      return validateResponse(x, time, conn);
    default:
      return null;
  }
}

/**
 * Checks one record from the page and returns a clean copy (only known fields), or null.
 * Oversized data is refused here rather than cut: the page hook cuts before sending, so a record
 * that is still too large did not come from the hook.
 */
export function validatePageRecord(x: unknown): PageRecord | null {
  if (!isObject(x) || !isTime(x.time) || !isCount(x.conn) || x.conn === 0) return null;
  const { time, conn } = x;
  if (x.kind === 'chunk-in') {
    const data: unknown = x.data;
    if (typeof data === 'string' && data.length <= LIMITS.chunkBytes) return { kind: 'chunk-in', time, conn, data };
    if (data instanceof Uint8Array && data.byteLength <= LIMITS.chunkBytes)
      return { kind: 'chunk-in', time, conn, data };
    // Firefox: the page's bytes arrive as a Uint8Array of the page's compartment. Copied into ours.
    if (ArrayBuffer.isView(data) && Object.prototype.toString.call(data) === '[object Uint8Array]') {
      const bytes = data as Uint8Array;
      if (bytes.byteLength <= LIMITS.chunkBytes) return { kind: 'chunk-in', time, conn, data: Uint8Array.from(bytes) };
    }
    return null;
  }
  return validateStoredPageRecord(x, time, conn);
}

/** The optional fields of an HTTP observation, checked and copied onto `target`. */
function copyHttpFields(x: Record<string, unknown>, target: Partial<HttpRecord>): boolean {
  if (
    x.status !== undefined &&
    !(Number.isSafeInteger(x.status) && (x.status as number) >= 0 && (x.status as number) < 1000)
  )
    return false;
  for (const field of ['contentType', 'lastEventId', 'error'] as const) {
    if (x[field] === undefined) continue;
    if (!isText(x[field], LIMITS.shortTextChars)) return false;
    target[field] = x[field];
  }
  if (x.status !== undefined) target.status = x.status as number;
  return true;
}

/** Checks a record only the relay writes (never accepted from the page). */
function validateRelayRecord(x: Record<string, unknown>): RelayRecord | null {
  if (!isTime(x.time) || !isCount(x.conn)) return null;
  const { time, conn } = x;
  switch (x.kind) {
    case 'dropped':
      return (x.reason === 'budget' || x.reason === 'invalid') && isCount(x.events) && isCount(x.chars)
        ? { kind: 'dropped', reason: x.reason, time, conn, events: x.events, chars: x.chars }
        : null;
    case 'http': {
      if (conn === 0 || !isText(x.url, LIMITS.urlChars)) return null;
      const record: HttpRecord = { kind: 'http', time, conn, url: x.url };
      return copyHttpFields(x, record) ? record : null;
    }
    case 'chunk': {
      if (conn === 0 || !isCount(x.size)) return null;
      const record: ChunkRecord = { kind: 'chunk', time, conn, size: x.size };
      if (x.base64 !== undefined) {
        if (!isText(x.base64, 2 * LIMITS.chunkBytes) || !isBase64(x.base64)) return null;
        record.base64 = x.base64;
      }
      if (x.text !== undefined) {
        if (!isText(x.text, LIMITS.chunkBytes)) return null;
        record.text = x.text;
      }
      for (const flag of ['begins', 'ends'] as const) {
        if (x[flag] === undefined) continue;
        if (x[flag] !== true) return null;
        record[flag] = true;
      }
      return record;
    }
    case 'frame': {
      if (conn === 0 || !isText(x.raw, LIMITS.eventDataChars) || !isStrings(x.notes, LIMITS.shortTextChars))
        return null;
      const record: FrameRecord = { kind: 'frame', time, conn, raw: x.raw, notes: x.notes };
      if (x.retry !== undefined) {
        if (!isCount(x.retry)) return null;
        record.retry = x.retry;
      }
      return record;
    }
    default:
      return null;
  }
}

/** Checks a numbered record from a relay: a page record or a relay record, with its seq. */
export function validateCaptureRecord(x: unknown): CaptureRecord | null {
  if (!isObject(x) || !isSeq(x.seq)) return null;
  let record: StoredRecord | null = null;
  if (x.kind === 'dropped' || x.kind === 'http' || x.kind === 'chunk' || x.kind === 'frame')
    record = validateRelayRecord(x);
  else if (isTime(x.time) && isCount(x.conn) && x.conn !== 0)
    record = validateStoredPageRecord(x, x.time, x.conn) as StoredRecord | null;
  return record ? ({ ...record, seq: x.seq } as CaptureRecord) : null;
}

const isPlainEvent = (r: CaptureRecord): r is EventRecord & { seq: number } =>
  r.kind === 'event' &&
  r.originalSize === undefined &&
  r.synthetic === undefined &&
  r.raw === undefined &&
  r.cuts === undefined &&
  r.blockId === undefined &&
  r.notes === undefined;

/**
 * The wire form of a batch of records, for `fromWire` at the other end; `other` prepares the
 * records that travel as objects (the relay turns chunk bytes into base64), in the same pass.
 */
export function toWire(
  records: readonly CaptureRecord[],
  other: (record: CaptureRecord) => CaptureRecord = (record) => record,
): { last: number; records: WireRecord[] } {
  let origin: string | undefined;
  const wire = records.map((r): WireRecord => {
    if (!isPlainEvent(r)) return other(r);
    const tuple: EventTuple = [
      r.seq,
      r.time,
      r.conn,
      r.data,
      r.type === 'message' ? 0 : r.type,
      r.lastEventId,
      r.origin === origin ? 0 : r.origin,
    ];
    origin = r.origin;
    return tuple;
  });
  return { last: records[records.length - 1]?.seq ?? 0, records: wire };
}

/**
 * A batch's records, each checked, in seq order ending at `last`; null if one does not pass or
 * the seqs are out of order: a batch is refused whole, never in part.
 */
export function fromWire(items: unknown, last: number): CaptureRecord[] | null {
  if (!Array.isArray(items) || items.length === 0) return null;
  const records: CaptureRecord[] = [];
  let previous = 0;
  let origin: unknown;
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    let candidate = item;
    if (Array.isArray(item)) {
      if (item.length !== 7 || (item[6] === 0 && origin === undefined)) return null;
      // By index: an array's iterator is not to be trusted.
      const tuple = item as unknown[];
      if (tuple[6] !== 0) origin = tuple[6];
      const type = tuple[4] === 0 ? 'message' : tuple[4];
      candidate = {
        kind: 'event',
        seq: tuple[0],
        time: tuple[1],
        conn: tuple[2],
        data: tuple[3],
        type,
        lastEventId: tuple[5],
        origin,
      };
    }
    const record = validateCaptureRecord(candidate);
    if (!record || record.seq <= previous) return null;
    previous = record.seq;
    records.push(record);
  }
  return previous === last ? records : null;
}

/** A batch from the page: the records that pass, and how many did not. */
export function validatePageToRelay(x: unknown): { records: PageRecord[]; rejected: number } | null {
  if (!isBranded(x) || x.type !== 'records' || !Array.isArray(x.records)) return null;
  const input: unknown[] = x.records;
  if (input.length > LIMITS.batchRecords) return null;
  const records: PageRecord[] = [];
  for (const item of input) {
    const record = validatePageRecord(item);
    if (record) records.push(record);
  }
  return { records, rejected: input.length - records.length };
}

function validateDocumentInfo(x: unknown): DocumentInfo | null {
  if (
    !isObject(x) ||
    !isText(x.docId, 64) ||
    x.docId === '' ||
    !isText(x.url, LIMITS.urlChars) ||
    typeof x.top !== 'boolean' ||
    !isTime(x.activatedAt)
  )
    return null;
  const doc: DocumentInfo = { docId: x.docId, url: x.url, top: x.top, activatedAt: x.activatedAt };
  if (x.gone !== undefined) {
    if (!isObject(x.gone) || !isCount(x.gone.frameId)) return null;
    doc.gone = { frameId: x.gone.frameId };
  }
  return doc;
}

/**
 * Checks a message from a relay. A batch's envelope only: the worker forwards the records as they
 * came, and the panel checks every one as it unpacks them (off the page's thread, like here).
 */
export function validateRelayToBackground(x: unknown): Unbranded<RelayToBackground> | null {
  if (!isBranded(x)) return null;
  if (x.type === 'hello') {
    const doc = validateDocumentInfo(x.doc);
    return doc ? { type: 'hello', doc } : null;
  }
  if (x.type === 'records' && isText(x.docId, 64) && isSeq(x.last) && Array.isArray(x.records))
    return { type: 'records', docId: x.docId, last: x.last, records: x.records };
  return null;
}

/** An adoption's envelope; the records are checked by the top frame's relay as it unpacks them. */
function validateAdoption(x: Record<string, unknown>): Adoption | null {
  const doc = validateDocumentInfo(x.doc);
  if (!doc || doc.top || !isSeq(x.last) || !Array.isArray(x.records)) return null;
  return { type: 'adopt', doc, last: x.last, records: x.records };
}

export function validateRelayToWorker(x: unknown): Unbranded<RelayToWorker> | null {
  if (isBranded(x) && x.type === 'adopt') return validateAdoption(x);
  if (!isBranded(x) || x.type !== 'summary' || !isObject(x.summary)) return null;
  const { docId, top, activatedAt, open, connections } = x.summary;
  if (
    !isText(docId, 64) ||
    typeof top !== 'boolean' ||
    !isTime(activatedAt) ||
    !isCount(open) ||
    !isCount(connections) ||
    open > connections
  )
    return null;
  return { type: 'summary', summary: { docId, top, activatedAt, open, connections } };
}

export function isPopupToBackground(x: unknown): x is PopupToBackground {
  return isBranded(x) && x.type === 'tabs';
}

export function validatePanelToBackground(x: unknown): Unbranded<PanelToBackground> | null {
  if (!isBranded(x)) return null;
  switch (x.type) {
    case 'subscribe': {
      if (!isCount(x.tabId) || !isObject(x.cursors)) return null;
      const cursors: Record<string, number> = {};
      for (const [docId, seq] of Object.entries(x.cursors)) if (isCount(seq)) cursors[docId] = seq;
      return { type: 'subscribe', tabId: x.tabId, cursors };
    }
    case 'resync':
      return isText(x.docId, 64) && isCount(x.after) ? { type: 'resync', docId: x.docId, after: x.after } : null;
    case 'attach':
      return { type: 'attach' };
    case 'ping':
      return { type: 'ping' };
    default:
      return null;
  }
}

export function isBackgroundToRelay(x: unknown): x is BackgroundToRelay {
  return isBranded(x) && (x.type === 'idle' || (x.type === 'sync' && isCount(x.after)));
}

export function validateBackgroundToTab(x: unknown): Unbranded<BackgroundToTab> | null {
  if (!isBranded(x)) return null;
  if (x.type === 'attach') return { type: 'attach' };
  if (x.type === 'adopt') return validateAdoption(x);
  if (x.type === 'wire') return validateWireBatch(x);
  const o = x.observation;
  if (x.type !== 'http' || !isObject(o) || !isTime(o.time) || !isText(o.url, LIMITS.urlChars)) return null;
  if (!isText(o.requestedUrl, LIMITS.urlChars)) return null;
  if (o.requestTime !== undefined && !isTime(o.requestTime)) return null;
  const observation: HttpObservation = { time: o.time, url: o.url, requestedUrl: o.requestedUrl };
  if (o.requestTime !== undefined) observation.requestTime = o.requestTime;
  if (o.request !== undefined) {
    if (!isText(o.request, REQUEST_ID_CHARS)) return null;
    observation.request = o.request;
  }
  return copyHttpFields(o, observation) ? { type: 'http', observation } : null;
}

/** Request ids are the browser's (short numbers); more than this is not one. */
const REQUEST_ID_CHARS = 64;
/** Chunks in one wire batch, at most (the tap sends a batch at 1 MiB or every 16 ms). */
const WIRE_BATCH_CHUNKS = 65536;

function validateWireBatch(x: Record<string, unknown>): WireBatchMessage | null {
  if (!isText(x.request, REQUEST_ID_CHARS) || !Array.isArray(x.chunks) || x.chunks.length > WIRE_BATCH_CHUNKS)
    return null;
  if (x.ends !== undefined && x.ends !== true) return null;
  const chunks: WireChunk[] = [];
  for (const chunk of x.chunks as unknown[]) {
    if (!Array.isArray(chunk) || chunk.length !== 2) return null;
    const [time, base64] = chunk as unknown[];
    if (!isTime(time) || !isText(base64, 2 * LIMITS.chunkBytes) || !isBase64(base64)) return null;
    chunks.push([time, base64]);
  }
  const batch: WireBatchMessage = { type: 'wire', request: x.request, chunks };
  if (x.ends) batch.ends = true;
  return batch;
}

export function isBackgroundToPanel(x: unknown): x is BackgroundToPanel {
  return isBranded(x) && (x.type === 'doc' || x.type === 'records' || x.type === 'doc-gone' || x.type === 'attached');
}
