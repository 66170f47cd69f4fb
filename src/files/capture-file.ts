/**
 * The capture file: SSE Scope's own export, lossless and versioned (docs/capture-format.md).
 *
 * It is connection-centred, for people and `jq`: each connection with its request, response,
 * lifecycle, events (with their exact blocks where known), non-event blocks and raw chunks. Import
 * turns it back into capture records, which go through the same validators and the same store as a
 * live capture, so an imported file shows exactly as it was captured.
 */

import { t } from '../core/i18n';
import { type Finding, findingsByConnection } from '../core/insights/rules';
import type { LlmResponse, McpLog, Usage } from '../core/llm/response';
import {
  type BlockRecord,
  type CaptureRecord,
  type ChunkRecord,
  type ConnectionKind,
  type ConnectionState,
  copyBlockFields,
  type EndReason,
  type EventRecord,
  type FrameDocument,
  type HttpRecord,
  type ResponseRecord,
  type StoredRecord,
  type WorkerKind,
} from '../core/model';
import { partitionPoint } from '../core/partition';
import { isObject } from '../core/plain-object';
import { CaptureStore } from '../core/store/capture-store';
import type { ConnectionView, EventView, NavigationMark } from '../core/store/views';
import { validateCaptureRecord } from '../core/validate-record';
import { connectionFromVersion1 } from './capture-file-v1';

export const CAPTURE_FORMAT = 'sse-scope/capture';
/**
 * 2: blocks (was `frames`) and events carry their comments and `retry` typed (`comments`,
 * `retry`), not as notes; version 1 files still import (./capture-file-v1).
 * 3: what network capture adds: a connection's `protocol`, `arrivals` and `worker`, `http.via`;
 * version 2 files import as they are (they have none of it).
 */
export const CAPTURE_VERSION = 3;

/** Records, as the file holds them: without `kind` and `conn` (the connection holds them). */
type Held<T> = Omit<T, 'kind' | 'conn'>;

/** An event: its record's fields, and the UTF-8 size of its data as received. */
export type CaptureEvent = Held<EventRecord> & { size: number };

export interface CaptureConnection {
  /** The connection's number in the panel, from 1. */
  id: number;
  kind: ConnectionKind;
  url: string;
  frame: { id: number; url: string };
  /** Its document went away (the frame removed or navigated, the page left) while the panel watched. */
  gone?: true;
  /** Its document could be reached by a same-origin parent or opener first: its page could have written it. */
  forgeable?: true;
  withCredentials: boolean;
  createdAt: number;
  endedAt?: number;
  lifecycle: { state: ConnectionState; time: number }[];
  endReason?: EndReason;
  endError?: string;
  listening: string[];
  request?: { method: string; headers: [string, string][]; body?: string; bodySize?: number };
  response?: Held<ResponseRecord>;
  /** What the network layer saw of the latest EventSource request (while a panel watched). */
  http?: Held<HttpRecord>;
  /** The HTTP version spoken to the connection's origin (`http/1.1`, `h2`, `h3`), when known. */
  protocol?: string;
  /** Network capture (Chrome), fetch and XHR: when each piece of the response arrived, and its size. */
  arrivals?: { time: number; size: number }[];
  /** Network capture: the worker that made the stream (only the network saw it). */
  worker?: { kind: WorkerKind; url: string };
  events: CaptureEvent[];
  blocks: Held<BlockRecord>[];
  chunks: Held<ChunkRecord>[];
  /** Events counted but not kept (over the capture's budget). */
  dropped: number;
  /** When events were first not kept (absent in files before it was written). */
  droppedAt?: number;
  /**
   * The answer the stream spelled out, when it speaks an LLM or tool protocol: derived from the
   * events, for readers of the file (an import folds the events again and ignores this).
   */
  answer?: CaptureAnswer;
  /** What the health checks found when the file was written (an import checks the records again). */
  findings?: CaptureFinding[];
}

/** A health check's finding as the file carries it. */
export interface CaptureFinding {
  rule: string;
  severity: string;
  summary: string;
  /** How many times it happened, and the first few events that show it (by their time and type). */
  evidence: { count: number; events: { time: number; type: string }[] };
}

/** A stream's answer as the file carries it: the Response view's facts, as plain JSON. */
export interface CaptureAnswer {
  protocol: string;
  dialect?: string;
  model?: string;
  responseId?: string;
  text: string;
  reasoning: string;
  refusal?: string;
  toolCalls: { id?: string; name?: string; kind?: string; arguments: string; result?: string; resultError?: boolean }[];
  citations: { title?: string; url?: string; text?: string }[];
  finish?: string;
  usage?: Usage;
  errors: { message: string; code?: string; time: number }[];
  complete: boolean;
  /** MCP: every JSON-RPC message in order, and the resumption ids. */
  mcp?: McpLog;
}

function findingOf(finding: Finding, events: readonly EventView[]): CaptureFinding {
  const wanted = new Set(finding.evidence.eventIds);
  const shown =
    wanted.size === 0 ? [] : events.filter((e) => wanted.has(e.id)).map(({ time, type }) => ({ time, type }));
  return {
    rule: finding.rule,
    severity: finding.severity,
    summary: finding.summary,
    evidence: { count: finding.evidence.count, events: shown },
  };
}

/** The answer of a connection's stream, for the file. */
function answerOf(response: LlmResponse): CaptureAnswer {
  const answer: CaptureAnswer = {
    protocol: response.protocol,
    text: response.text,
    reasoning: response.reasoning,
    toolCalls: response.tools.map(({ id, name, kind, args, result, resultError }) => ({
      ...(id === undefined ? {} : { id }),
      ...(name === undefined ? {} : { name }),
      ...(kind === undefined ? {} : { kind }),
      arguments: args,
      ...(result === undefined ? {} : { result }),
      ...(resultError ? { resultError } : {}),
    })),
    citations: response.citations.map((c) => ({ ...c })),
    errors: response.errors.map((e) => ({ ...e })),
    complete: response.complete,
  };
  if (response.dialect !== undefined) answer.dialect = response.dialect;
  if (response.model !== undefined) answer.model = response.model;
  if (response.responseId !== undefined) answer.responseId = response.responseId;
  if (response.refusal !== '') answer.refusal = response.refusal;
  if (response.finish !== undefined) answer.finish = response.finish;
  if (response.usage !== undefined) answer.usage = { ...response.usage };
  if (response.mcp !== undefined)
    answer.mcp = {
      messages: response.mcp.messages.map((m) => ({ ...m })),
      eventIds: [...response.mcp.eventIds],
      primed: response.mcp.primed,
    };
  return answer;
}

export interface CaptureFile {
  format: typeof CAPTURE_FORMAT;
  version: typeof CAPTURE_VERSION;
  exportedAt: string;
  tool: string;
  /** The page the capture is of (the latest, when the log was preserved across navigations). */
  page: string;
  /**
   * `masked` (the default): every secret SSE Scope recognised is `••••`; `included`: the user chose
   * to export the secrets. Absent in files written before SSE Scope masked exports.
   */
  secrets?: 'masked' | 'included';
  /** JSON field names the user also had masked in event data. */
  redacted?: { keys: string[] };
  navigations: NavigationMark[];
  connections: CaptureConnection[];
}

export interface CaptureSource {
  page: string;
  connections: readonly ConnectionView[];
  /** The findings per connection, when the source ran the health checks. */
  findings?: ReadonlyMap<ConnectionView, readonly Finding[]>;
  events: readonly EventView[];
  navigations: readonly NavigationMark[];
}

function exportEvent(event: EventView): CaptureEvent {
  const out: CaptureEvent = {
    time: event.time,
    type: event.type,
    data: event.data,
    lastEventId: event.lastEventId,
    origin: event.origin,
    size: event.size,
  };
  if (event.originalSize !== undefined) out.originalSize = event.originalSize;
  if (event.synthetic) out.synthetic = true;
  copyBlockFields(event, out);
  return out;
}

/** The file for these connections and (a subset of) their events. */
export function toCaptureFile(source: CaptureSource, tool: string, now = new Date()): CaptureFile {
  const byConnection = new Map<ConnectionView, CaptureEvent[]>();
  for (const event of source.events) {
    const list = byConnection.get(event.connection) ?? [];
    list.push(exportEvent(event));
    byConnection.set(event.connection, list);
  }
  const connections = source.connections.map((c): CaptureConnection => {
    const out: CaptureConnection = {
      id: c.ordinal,
      kind: c.kind,
      url: c.url,
      frame: { id: c.frameId, url: c.frameUrl },
      ...(c.gone ? { gone: true as const } : {}),
      ...(c.forgeable ? { forgeable: true as const } : {}),
      withCredentials: c.withCredentials,
      createdAt: c.createdAt,
      lifecycle: c.segments.map((s) => ({ state: s.state, time: s.from })),
      listening: [...c.listening],
      events: byConnection.get(c) ?? [],
      blocks: c.blocks.map(({ kind: _kind, conn: _conn, ...block }) => block),
      chunks: c.chunks.map(({ time, size, base64, text, begins, ends }) => ({
        time,
        size,
        ...(base64 === undefined ? {} : { base64 }),
        ...(text === undefined ? {} : { text }),
        ...(begins ? { begins } : {}),
        ...(ends ? { ends } : {}),
      })),
      dropped: c.dropped,
    };
    if (c.droppedAt !== undefined && c.dropped > 0) out.droppedAt = c.droppedAt;
    if (c.endedAt !== undefined) out.endedAt = c.endedAt;
    if (c.llm?.response) out.answer = answerOf(c.llm.response);
    const found = source.findings?.get(c);
    if (found && found.length > 0) out.findings = found.map((f) => findingOf(f, source.events));
    if (c.endReason !== undefined) out.endReason = c.endReason;
    if (c.endError !== undefined) out.endError = c.endError;
    if (c.request) out.request = { ...c.request };
    if (c.streamResponse) {
      const { time, url, status, statusText, headers, format } = c.streamResponse;
      out.response = { time, url, status, statusText, headers, format };
    }
    if (c.response) {
      const { kind: _kind, conn: _conn, seq: _seq, ...http } = c.response as typeof c.response & { seq?: number };
      out.http = http;
    }
    if (c.protocol !== undefined) out.protocol = c.protocol;
    if (c.arrivals.length > 0) out.arrivals = c.arrivals.map(({ time, size }) => ({ time, size }));
    if (c.worker) out.worker = { kind: c.worker.kind, url: c.worker.url };
    return out;
  });
  return {
    format: CAPTURE_FORMAT,
    version: CAPTURE_VERSION,
    exportedAt: now.toISOString(),
    tool,
    page: source.page,
    navigations: source.navigations.map(({ time, url }) => ({ time, url })),
    connections,
  };
}

/** Documents and their records, ready for a capture store: what an import feeds the panel. */
export interface ImportedCapture {
  documents: { doc: FrameDocument; records: CaptureRecord[] }[];
  navigations: NavigationMark[];
}

const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** What a connection of the file becomes: records in time order, each checked by the protocol's validator. */
function connectionRecords(c: Record<string, unknown>, conn: number): StoredRecord[] {
  const createdAt = Number(c.createdAt);
  const records: { record: StoredRecord; order: number }[] = [];
  // Each record is made here and given its connection in place: no copy of every event (a file may hold millions).
  const add = (record: Record<string, unknown>, order: number) => {
    record.conn = conn;
    records.push({ record: record as unknown as StoredRecord, order });
  };
  add(
    { kind: 'connection', time: createdAt, type: c.kind, url: c.url, withCredentials: c.withCredentials === true },
    0,
  );
  const first = records[0]?.record as unknown as Record<string, unknown>;
  const request = isObject(c.request) ? c.request : undefined;
  if (request) {
    first.method = request.method;
    first.requestHeaders = request.headers ?? [];
    if (request.body !== undefined) first.requestBody = request.body;
    if (request.bodySize !== undefined) first.requestBodySize = request.bodySize;
  }
  const lifecycle = list(c.lifecycle).filter(isObject);
  lifecycle.slice(1).forEach((step, i) => {
    const terminal = step.state === 'closed' || step.state === 'failed';
    const last = i === lifecycle.length - 2;
    const record: Record<string, unknown> = { kind: 'lifecycle', time: step.time, state: step.state };
    if (terminal && last && c.endReason !== undefined) record.reason = c.endReason;
    if (terminal && last && c.endError !== undefined) record.error = c.endError;
    // An end comes after whatever else happened in its moment (the last events, the count of those not kept).
    add(record, terminal ? 5 : 1);
  });
  // Before its chunks: a worker's EventSource is parsed as a stream, not paired with a page's events.
  if (isObject(c.worker)) add({ kind: 'worker', time: createdAt, worker: c.worker.kind, url: c.worker.url }, 0.5);
  for (const type of list(c.listening)) add({ kind: 'listen', time: createdAt, type }, 1);
  const chunks = list(c.chunks).filter(isObject);
  // A worker's EventSource: the file keeps its last response only; each response it began is parsed afresh.
  const responses = isObject(c.worker) && c.kind === 'eventsource' ? chunks.filter((k) => k.begins === true) : [];
  if (isObject(c.response) && responses.length === 0) add({ kind: 'response', ...c.response }, 1);
  const last = c.response;
  if (isObject(last)) {
    // Each response came when its connection opened: the latest open before its first bytes.
    const opens = list(c.lifecycle)
      .filter(isObject)
      .filter((step) => step.state === 'open')
      .map((step) => Number(step.time));
    responses.forEach((begun, i) => {
      const time =
        i === responses.length - 1 ? last.time : (opens.filter((t) => t <= Number(begun.time)).pop() ?? begun.time);
      add({ kind: 'response', ...last, time }, 1.5);
    });
  }
  if (isObject(c.http)) add({ kind: 'http', ...c.http }, 3);
  if (c.protocol !== undefined) add({ kind: 'protocol', time: createdAt, protocol: c.protocol }, 1);
  for (const arrival of list(c.arrivals).filter(isObject))
    add({ kind: 'arrival', time: arrival.time, size: arrival.size }, 2);
  for (const chunk of chunks) add({ kind: 'chunk', ...chunk }, 2);
  // A stream with its chunks is parsed again from them, as live; its events and blocks follow.
  const parsedFromChunks =
    isObject(c.response) && chunks.length > 0 && chunks.every((k) => k.base64 !== undefined || k.text !== undefined);
  // An EventSource's exact bytes (Firefox) give its blocks again; its events are the page's own.
  const blocksFromChunks = c.kind === 'eventsource' && chunks.length > 0 && chunks.every((k) => k.base64 !== undefined);
  if (!parsedFromChunks) {
    if (!blocksFromChunks) for (const block of list(c.blocks).filter(isObject)) add({ kind: 'block', ...block }, 3);
    for (const event of list(c.events).filter(isObject)) {
      // (Its `size` is the file's to say and is not kept: the validator takes the fields it knows.)
      add({ kind: 'event', ...event }, 3);
    }
  }
  if (Number(c.dropped) > 0) {
    const time = Number(typeof c.droppedAt === 'number' ? c.droppedAt : (c.endedAt ?? createdAt));
    add({ kind: 'dropped', reason: 'budget', time, events: c.dropped, chars: 0 }, 4);
  }
  records.sort((a, b) => (a.record.time as number) - (b.record.time as number) || a.order - b.order);
  return records.map((r) => r.record);
}

/**
 * Reads a capture file (untrusted): every connection becomes records that must pass the
 * protocol's validators; a connection whose records do not is reported, not half-imported.
 */
export function importCaptureFile(input: unknown): { capture: ImportedCapture; skipped: number } {
  if (!isObject(input) || input.format !== CAPTURE_FORMAT) throw new Error(t('import_not_capture'));
  if (input.version !== CAPTURE_VERSION && input.version !== 2 && input.version !== 1)
    throw new Error(t('import_version', { version: String(input.version), supported: String(CAPTURE_VERSION) }));
  const connections = list(input.connections)
    .filter(isObject)
    .map((c) => (input.version === 1 ? connectionFromVersion1(c) : c));
  const navigations = list(input.navigations)
    .filter(isObject)
    .map((n) => ({ time: Number(n.time), url: String(n.url) }))
    .filter((n) => Number.isFinite(n.time))
    // In time order (a file written by hand, or a hostile one, may not be): each connection finds its page by a binary search.
    .sort((a, b) => a.time - b.time);
  // A loop, not `Math.min(...starts)`: a spread of 125,000 arguments overflows the stack.
  let first = Date.now();
  for (const c of connections) {
    const start = Number(c.createdAt);
    if (Number.isFinite(start) && start < first) first = start;
  }
  for (const n of navigations) if (n.time < first) first = n.time;
  /** Pages: the first, and one per navigation; a connection belongs to the last page begun before it. */
  const pages = [{ time: first - 1, url: typeof input.page === 'string' ? input.page : '' }, ...navigations];
  const documents = new Map<string, { doc: FrameDocument; records: CaptureRecord[]; connections: number }>();
  const documentFor = (page: number, frameId: number, frameUrl: string, gone = false) => {
    // A page has one top document; each frame (by id and URL) one of its own; connections whose
    // document went away, one more (gone), served as a gone frame's capture is.
    const key = gone
      ? `${page}/gone/${frameId}/${frameUrl}`
      : frameId === 0
        ? `${page}/top`
        : `${page}/${frameId}/${frameUrl}`;
    let entry = documents.get(key);
    if (!entry) {
      const start = (pages[page] as { time: number }).time + (frameId === 0 && !gone ? 0 : 0.001);
      const url = frameId === 0 && !gone ? (pages[page] as { url: string }).url : frameUrl;
      const doc: FrameDocument = {
        docId: `import-${documents.size}`,
        url,
        top: frameId === 0 && !gone,
        activatedAt: start,
        frameId,
      };
      if (gone) doc.gone = { frameId };
      entry = { doc, records: [], connections: 0 };
      documents.set(key, entry);
    }
    return entry;
  };
  for (let page = 0; page < pages.length; page++) documentFor(page, 0, '');
  let skipped = 0;
  for (const c of connections) {
    const createdAt = Number(c.createdAt);
    // The last page begun at or before it (the first page begins before every connection).
    const page = Math.max(0, partitionPoint(pages.length, (i) => (pages[i] as { time: number }).time <= createdAt) - 1);
    const frame = isObject(c.frame) ? c.frame : {};
    const frameId = Number.isSafeInteger(frame.id) ? (frame.id as number) : 0;
    const entry = documentFor(page, frameId, typeof frame.url === 'string' ? frame.url : '', c.gone === true);
    const records = connectionRecords(c, entry.connections + 1);
    const checked: CaptureRecord[] = [];
    let valid = true;
    for (const record of records) {
      const next = validateCaptureRecord(Object.assign(record, { seq: 1 }));
      if (!next) {
        valid = false;
        break;
      }
      checked.push(next);
    }
    if (!valid) {
      skipped++;
      continue;
    }
    entry.connections++;
    for (const record of checked) entry.records.push(record);
  }
  // Numbered per document, in time order, as a relay would have.
  const result: ImportedCapture['documents'] = [];
  for (const { doc, records } of documents.values()) {
    records.sort((a, b) => a.time - b.time);
    records.forEach((record, i) => {
      record.seq = i + 1;
    });
    result.push({ doc, records });
  }
  return { capture: { documents: result, navigations }, skipped };
}

/** A capture store holding an import, as a live one would hold the same records; frozen at its last record. */
export function storeFromImport(imported: ImportedCapture, into = new CaptureStore()): CaptureStore {
  into.preserveLog = imported.navigations.length > 0;
  let last = 0;
  // In the order they started, as a live panel meets them: a page's documents (gone ones too) while
  // that page is shown, before the next navigation; met after it, they would be an old page's, stale.
  const documents = [...imported.documents].sort((a, b) => a.doc.activatedAt - b.doc.activatedAt);
  for (const { doc, records } of documents) {
    into.addDocument(doc);
    into.addRecords(doc.docId, records);
    for (const record of records) last = Math.max(last, record.time);
  }
  // Nothing is live in a file: time stands still at its last record.
  into.pause(last);
  return into;
}

/**
 * When the capture's last record was made: a file's findings are as of then, as an import (frozen
 * at its last record) finds them again, so export, import and export give the same file.
 */
export function lastRecordTime(connections: readonly ConnectionView[], events: readonly EventView[]): number {
  let last = events.at(-1)?.time ?? 0;
  for (const c of connections) {
    last = Math.max(
      last,
      c.createdAt,
      c.segments.at(-1)?.from ?? 0,
      c.chunks.at(-1)?.time ?? 0,
      c.blocks.at(-1)?.time ?? 0,
      c.streamResponse?.time ?? 0,
      c.response?.time ?? 0,
    );
  }
  return last;
}

/** What a store holds, as the capture file takes it. */
export function sourceOf(store: CaptureStore): CaptureSource {
  return {
    page: store.pageUrl ?? '',
    connections: store.connections,
    events: [...store.events, ...store.held].sort((a, b) => a.time - b.time),
    navigations: store.navigations,
    findings: findingsByConnection(store.connections, lastRecordTime(store.connections, store.events)),
  };
}
