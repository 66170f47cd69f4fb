/**
 * A health check in words: each rule's title, what it means, what to do and where the spec or MDN
 * explains it, and a finding's summary written from its figures, in the UI's language. The
 * Insights view, the health cell and the capture file's findings read them.
 */
import type { Finding, FindingValues, RuleId } from '../../core/insights/finding';
import { type AnomalyCode, OVERSIZED_BYTES } from '../../core/insights/tracker';
import { type MessageKey, t, tn, words } from './catalogue';

/** A rule's words are catalogue keys, and a link that explains it. */
interface RuleText {
  title: MessageKey;
  explanation: MessageKey;
  advice: MessageKey;
  link: string;
}

export const RULE_TEXT: Record<RuleId, RuleText> = {
  'connection-limit': {
    title: 'rule_connection_limit_title',
    explanation: 'rule_connection_limit_explanation',
    advice: 'rule_connection_limit_advice',
    link: 'https://developer.mozilla.org/en-US/docs/Web/API/EventSource',
  },
  'buffered-delivery': {
    title: 'rule_buffered_delivery_title',
    explanation: 'rule_buffered_delivery_explanation',
    advice: 'rule_buffered_delivery_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#authoring-notes',
  },
  'compressed-stream': {
    title: 'rule_compressed_stream_title',
    explanation: 'rule_compressed_stream_explanation',
    advice: 'rule_compressed_stream_advice',
    link: 'https://github.com/expressjs/compression#server-sent-events',
  },
  'silent-stream': {
    title: 'rule_silent_stream_title',
    explanation: 'rule_silent_stream_explanation',
    advice: 'rule_silent_stream_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#authoring-notes',
  },
  'not-resumable': {
    title: 'rule_not_resumable_title',
    explanation: 'rule_not_resumable_explanation',
    advice: 'rule_not_resumable_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header',
  },
  'resume-replayed': {
    title: 'rule_resume_replayed_title',
    explanation: 'rule_resume_replayed_explanation',
    advice: 'rule_resume_replayed_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header',
  },
  'resume-skipped': {
    title: 'rule_resume_skipped_title',
    explanation: 'rule_resume_skipped_explanation',
    advice: 'rule_resume_skipped_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header',
  },
  'duplicate-id': {
    title: 'rule_duplicate_id_title',
    explanation: 'rule_duplicate_id_explanation',
    advice: 'rule_duplicate_id_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header',
  },
  'reconnect-storm': {
    title: 'rule_reconnect_storm_title',
    explanation: 'rule_reconnect_storm_explanation',
    advice: 'rule_reconnect_storm_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#concept-event-stream-reconnection-time',
  },
  'content-type': {
    title: 'rule_content_type_title',
    explanation: 'rule_content_type_explanation',
    advice: 'rule_content_type_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#sse-processing-model',
  },
  'spec-anomaly': {
    title: 'rule_spec_anomaly_title',
    explanation: 'rule_spec_anomaly_explanation',
    advice: 'rule_spec_anomaly_advice',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream',
  },
  'in-band-error': {
    title: 'rule_in_band_error_title',
    explanation: 'rule_in_band_error_explanation',
    advice: 'rule_in_band_error_advice',
    link: 'https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events/Using_server-sent_events#listening_for_custom_events',
  },
};

const ANOMALY_TEXT: Record<AnomalyCode, MessageKey> = {
  'unknown-field': 'anomaly_unknown_field',
  'invalid-retry': 'anomaly_invalid_retry',
  'not-json': 'anomaly_not_json',
  unterminated: 'anomaly_unterminated',
  bom: 'anomaly_bom',
  'cr-only': 'anomaly_cr_only',
  oversized: 'anomaly_oversized',
  'too-long': 'anomaly_too_long',
};

/** A health check's title, in the UI's language. */
export function ruleTitle(id: RuleId): string {
  return t(RULE_TEXT[id].title);
}

const seconds = (ms: number) => words().seconds(ms / 1000, ms < 10_000 ? 1 : 0);
/** Clauses of one finding, as one sentence: `a; b.` */
const clauses = (parts: readonly string[]) => t('finding_clauses', { list: parts.join(t('finding_clause_separator')) });

type Summaries = { [R in RuleId]: (values: FindingValues[R]) => string };

const SUMMARIES: Summaries = {
  'connection-limit': ({ live, origin, limit, version, waitingMs }) => {
    const stuck = waitingMs !== undefined;
    const waits = stuck
      ? tn('finding_limit_stuck', live, { duration: seconds(waitingMs), origin })
      : tn('finding_limit_live', live, { origin });
    const why = version
      ? stuck
        ? t('finding_limit_version_waits', { version, limit })
        : t('finding_limit_version', { version, limit })
      : stuck
        ? t('finding_limit_unknown_may_wait', { limit })
        : t('finding_limit_unknown', { limit });
    return clauses([waits, why]);
  },
  'buffered-delivery': ({ clumps, cacheable }) => {
    const reasons: string[] = [];
    if (clumps > 0) reasons.push(tn('finding_clumps', clumps));
    if (cacheable)
      reasons.push(
        cacheable.cacheControl
          ? t('finding_cache_control_says', { cache: cacheable.cacheControl })
          : t('finding_no_cache_control'),
      );
    return clauses(reasons);
  },
  'compressed-stream': ({ encoding, clumps }) =>
    clauses([t('finding_compressed', { encoding }), ...(clumps > 0 ? [tn('finding_clumps', clumps)] : [])]),
  'silent-stream': ({ quietMs, usualMs, hidden }) =>
    usualMs === undefined
      ? t(hidden ? 'finding_silent_hidden' : 'finding_silent', { quiet: seconds(quietMs) })
      : t(hidden ? 'finding_silent_usual_hidden' : 'finding_silent_usual', {
          quiet: seconds(quietMs),
          usual: seconds(usualMs),
        }),
  'not-resumable': ({ reconnects, eventsWithoutId }) =>
    tn('finding_not_resumable', reconnects, { events: eventsWithoutId }),
  'resume-replayed': resumed,
  'resume-skipped': resumed,
  'duplicate-id': ({ id, count }) => clauses([tn('finding_duplicate_id', count, { id })]),
  'reconnect-storm': ({ burst, windowMs, retryMs }) => {
    const parts: string[] = [];
    if (burst !== undefined) parts.push(tn('finding_storm', burst, { window: words().seconds(windowMs / 1000, 0) }));
    // The server's own figure, as it wrote it.
    if (retryMs !== undefined) parts.push(t('finding_low_retry', { retry: String(retryMs) }));
    return clauses(parts);
  },
  'content-type': ({ type, readAsSse, failed, charset }) => {
    const problems: string[] = [];
    if (readAsSse) problems.push(type ? t('finding_type_read_as_sse', { type }) : t('finding_no_type_read_as_sse'));
    if (failed) problems.push(type ? t('finding_type_failed', { type }) : t('finding_no_type_failed'));
    if (charset !== undefined) problems.push(t('finding_charset', { charset }));
    return clauses(problems);
  },
  'spec-anomaly': ({ anomalies }) =>
    clauses(
      anomalies.map(({ code, count }) =>
        t('finding_anomaly', {
          count,
          what: t(ANOMALY_TEXT[code], { size: words().number(OVERSIZED_BYTES / 1024 / 1024) }),
        }),
      ),
    ),
  'in-band-error': ({ count, first, complete }) => {
    const errors =
      first === undefined ? tn('finding_in_band_errors', count) : tn('finding_in_band_errors_first', count, { first });
    return complete ? t('finding_still_complete', { errors }) : errors;
  },
};

function resumed({ before, after, times }: FindingValues['resume-replayed']): string {
  const params = { before, after: after ?? '?' };
  return times > 1 ? tn('finding_resumed_more', times - 1, params) : t('finding_resumed', params);
}

/** What a finding saw, in this connection's own figures, in the UI's language. */
export function findingSummary(finding: Finding): string {
  return (SUMMARIES[finding.rule] as (values: Finding['values']) => string)(finding.values);
}
