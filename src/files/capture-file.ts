/**
 * The capture file: SSE Scope's own export, lossless and versioned (docs/capture-format.md).
 *
 * It is connection-centred, for people and `jq`: each connection with its request, response,
 * lifecycle, events (with their exact blocks where known), non-event blocks and raw chunks. Import
 * (./capture-import) turns it back into capture records, which go through the same validators and
 * the same store as a live capture, so an imported file shows exactly as it was captured.
 *
 * Long because: the file's shape and the writing of it, field for field, read best side by side.
 */

import type { Finding } from '../core/insights/finding';
import { findingsByConnection } from '../core/insights/rules';
import type { LlmResponse, McpLog, Usage } from '../core/llm/response';
import {
  type BlockRecord,
  type ChunkRecord,
  type ConnectionKind,
  type ConnectionState,
  copyBlockFields,
  type EndReason,
  type EventRecord,
  type FaultKind,
  type HttpRecord,
  type ResponseRecord,
  type WorkerKind,
} from '../core/model';
import type { ReplayPace } from '../core/replay-rule';
import type { CaptureStore } from '../core/store/capture-store';
import type { ConnectionView, EventView, NavigationMark, ResumedBy, StreamAttempt } from '../core/store/views';

export const CAPTURE_FORMAT = 'sse-scope/capture';
/**
 * 2: blocks (was `frames`) and events carry their comments and `retry` typed (`comments`,
 * `retry`), not as notes; version 1 files still import (./capture-file-v1).
 * 3: what network capture adds: a connection's `protocol`, `arrivals` and `worker`, `http.via`;
 * version 2 files import as they are (they have none of it). A connection's `faults` came later
 * in version 3 (a hold's or a delay's length `ms` later: `hold-5s` and `delay-500ms` before it
 * read as a hold of 5000 and a delay of 500), and its `replay` (the rule that answered it) later still: optional, so every
 * version 3 file still reads, and an older reader passes them by.
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
  /**
   * The HTTP version spoken to the connection's origin (`http/1.1`, `h2`, `h3`), when known:
   * `httpVersion` in the code, named `protocol` in files since version 3 (a new version to rename
   * one field would cost every reader of the format more than the name does).
   */
  protocol?: string;
  /** Network capture (Chrome), fetch and XHR: when each piece of the response arrived, and its size. */
  arrivals?: { time: number; size: number }[];
  /** Faults SSE Scope put on it (network capture, on the user's request), when each took effect. */
  faults?: { time: number; fault: FaultKind; ms?: number }[];
  /** Network capture: the worker that made the stream (only the network saw it). */
  worker?: { kind: WorkerKind; url: string };
  /** A replay rule of the user's answered it, not the server: which, and at what pace. */
  replay?: { rule: string; name: string; pace: ReplayPace; native?: true };
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
  /**
   * A fetch or XHR stream whose client reconnected with new requests: each request, the first
   * included, in order (`request` and `response` above are the latest's; `chunks`, all of theirs).
   */
  attempts?: CaptureAttempt[];
}

/** One request of a stream that reconnected: how it was recognised as the next attempt, how it ended. */
export interface CaptureAttempt {
  time: number;
  url: string;
  request?: { method: string; headers: [string, string][]; body?: string; bodySize?: number };
  response?: Held<ResponseRecord>;
  /** Derived from the requests, for readers of the file (an import recognises the attempts again). */
  resumed?: ResumedBy;
  ended?: { time: number; state: 'closed' | 'failed'; reason?: EndReason; error?: string };
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

/** A finding's summary in words: the file keeps the sentence the UI shows (`ui/text/findings.ts`). */
export type FindingSummary = (finding: Finding) => string;

function findingOf(finding: Finding, summary: FindingSummary, events: readonly EventView[]): CaptureFinding {
  const wanted = new Set(finding.evidence.eventIds);
  const shown =
    wanted.size === 0 ? [] : events.filter((e) => wanted.has(e.id)).map(({ time, type }) => ({ time, type }));
  return {
    rule: finding.rule,
    severity: finding.severity,
    summary: summary(finding),
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
  /** The findings per connection, when the source ran the health checks, and their summaries' words. */
  findings?: { byConnection: ReadonlyMap<ConnectionView, readonly Finding[]>; summary: FindingSummary };
  events: readonly EventView[];
  navigations: readonly NavigationMark[];
}

function heldResponse(response: ResponseRecord): Held<ResponseRecord> {
  const { time, url, status, statusText, headers, format } = response;
  return { time, url, status, statusText, headers, format };
}

function exportAttempt(attempt: StreamAttempt): CaptureAttempt {
  const out: CaptureAttempt = { time: attempt.time, url: attempt.url };
  if (attempt.request) out.request = { ...attempt.request };
  if (attempt.response) out.response = heldResponse(attempt.response);
  if (attempt.resumed) out.resumed = { ...attempt.resumed };
  if (attempt.ended) out.ended = { ...attempt.ended };
  return out;
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
      lifecycle: c.lifecycle.map((s) => ({ state: s.state, time: s.from })),
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
    const found = source.findings?.byConnection.get(c);
    if (source.findings && found && found.length > 0) {
      const { summary } = source.findings;
      out.findings = found.map((f) => findingOf(f, summary, source.events));
    }
    if (c.endReason !== undefined) out.endReason = c.endReason;
    if (c.endError !== undefined) out.endError = c.endError;
    if (c.request) out.request = { ...c.request };
    if (c.response) out.response = heldResponse(c.response);
    if (c.attempts && c.attempts.length > 1) out.attempts = c.attempts.map(exportAttempt);
    if (c.http) {
      const { kind: _kind, conn: _conn, seq: _seq, ...http } = c.http as typeof c.http & { seq?: number };
      out.http = http;
    }
    if (c.httpVersion !== undefined) out.protocol = c.httpVersion;
    if (c.arrivals.length > 0) out.arrivals = c.arrivals.map(({ time, size }) => ({ time, size }));
    if (c.faults.length > 0)
      out.faults = c.faults.map(({ time, fault, ms }) => (ms === undefined ? { time, fault } : { time, fault, ms }));
    if (c.worker) out.worker = { kind: c.worker.kind, url: c.worker.url };
    if (c.replay) out.replay = { ...c.replay };
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
      c.lifecycle.at(-1)?.from ?? 0,
      c.chunks.at(-1)?.time ?? 0,
      c.blocks.at(-1)?.time ?? 0,
      c.response?.time ?? 0,
      c.http?.time ?? 0,
    );
  }
  return last;
}

/** What a store holds, as the capture file takes it, its findings summed up by `summary`. */
export function sourceOf(store: CaptureStore, summary: FindingSummary): CaptureSource {
  return {
    page: store.pageUrl ?? '',
    connections: store.connections,
    events: [...store.events, ...store.held].sort((a, b) => a.time - b.time),
    navigations: store.navigations,
    findings: {
      byConnection: findingsByConnection(store.connections, lastRecordTime(store.connections, store.events)),
      summary,
    },
  };
}
