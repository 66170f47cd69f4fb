/**
 * A connection's insights: its timing (to headers, first byte, first event or token, rates, gaps,
 * the longest silence, reconnects), the stalls, and what each health check found: what it means,
 * what to do, where the spec says so, and the events that show it, one click away.
 */

import { Fragment } from 'preact';
import { formatBytes, formatDuration, protocolName } from '../core/format';
import { RULES } from '../core/insights/rules';
import { timingOf } from '../core/insights/timing';
import type { ConnectionView, EventView } from '../core/store/views';
import type { PanelStore } from '../ui/store';
import { CodeText } from './CodeText';
import { EvidenceLink } from './EvidenceLink';
import { healthOf, SEVERITY_MARK } from './health';

const RULE = new Map(RULES.map((rule) => [rule.id, rule]));

const ms = (value: number | undefined) => (value === undefined ? '–' : formatDuration(value));

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
  const wanted = new Set<string>(findings.flatMap((f) => f.evidence.eventIds));
  for (const stall of connection.insights?.gaps.stalls ?? []) wanted.add(stall.eventId);
  const events = new Map<string, EventView>();
  if (wanted.size > 0) for (const event of store.capture.events) if (wanted.has(event.id)) events.set(event.id, event);
  const facts: [string, string, string][] = [
    ['protocol', 'HTTP version', protocolName(connection.protocol) ?? 'not known'],
    ['to-headers', 'Response headers', ms(timing.toHeaders)],
    ['to-first-byte', 'First byte', ms(timing.toFirstByte)],
    ['to-first-event', 'First event', ms(timing.toFirstEvent)],
  ];
  if (timing.toFirstToken !== undefined) facts.push(['to-first-token', 'First token', ms(timing.toFirstToken)]);
  facts.push(
    ['duration', 'Duration', ms(timing.duration)],
    ['events-per-second', 'Events/s', timing.eventsPerSecond === undefined ? '–' : timing.eventsPerSecond.toFixed(1)],
    [
      'bytes-per-second',
      'Bytes/s',
      timing.bytesPerSecond === undefined ? '–' : `${formatBytes(timing.bytesPerSecond)}/s`,
    ],
    ['gaps', 'Gap p50 / p95 / max', `${ms(timing.gapP50)} / ${ms(timing.gapP95)} / ${ms(timing.gapMax)}`],
    ['longest-silence', 'Longest silence', ms(timing.longestSilence)],
    [
      'reconnects',
      'Reconnects',
      `${timing.reconnects}${timing.reconnects > 0 ? ` (${formatDuration(timing.reconnectingMs)} reconnecting)` : ''}`,
    ],
  );
  const stalls = connection.insights?.gaps.stalls ?? [];
  return (
    <div class="insights">
      <p class="note">
        Times count from the request
        {connection.kind === 'eventsource' ? ' (EventSource shows no bytes: first byte is not known)' : ''}.
      </p>
      <dl class="response-facts" data-timing-facts>
        {facts.map(([key, label, value]) => (
          <Fragment key={key}>
            <dt>{label}</dt>
            <dd data-fact={key}>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <h4>Stalls ({connection.insights?.gaps.stallCount ?? 0})</h4>
      {stalls.length === 0 ? (
        <p class="note" data-stalls="0">
          No gap over the stall threshold or 10× the usual gap.
        </p>
      ) : (
        <ol class="stalls" data-stalls={stalls.length}>
          {stalls.map((stall) => (
            <li key={stall.eventId}>
              {formatDuration(stall.to - stall.from)} of silence, ended by{' '}
              <EvidenceLink store={store} id={stall.eventId} events={events} />
            </li>
          ))}
        </ol>
      )}
      <h4>Health checks</h4>
      {findings.length === 0 ? (
        <p class="note" data-findings="0">
          No check found a problem ({RULES.length} checks: {RULES.map((r) => r.title.toLowerCase()).join(', ')}).
        </p>
      ) : (
        <ul class="findings" data-findings={findings.length}>
          {findings.map((finding) => {
            const rule = RULE.get(finding.rule);
            if (!rule) return null;
            return (
              <li
                key={finding.rule}
                data-finding={finding.rule}
                data-severity={finding.severity}
                class={finding.severity}
              >
                <div class="finding-head">
                  <span class="severity">{SEVERITY_MARK[finding.severity]}</span>
                  <strong>{rule.title}</strong>
                  <span class="muted">{finding.rule}</span>
                </div>
                <p data-finding-summary>{finding.summary}</p>
                <p class="muted">
                  <CodeText text={rule.explanation} />
                </p>
                <p>
                  <strong>What to do:</strong> <CodeText text={rule.advice} />{' '}
                  <a href={rule.link} target="_blank" rel="noreferrer">
                    Read more
                  </a>
                </p>
                {finding.evidence.eventIds.length > 0 && (
                  <p class="evidence" data-evidence-count={finding.evidence.count}>
                    Evidence ({finding.evidence.count}):{' '}
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
