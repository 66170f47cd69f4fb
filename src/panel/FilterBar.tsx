import type { PanelStore } from '../ui/store';
import { t, tn, words } from '../ui/text/catalogue';
import { formatRelative, shown, typeColor } from '../ui/text/format';
import { ActiveFilter } from './ActiveFilter';

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
      <button
        type="button"
        class={`chip${chosen.size === 0 ? ' on' : ''}`}
        data-chip=""
        aria-pressed={chosen.size === 0}
        onClick={() => {
          store.types.value = new Set();
        }}
      >
        {t('filter_all_types')}
      </button>
      {types.map((type) => (
        <button
          type="button"
          key={type}
          class={`chip${chosen.has(type) ? ' on' : ''}`}
          data-chip={type}
          aria-pressed={chosen.has(type)}
          title={t('filter_type_title', { type: shown(type) })}
          onClick={() => toggle(type)}
        >
          <span class="swatch" style={{ background: typeColor(type) }} />
          <span class="chip-name">{shown(type)}</span>
          <span class="count">{words().number(view.typeCounts.get(type) ?? 0)}</span>
        </button>
      ))}
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
    </div>
  );
}
