/**
 * A connection's insights: its timing (to headers, first byte, first event or token, rates, gaps,
 * the longest silence, reconnects), the stalls, and what each health check found: what it means,
 * what to do, where the spec says so, and the events that show it, one click away.
 */

import { Fragment } from 'preact';
import { httpVersionName } from '../core/http-version';
import { RULES } from '../core/insights/rules';
import { timingOf } from '../core/insights/timing';
import type { ConnectionView, EventView } from '../core/store/views';
import { Interpolated } from '../ui/Interpolated';
import type { PanelStore } from '../ui/store';
import { t, words } from '../ui/text/catalogue';
import { findingSummary, RULE_TEXT, ruleTitle } from '../ui/text/findings';
import { formatBytes, formatDuration } from '../ui/text/format';
import { CodeText } from './CodeText';
import { EvidenceLink } from './EvidenceLink';
import { healthOf, SEVERITY_MARK } from './health';

const ms = (value: number | undefined) => (value === undefined ? '–' : formatDuration(value));

/** MDN in the UI's language (it has Korean and Russian pages); other links stay as they are. */
const localLink = (link: string) =>
  link.replace('developer.mozilla.org/en-US/', `developer.mozilla.org/${t('mdn_locale')}/`);

export function InsightsView({
  store,
  connection,
  now,
}: {
  store: PanelStore;
  connection: ConnectionView;
  now: number;
}) {
  const timing = timingOf(connection, connection.insights, now);
  const findings = healthOf(store, now).get(connection) ?? [];
  const wanted = new Set<number>(findings.flatMap((f) => f.evidence.eventIds));
  for (const stall of connection.insights?.gaps.stalls ?? []) wanted.add(stall.eventId);
  const events = new Map<number, EventView>();
  if (wanted.size > 0) for (const event of store.capture.events) if (wanted.has(event.id)) events.set(event.id, event);
  const facts: [string, string, string][] = [
    ['http-version', t('timing_http_version'), httpVersionName(connection.httpVersion) ?? t('not_known')],
    ['to-headers', t('timing_headers'), ms(timing.toHeaders)],
    ['to-first-byte', t('timing_first_byte'), ms(timing.toFirstByte)],
    ['to-first-event', t('column_first_event'), ms(timing.toFirstEvent)],
  ];
  if (timing.toFirstToken !== undefined)
    facts.push(['to-first-token', t('timing_first_token'), ms(timing.toFirstToken)]);
  facts.push(
    ['duration', t('column_duration'), ms(timing.duration)],
    [
      'events-per-second',
      t('timing_events_per_second'),
      timing.eventsPerSecond === undefined ? '–' : words().number(timing.eventsPerSecond, 1),
    ],
    [
      'bytes-per-second',
      t('timing_bytes_per_second'),
      timing.bytesPerSecond === undefined ? '–' : t('per_second', { amount: formatBytes(timing.bytesPerSecond) }),
    ],
    ['gaps', t('timing_gaps'), `${ms(timing.gapP50)} / ${ms(timing.gapP95)} / ${ms(timing.gapMax)}`],
    ['longest-silence', t('timing_longest_silence'), ms(timing.longestSilence)],
    [
      'reconnects',
      t('column_reconnects'),
      timing.reconnects > 0
        ? t('timing_reconnects', { count: timing.reconnects, duration: formatDuration(timing.reconnectingMs) })
        : words().number(0),
    ],
  );
  const stalls = connection.insights?.gaps.stalls ?? [];
  return (
    <div class="insights">
      <p class="note">{connection.kind === 'eventsource' ? t('timing_note_eventsource') : t('timing_note')}</p>
      <dl class="response-facts" data-timing-facts>
        {facts.map(([key, label, value]) => (
          <Fragment key={key}>
            <dt>{label}</dt>
            <dd data-fact={key}>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <h4>{t('stalls_heading', { count: connection.insights?.gaps.stallCount ?? 0 })}</h4>
      {stalls.length === 0 ? (
        <p class="note" data-stalls="0">
          {t('stalls_none')}
        </p>
      ) : (
        <ol class="stalls" data-stalls={stalls.length}>
          {stalls.map((stall) => (
            <li key={stall.eventId}>
              <Interpolated
                text={t('stall_item', { duration: formatDuration(stall.to - stall.from) })}
                values={{ event: <EvidenceLink store={store} id={stall.eventId} events={events} /> }}
              />
            </li>
          ))}
        </ol>
      )}
      <h4>{t('health_checks')}</h4>
      {findings.length === 0 ? (
        <p class="note" data-findings="0">
          {t('health_checks_none', { count: RULES.length, checks: RULES.map((r) => ruleTitle(r.id)).join(', ') })}
        </p>
      ) : (
        <ul class="findings" data-findings={findings.length}>
          {findings.map((finding) => {
            const rule = RULE_TEXT[finding.rule];
            return (
              <li
                key={finding.rule}
                data-finding={finding.rule}
                data-severity={finding.severity}
                class={finding.severity}
              >
                <div class="finding-head">
                  <span class="severity">{SEVERITY_MARK[finding.severity]}</span>
                  <strong>{t(rule.title)}</strong>
                  <span class="muted">{finding.rule}</span>
                </div>
                <p data-finding-summary>{findingSummary(finding)}</p>
                <p class="muted">
                  <CodeText text={t(rule.explanation)} />
                </p>
                <p>
                  <strong>{t('what_to_do')}</strong> <CodeText text={t(rule.advice)} />{' '}
                  <a href={localLink(rule.link)} target="_blank" rel="noreferrer">
                    {t('read_more')}
                  </a>
                </p>
                {finding.evidence.eventIds.length > 0 && (
                  <p class="evidence" data-evidence-count={finding.evidence.count}>
                    {t('evidence', { count: finding.evidence.count })}{' '}
                    {finding.evidence.eventIds.map((id) => (
                      <EvidenceLink key={id} store={store} id={id} events={events} />
                    ))}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
