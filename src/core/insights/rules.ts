/**
 * The health checks: each a rule with an id, a severity, a paragraph saying what it means, what to
 * do, where the spec or MDN explains it, and a check that reads a connection (its view and its
 * tracker) and returns a finding with its evidence, or nothing. Checks are cheap: the tracker did
 * the per-event work as records arrived.
 */
import { protocolName } from '../format';
import { type MessageKey, t, tn, words } from '../i18n';
import type { ConnectionView } from '../store/views';
import { originOf } from '../stream-parser';
import { type AnomalyCode, type Evidence, InsightTracker, OVERSIZED_BYTES } from './tracker';

export type Severity = 'error' | 'warning' | 'info';

export type RuleId =
  | 'connection-limit'
  | 'buffered-delivery'
  | 'silent-stream'
  | 'not-resumable'
  | 'resume-replayed'
  | 'resume-skipped'
  | 'reconnect-storm'
  | 'content-type'
  | 'spec-anomaly'
  | 'in-band-error';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** What was seen, in this connection's own figures, in the active language. */
  summary: string;
  evidence: Evidence;
}

/** What a check sees besides its connection. */
export interface CheckContext {
  now: number;
  /** Live SSE connections per origin (this tab, and others when the worker reports them). */
  liveByOrigin: ReadonlyMap<string, number>;
}

/** A rule's words are catalogue keys: the UI writes them in its language. */
export interface Rule {
  id: RuleId;
  title: MessageKey;
  explanation: MessageKey;
  advice: MessageKey;
  link: string;
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

const seconds = (ms: number) => words().seconds(ms / 1000, ms < 10_000 ? 1 : 0);
/** Clauses of one finding, as one sentence: `a; b.` */
const clauses = (parts: readonly string[]) => t('finding_clauses', { list: parts.join(t('finding_clause_separator')) });
const live = (c: ConnectionView) => c.state === 'connecting' || c.state === 'open' || c.state === 'reconnecting';

function header(connection: ConnectionView, name: string): string | undefined {
  return connection.streamResponse?.headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

const ANOMALY_TEXT: Record<AnomalyCode, MessageKey> = {
  'unknown-field': 'anomaly_unknown_field',
  'invalid-retry': 'anomaly_invalid_retry',
  'not-json': 'anomaly_not_json',
  'duplicate-id': 'anomaly_duplicate_id',
  unterminated: 'anomaly_unterminated',
  bom: 'anomaly_bom',
  'cr-only': 'anomaly_cr_only',
  oversized: 'anomaly_oversized',
  'too-long': 'anomaly_too_long',
};

export const RULES: readonly Rule[] = [
  {
    id: 'connection-limit',
    title: 'rule_connection_limit_title',
    explanation: 'rule_connection_limit_explanation',
    advice: 'rule_connection_limit_advice',
    link: 'https://developer.mozilla.org/en-US/docs/Web/API/EventSource',
    check(connection, _tracker, context) {
      const origin = originOf(connection.url);
      const count = context.liveByOrigin.get(origin) ?? 0;
      const version = protocolName(connection.protocol);
      // HTTP/2 and HTTP/3 carry every stream to an origin on one connection: no such limit.
      if (!live(connection) || count < CONNECTIONS_PER_ORIGIN - 1 || (version && !version.startsWith('HTTP/1')))
        return undefined;
      const stuck = connection.state === 'connecting' && context.now - connection.createdAt > 2000;
      const waits = stuck
        ? tn('finding_limit_stuck', count, { duration: seconds(context.now - connection.createdAt), origin })
        : tn('finding_limit_live', count, { origin });
      const limit = CONNECTIONS_PER_ORIGIN;
      const why = version
        ? stuck
          ? t('finding_limit_version_waits', { version, limit })
          : t('finding_limit_version', { version, limit })
        : stuck
          ? t('finding_limit_unknown_may_wait', { limit })
          : t('finding_limit_unknown', { limit });
      return {
        rule: 'connection-limit',
        severity: stuck || count > CONNECTIONS_PER_ORIGIN ? 'error' : version ? 'warning' : 'info',
        summary: clauses([waits, why]),
        evidence: NONE,
      };
    },
  },
  {
    id: 'buffered-delivery',
    title: 'rule_buffered_delivery_title',
    explanation: 'rule_buffered_delivery_explanation',
    advice: 'rule_buffered_delivery_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#authoring-notes',
    check(connection, tracker) {
      const reasons: string[] = [];
      if (tracker.clumps.count > 0) reasons.push(tn('finding_clumps', tracker.clumps.count));
      const encoding = header(connection, 'content-encoding');
      if (encoding && encoding.toLowerCase() !== 'identity') reasons.push(t('finding_compressed', { encoding }));
      const cache = header(connection, 'cache-control');
      if (connection.streamResponse && !/no-cache|no-store/i.test(cache ?? ''))
        reasons.push(cache ? t('finding_cache_control_says', { cache }) : t('finding_no_cache_control'));
      if (reasons.length === 0) return undefined;
      return {
        rule: 'buffered-delivery',
        severity: tracker.clumps.count > 0 || encoding ? 'warning' : 'info',
        summary: clauses(reasons),
        evidence: tracker.clumps,
      };
    },
  },
  {
    id: 'silent-stream',
    title: 'rule_silent_stream_title',
    explanation: 'rule_silent_stream_explanation',
    advice: 'rule_silent_stream_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#authoring-notes',
    check(connection, tracker, context) {
      if (connection.state !== 'open') return undefined;
      const since = connection.lastEventAt ?? connection.segments.at(-1)?.from ?? connection.createdAt;
      const quiet = context.now - since;
      const usual = tracker.gaps.count >= SILENT_MIN_GAPS ? tracker.gaps.quantile(0.95) : undefined;
      const farAboveUsual = usual !== undefined && quiet >= Math.max(SILENT_MIN_MS, SILENT_FACTOR * usual);
      if (connection.comments > 0 || (quiet < PROXY_IDLE_MS && !farAboveUsual)) return undefined;
      const hidden = connection.kind === 'eventsource' && connection.chunks.length === 0;
      const quietFor = seconds(quiet);
      const summary =
        usual === undefined
          ? t(hidden ? 'finding_silent_hidden' : 'finding_silent', { quiet: quietFor })
          : t(hidden ? 'finding_silent_usual_hidden' : 'finding_silent_usual', {
              quiet: quietFor,
              usual: seconds(usual),
            });
      return { rule: 'silent-stream', severity: 'warning', summary, evidence: NONE };
    },
  },
  {
    id: 'not-resumable',
    title: 'rule_not_resumable_title',
    explanation: 'rule_not_resumable_explanation',
    advice: 'rule_not_resumable_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header',
    check(connection, tracker) {
      if (connection.reconnects === 0 || tracker.withId > 0 || tracker.withoutId === 0) return undefined;
      return {
        rule: 'not-resumable',
        severity: 'warning',
        summary: tn('finding_not_resumable', connection.reconnects, { events: tracker.withoutId }),
        evidence: NONE,
      };
    },
  },
  {
    id: 'resume-replayed',
    title: 'rule_resume_replayed_title',
    explanation: 'rule_resume_replayed_explanation',
    advice: 'rule_resume_replayed_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header',
    check: (_connection, tracker) => resumption(tracker, 'replayed'),
  },
  {
    id: 'resume-skipped',
    title: 'rule_resume_skipped_title',
    explanation: 'rule_resume_skipped_explanation',
    advice: 'rule_resume_skipped_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header',
    check: (_connection, tracker) => resumption(tracker, 'skipped'),
  },
  {
    id: 'reconnect-storm',
    title: 'rule_reconnect_storm_title',
    explanation: 'rule_reconnect_storm_explanation',
    advice: 'rule_reconnect_storm_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#concept-event-stream-reconnection-time',
    check(connection, tracker) {
      const times = tracker.reconnectTimes;
      let burst = 0;
      for (let i = 0; i < times.length; i++) {
        let j = i;
        while (j + 1 < times.length && (times[j + 1] as number) - (times[i] as number) <= STORM_WINDOW_MS) j++;
        burst = Math.max(burst, j - i + 1);
      }
      const lowRetry = connection.retry !== undefined && connection.retry < LOW_RETRY_MS;
      if (burst < STORM_RECONNECTS && !lowRetry) return undefined;
      const parts: string[] = [];
      if (burst >= STORM_RECONNECTS)
        parts.push(tn('finding_storm', burst, { window: words().seconds(STORM_WINDOW_MS / 1000, 0) }));
      if (lowRetry) parts.push(t('finding_low_retry', { retry: String(connection.retry) }));
      return {
        rule: 'reconnect-storm',
        severity: burst >= STORM_RECONNECTS ? 'warning' : 'info',
        summary: clauses(parts),
        evidence: NONE,
      };
    },
  },
  {
    id: 'content-type',
    title: 'rule_content_type_title',
    explanation: 'rule_content_type_explanation',
    advice: 'rule_content_type_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#sse-processing-model',
    check(connection) {
      const type = connection.streamResponse
        ? (header(connection, 'content-type') ?? '')
        : connection.response?.contentType;
      if (type === undefined) return undefined;
      const charset = /charset\s*=\s*"?([^";]+)/i.exec(type)?.[1];
      const problems: string[] = [];
      const essence = type.split(';')[0]?.trim().toLowerCase() ?? '';
      if (
        connection.kind !== 'eventsource' &&
        connection.streamResponse?.format === 'sse' &&
        essence !== 'text/event-stream'
      )
        problems.push(type ? t('finding_type_read_as_sse', { type }) : t('finding_no_type_read_as_sse'));
      if (
        connection.kind === 'eventsource' &&
        connection.state === 'failed' &&
        connection.response?.status === 200 &&
        essence !== 'text/event-stream'
      )
        problems.push(type ? t('finding_type_failed', { type }) : t('finding_no_type_failed'));
      if (charset && !/^utf-?8$/i.test(charset.trim())) problems.push(t('finding_charset', { charset }));
      if (problems.length === 0) return undefined;
      return {
        rule: 'content-type',
        severity: connection.state === 'failed' ? 'error' : 'warning',
        summary: clauses(problems),
        evidence: NONE,
      };
    },
  },
  {
    id: 'spec-anomaly',
    title: 'rule_spec_anomaly_title',
    explanation: 'rule_spec_anomaly_explanation',
    advice: 'rule_spec_anomaly_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream',
    check(_connection, tracker) {
      if (tracker.anomalies.size === 0) return undefined;
      const parts: string[] = [];
      const evidence: Evidence = { eventIds: [], count: 0 };
      for (const [code, seen] of tracker.anomalies) {
        parts.push(
          t('finding_anomaly', {
            count: seen.count,
            what: t(ANOMALY_TEXT[code], { size: words().number(OVERSIZED_BYTES / 1024 / 1024) }),
          }),
        );
        evidence.count += seen.count;
        for (const id of seen.eventIds) if (evidence.eventIds.length < 20) evidence.eventIds.push(id);
      }
      const serious = tracker.anomalies.has('unterminated') || tracker.anomalies.has('not-json');
      return {
        rule: 'spec-anomaly',
        severity: serious ? 'warning' : 'info',
        summary: clauses(parts),
        evidence,
      };
    },
  },
  {
    id: 'in-band-error',
    title: 'rule_in_band_error_title',
    explanation: 'rule_in_band_error_explanation',
    advice: 'rule_in_band_error_advice',
    link: 'https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events/Using_server-sent_events#listening_for_custom_events',
    check(connection, tracker) {
      const llm = connection.llm?.response?.errors ?? [];
      const count = llm.length + tracker.errorEvents.count;
      if (count === 0) return undefined;
      const first = llm[0]?.message;
      const errors =
        first === undefined
          ? tn('finding_in_band_errors', count)
          : tn('finding_in_band_errors_first', count, { first });
      return {
        rule: 'in-band-error',
        severity: 'error',
        summary: connection.endReason === 'complete' ? t('finding_still_complete', { errors }) : errors,
        evidence: tracker.errorEvents,
      };
    },
  },
];

function resumption(tracker: InsightTracker, verdict: 'replayed' | 'skipped'): Finding | undefined {
  const hits = tracker.resumptions.filter((r) => r.verdict === verdict);
  if (hits.length === 0) return undefined;
  const first = hits[0] as (typeof hits)[number];
  const before = String(first.lastIdBefore);
  const after = String(first.firstIdAfter ?? '?');
  return {
    rule: verdict === 'replayed' ? 'resume-replayed' : 'resume-skipped',
    severity: 'warning',
    summary:
      hits.length > 1
        ? tn('finding_resumed_more', hits.length - 1, { before, after })
        : t('finding_resumed', { before, after }),
    evidence: { eventIds: hits.flatMap((h) => (h.eventId === undefined ? [] : [h.eventId])), count: hits.length },
  };
}

/** What a connection with no record worth tracking yet shows: nothing seen. */
const UNTRACKED = new InsightTracker(() => Number.POSITIVE_INFINITY);

/** Every finding for a connection, in rule order. */
export function findingsOf(connection: ConnectionView, context: CheckContext): Finding[] {
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
