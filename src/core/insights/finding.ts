/**
 * What a health check concluded about a connection, as data: its rule, a severity, the figures it
 * rests on (typed per rule) and the events that show it. Words for it live in the UI
 * (`ui/text/findings.ts`); the capture file keeps its summary as the UI wrote it.
 */
import type { AnomalyCode, Evidence } from './tracker';

export type Severity = 'error' | 'warning' | 'info';

/** What each rule found, in this connection's own figures. */
export interface FindingValues {
  'connection-limit': {
    /** Live connections to the origin, this one included. */
    live: number;
    origin: string;
    /** The browser's limit per origin over HTTP/1.x. */
    limit: number;
    /** The HTTP version spoken to the origin, when known (`HTTP/1.1`). */
    version?: string;
    /** How long this connection has waited to open, when it seems stuck. */
    waitingMs?: number;
  };
  'buffered-delivery': {
    /** Clumps: events that arrived together after a silence. */
    clumps: number;
    /** The response does not forbid caching: its Cache-Control (empty when it has none). */
    cacheable?: { cacheControl: string };
  };
  'compressed-stream': {
    /** The response's Content-Encoding, as it says it. */
    encoding: string;
    /** Clumps seen on it: events that arrived together after a silence. */
    clumps: number;
  };
  'silent-stream': {
    quietMs: number;
    /** The connection's usual (p95) gap, once enough gaps are known. */
    usualMs?: number;
    /** An EventSource without network capture: comments (heartbeats) would not show. */
    hidden: boolean;
  };
  'not-resumable': { reconnects: number; eventsWithoutId: number };
  'resume-replayed': Resumed;
  'resume-skipped': Resumed;
  'duplicate-id': {
    /** The first id an event repeated, and how many events repeated one in all. */
    id: string;
    count: number;
  };
  'reconnect-storm': {
    /** The most reconnects within `windowMs`, when a storm. */
    burst?: number;
    windowMs: number;
    /** The `retry` the server asked for, when below a second. */
    retryMs?: number;
  };
  'content-type': {
    /** The Content-Type (empty when none). */
    type: string;
    /** A fetch or XHR stream read as SSE although its type says otherwise. */
    readAsSse: boolean;
    /** An EventSource that failed for its type. */
    failed: boolean;
    /** A charset other than UTF-8. */
    charset?: string;
  };
  'spec-anomaly': { anomalies: { code: AnomalyCode; count: number }[] };
  'in-band-error': {
    count: number;
    /** The first LLM error's message, when the stream spoke a protocol that has them. */
    first?: string;
    /** The stream still ended as complete. */
    complete: boolean;
  };
}

/** How the first resumption of its kind went: the last id before the reconnect, the first after. */
export interface Resumed {
  before: string;
  after?: string;
  /** Resumptions of this kind in all. */
  times: number;
}

export type RuleId = keyof FindingValues;

export type Finding = {
  [R in RuleId]: { rule: R; severity: Severity; values: FindingValues[R]; evidence: Evidence };
}[RuleId];
