/**
 * The health checks: each a rule with an id and a check that reads a connection (its view and its
 * tracker) and returns a finding, or nothing. A finding is data: its rule, a severity, the figures
 * it rests on (typed per rule, ./finding) and its evidence; the UI says it in words
 * (`ui/text/findings.ts`). Checks are cheap: the tracker did the per-event work as records arrived.
 *
 * Long because: every health check is one entry of one list, so that their order (which is the
 * order the panel shows findings in) and their thresholds read in one place.
 */
import { headerValue } from '../headers';
import { httpVersionName } from '../http-version';
import { mcpExchangeOf } from '../llm/mcp-exchange';
import type { ConnectionView } from '../store/views';
import { originOf } from '../stream-parser';
import type { Finding, Resumed, RuleId } from './finding';
import { type AnomalyCode, type Evidence, InsightTracker } from './tracker';

/** What a check sees besides its connection. */
export interface CheckContext {
  now: number;
  /** Live SSE connections per origin (this tab, and others when the worker reports them). */
  liveByOrigin: ReadonlyMap<string, number>;
}

export interface Rule {
  id: RuleId;
  check(connection: ConnectionView, tracker: InsightTracker, context: CheckContext): Finding | undefined;
}

const NONE: Evidence = { eventIds: [], count: 0 };
/** HTTP/1.x: a browser opens at most this many connections to one origin, across all its tabs. */
const CONNECTIONS_PER_ORIGIN = 6;
/** Proxies and load balancers commonly close a connection idle for 30–60 s (nginx, AWS ALB: 60 s). */
const PROXY_IDLE_MS = 30_000;
/** Quiet this many times the usual (p95) gap, and at least SILENT_MIN_MS, once SILENT_MIN_GAPS gaps are known. */
const SILENT_FACTOR = 20;
const SILENT_MIN_MS = 2000;
const SILENT_MIN_GAPS = 10;
const STORM_RECONNECTS = 3;
const STORM_WINDOW_MS = 10_000;
const LOW_RETRY_MS = 1000;

const live = (c: ConnectionView) => c.state === 'connecting' || c.state === 'open' || c.state === 'reconnecting';

function header(connection: ConnectionView, name: string): string | undefined {
  return headerValue(connection.response?.headers, name);
}

export const RULES: readonly Rule[] = [
  {
    id: 'connection-limit',
    check(connection, _tracker, context) {
      const origin = originOf(connection.url);
      const count = context.liveByOrigin.get(origin) ?? 0;
      const version = httpVersionName(connection.httpVersion);
      // HTTP/2 and HTTP/3 carry every stream to an origin on one connection: no such limit.
      if (!live(connection) || count < CONNECTIONS_PER_ORIGIN - 1 || (version && !version.startsWith('HTTP/1')))
        return undefined;
      const stuck = connection.state === 'connecting' && context.now - connection.createdAt > 2000;
      return {
        rule: 'connection-limit',
        severity: stuck || count > CONNECTIONS_PER_ORIGIN ? 'error' : version ? 'warning' : 'info',
        values: {
          live: count,
          origin,
          limit: CONNECTIONS_PER_ORIGIN,
          ...(version ? { version } : {}),
          ...(stuck ? { waitingMs: context.now - connection.createdAt } : {}),
        },
        evidence: NONE,
      };
    },
  },
  {
    id: 'buffered-delivery',
    check(connection, tracker) {
      const clumps = tracker.clumps.count;
      const cacheControl = header(connection, 'cache-control') ?? '';
      const cacheable = connection.response !== undefined && !/no-cache|no-store/i.test(cacheControl);
      if (clumps === 0 && !cacheable) return undefined;
      return {
        rule: 'buffered-delivery',
        severity: clumps > 0 ? 'warning' : 'info',
        values: { clumps, ...(cacheable ? { cacheable: { cacheControl } } : {}) },
        evidence: tracker.clumps,
      };
    },
  },
  {
    id: 'compressed-stream',
    check(connection, tracker) {
      // The page's view of the response, else the network's (an EventSource's, while a panel watched).
      const encoding = (
        header(connection, 'content-encoding') ?? headerValue(connection.http?.headers, 'content-encoding')
      )?.trim();
      if (encoding === undefined || encoding === '' || encoding.toLowerCase() === 'identity') return undefined;
      return {
        rule: 'compressed-stream',
        severity: 'warning',
        values: { encoding, clumps: tracker.clumps.count },
        evidence: tracker.clumps,
      };
    },
  },
  {
    id: 'silent-stream',
    check(connection, tracker, context) {
      if (connection.state !== 'open') return undefined;
      const since = connection.lastEventAt ?? connection.lifecycle.at(-1)?.from ?? connection.createdAt;
      const quiet = context.now - since;
      const usual = tracker.gaps.count >= SILENT_MIN_GAPS ? tracker.gaps.quantile(0.95) : undefined;
      const farAboveUsual = usual !== undefined && quiet >= Math.max(SILENT_MIN_MS, SILENT_FACTOR * usual);
      if (connection.comments > 0 || (quiet < PROXY_IDLE_MS && !farAboveUsual)) return undefined;
      const hidden = connection.kind === 'eventsource' && connection.chunks.length === 0;
      return {
        rule: 'silent-stream',
        severity: 'warning',
        values: { quietMs: quiet, ...(usual === undefined ? {} : { usualMs: usual }), hidden },
        evidence: NONE,
      };
    },
  },
  {
    id: 'not-resumable',
    check(connection, tracker) {
      if (connection.reconnects === 0 || tracker.withId > 0 || tracker.withoutId === 0) return undefined;
      return {
        rule: 'not-resumable',
        severity: 'warning',
        values: { reconnects: connection.reconnects, eventsWithoutId: tracker.withoutId },
        evidence: NONE,
      };
    },
  },
  {
    id: 'resume-replayed',
    check: (_connection, tracker) => resumption(tracker, 'replayed'),
  },
  {
    id: 'resume-skipped',
    check: (_connection, tracker) => resumption(tracker, 'skipped'),
  },
  {
    id: 'duplicate-id',
    check(_connection, tracker) {
      const first = tracker.firstDuplicate;
      if (!first) return undefined;
      const repeats = tracker.duplicateIds;
      return {
        rule: 'duplicate-id',
        severity: 'warning',
        values: { id: first.id, count: repeats.count },
        // The event that had the id first, then those that repeated an id.
        evidence: { eventIds: [first.firstEventId, ...repeats.eventIds], count: repeats.count },
      };
    },
  },
  {
    id: 'reconnect-storm',
    check(connection, tracker) {
      const times = tracker.reconnectTimes;
      let burst = 0;
      for (let i = 0; i < times.length; i++) {
        let j = i;
        while (j + 1 < times.length && (times[j + 1] as number) - (times[i] as number) <= STORM_WINDOW_MS) j++;
        burst = Math.max(burst, j - i + 1);
      }
      const retry = connection.retry;
      const lowRetry = retry !== undefined && retry < LOW_RETRY_MS;
      if (burst < STORM_RECONNECTS && !lowRetry) return undefined;
      return {
        rule: 'reconnect-storm',
        severity: burst >= STORM_RECONNECTS ? 'warning' : 'info',
        values: {
          ...(burst >= STORM_RECONNECTS ? { burst } : {}),
          windowMs: STORM_WINDOW_MS,
          ...(lowRetry ? { retryMs: retry } : {}),
        },
        evidence: NONE,
      };
    },
  },
  {
    id: 'content-type',
    check(connection) {
      const type = connection.response ? (header(connection, 'content-type') ?? '') : connection.http?.contentType;
      if (type === undefined) return undefined;
      const charset = /charset\s*=\s*"?([^";]+)/i.exec(type)?.[1];
      const essence = type.split(';')[0]?.trim().toLowerCase() ?? '';
      const readAsSse =
        connection.kind !== 'eventsource' && connection.response?.format === 'sse' && essence !== 'text/event-stream';
      const failed =
        connection.kind === 'eventsource' &&
        connection.state === 'failed' &&
        connection.http?.status === 200 &&
        essence !== 'text/event-stream';
      const otherCharset = charset !== undefined && charset !== '' && !/^utf-?8$/i.test(charset.trim());
      if (!readAsSse && !failed && !otherCharset) return undefined;
      return {
        rule: 'content-type',
        severity: connection.state === 'failed' ? 'error' : 'warning',
        values: { type, readAsSse, failed, ...(otherCharset ? { charset } : {}) },
        evidence: NONE,
      };
    },
  },
  {
    id: 'spec-anomaly',
    check(_connection, tracker) {
      if (tracker.anomalies.size === 0) return undefined;
      const anomalies: { code: AnomalyCode; count: number }[] = [];
      const evidence: Evidence = { eventIds: [], count: 0 };
      for (const [code, seen] of tracker.anomalies) {
        anomalies.push({ code, count: seen.count });
        evidence.count += seen.count;
        for (const id of seen.eventIds) if (evidence.eventIds.length < 20) evidence.eventIds.push(id);
      }
      const serious = tracker.anomalies.has('unterminated') || tracker.anomalies.has('not-json');
      return {
        rule: 'spec-anomaly',
        severity: serious ? 'warning' : 'info',
        values: { anomalies },
        evidence,
      };
    },
  },
  {
    id: 'in-band-error',
    check(connection, tracker) {
      const llm = connection.llm?.response?.errors ?? [];
      const count = llm.length + tracker.errorEvents.count;
      if (count === 0) return undefined;
      const first = llm[0]?.message;
      return {
        rule: 'in-band-error',
        severity: 'error',
        values: { count, ...(first === undefined ? {} : { first }), complete: connection.endReason === 'complete' },
        evidence: tracker.errorEvents,
      };
    },
  },
];

function resumption(tracker: InsightTracker, verdict: 'replayed' | 'skipped'): Finding | undefined {
  const hits = tracker.resumptions.filter((r) => r.verdict === verdict);
  if (hits.length === 0) return undefined;
  const first = hits[0] as (typeof hits)[number];
  const values: Resumed = { before: first.lastIdBefore, times: hits.length };
  if (first.firstIdAfter !== undefined) values.after = first.firstIdAfter;
  return {
    rule: verdict === 'replayed' ? 'resume-replayed' : 'resume-skipped',
    severity: 'warning',
    values,
    evidence: { eventIds: hits.flatMap((h) => (h.eventId === undefined ? [] : [h.eventId])), count: hits.length },
  };
}

/** What a connection with no record worth tracking yet shows: nothing seen. */
const UNTRACKED = new InsightTracker(() => Number.POSITIVE_INFINITY);

/**
 * Every finding for a connection, in rule order. An MCP session's request answered as its
 * transport says (`202 Accepted`, a `405` to its GET) is no stream to judge.
 */
export function findingsOf(connection: ConnectionView, context: CheckContext): Finding[] {
  if (mcpExchangeOf(connection)) return [];
  const tracker = connection.insights ?? UNTRACKED;
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const finding = rule.check(connection, tracker, context);
    if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * The findings of every connection that has some. `elsewhere`: live connections per origin the
 * worker counts across every tab (this tab's included); the larger count wins.
 */
export function findingsByConnection(
  connections: readonly ConnectionView[],
  now: number,
  elsewhere?: ReadonlyMap<string, number>,
): Map<ConnectionView, Finding[]> {
  const counts = liveByOrigin(connections);
  for (const [origin, n] of elsewhere ?? []) counts.set(origin, Math.max(n, counts.get(origin) ?? 0));
  const context = { now, liveByOrigin: counts };
  const findings = new Map<ConnectionView, Finding[]>();
  for (const connection of connections) {
    const found = findingsOf(connection, context);
    if (found.length > 0) findings.set(connection, found);
  }
  return findings;
}

/** Live SSE connections per origin among these. */
export function liveByOrigin(connections: readonly ConnectionView[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of connections) {
    if (!live(c) || c.gone) continue;
    const origin = originOf(c.url);
    counts.set(origin, (counts.get(origin) ?? 0) + 1);
  }
  return counts;
}
