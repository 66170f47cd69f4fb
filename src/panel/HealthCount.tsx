/** The toolbar's count of findings across connections; a click shows only the connections that have some. */

import type { PanelStore } from '../ui/store';
import { tn } from '../ui/text/catalogue';
import { healthOf, SEVERITY_MARK, severityCounts } from './health';

export function HealthCount({ store, now }: { store: PanelStore; now: number }) {
  const health = healthOf(store, now);
  if (health.size === 0) return null;
  const all = [...health.values()].flat();
  return (
    <button
      type="button"
      class="health-count"
      data-health-count={all.length}
      title={tn('health_count_title', all.length, { connections: tn('count_connections', health.size) })}
      onClick={() => {
        store.connections.value = new Set([...health.keys()].map((c) => c.key));
      }}
    >
      {severityCounts(all)
        .map(({ severity, count }) => `${SEVERITY_MARK[severity]} ${count}`)
        .join(' ')}
    </button>
  );
}
