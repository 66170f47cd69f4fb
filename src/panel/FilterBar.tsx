import type { PanelStore } from '../ui/store';
import { t, tn } from '../ui/text/catalogue';
import { formatRelative } from '../ui/text/format';
import { ActiveFilter } from './ActiveFilter';
import { TypeChips } from './TypeChips';

/** Type chips (every type seen, with how many events pass the other filters) and active filters. */
export function FilterBar({ store }: { store: PanelStore }) {
  const view = store.view();
  const chosen = store.types.value;
  const known = new Set<string>(store.capture.types);
  // Types the page listens for show before any event of theirs; cleared, only what comes after.
  if (store.capture.clearedAt === undefined)
    for (const connection of store.capture.connections) for (const type of connection.listening) known.add(type);
  for (const type of chosen) known.add(type);
  const types = [...known].sort((a, b) => (a === 'message' ? -1 : b === 'message' ? 1 : a.localeCompare(b)));
  const toggle = (type: string) => {
    const next = new Set(chosen);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    store.types.value = next;
  };
  const selectedConnections = store.connections.value;
  const range = store.range.value;
  const base = store.capture.timeZero;
  return (
    <div class="filterbar">
      <TypeChips
        types={types}
        chosen={chosen}
        counts={view.typeCounts}
        onToggle={toggle}
        onAll={() => {
          store.types.value = new Set();
        }}
      >
        <button
          type="button"
          class={`chip lifecycle-toggle${store.lifecycle.value ? ' on' : ''}`}
          data-lifecycle-toggle
          aria-pressed={store.lifecycle.value}
          title={t('filter_lifecycle_title')}
          onClick={() => {
            store.lifecycle.value = !store.lifecycle.value;
          }}
        >
          {t('filter_lifecycle')}
        </button>
        {selectedConnections.size > 0 && (
          <ActiveFilter
            name="connections"
            title={t('filter_connections_clear')}
            onClear={() => {
              store.connections.value = new Set();
            }}
          >
            {tn('count_connections', selectedConnections.size)}
          </ActiveFilter>
        )}
        {range && (
          <ActiveFilter
            name="range"
            title={t('filter_range_clear')}
            onClear={() => {
              store.range.value = undefined;
            }}
          >
            {t('filter_range', { from: formatRelative(range[0] - base), to: formatRelative(range[1] - base) })}
          </ActiveFilter>
        )}
      </TypeChips>
    </div>
  );
}
