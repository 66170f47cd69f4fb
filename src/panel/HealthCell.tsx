/** A connection's health in the list: its findings counted by severity; a click opens them in the Insights tab. */

import type { Finding } from '../core/insights/finding';
import type { ConnectionView } from '../core/store/views';
import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import { findingSummary, ruleTitle } from '../ui/text/findings';
import { SEVERITY_MARK, severityCounts } from './health';

export function HealthCell({
  store,
  connection,
  findings,
}: {
  store: PanelStore;
  connection: ConnectionView;
  findings: readonly Finding[];
}) {
  if (findings.length === 0)
    return (
      <td data-col="health" class="muted" title={t('health_none')}>
        ✓
      </td>
    );
  const open = (click: MouseEvent) => {
    click.stopPropagation();
    const events = store.capture.events;
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i];
      if (event?.connection !== connection) continue;
      store.selected.value = event;
      store.detailOpen.value = true;
      store.detailTab.value = 'insights';
      return;
    }
  };
  const worst = findings.some((f) => f.severity === 'error')
    ? 'error'
    : findings.some((f) => f.severity === 'warning')
      ? 'warning'
      : 'info';
  return (
    <td
      data-col="health"
      title={findings
        .map((f) => t('health_finding', { title: ruleTitle(f.rule), summary: findingSummary(f) }))
        .join('\n')}
    >
      <button
        type="button"
        class={`health ${worst}`}
        data-health={findings.map((f) => f.rule).join(' ')}
        onClick={open}
      >
        {severityCounts(findings)
          .map(({ severity, count }) => `${SEVERITY_MARK[severity]} ${count}`)
          .join(' ')}
      </button>
    </td>
  );
}
