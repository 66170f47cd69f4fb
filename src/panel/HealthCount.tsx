/** The toolbar's count of findings across connections; a click shows only the connections that have some. */
import type { PanelStore } from '../ui/store';
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
      title={`${all.length} finding${all.length === 1 ? '' : 's'} in ${health.size} connection${health.size === 1 ? '' : 's'}: show only those connections`}
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
