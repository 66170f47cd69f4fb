import type { EventView } from '../core/store/views';
import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import { formatClock } from '../ui/text/format';

/** A button that selects an event and shows its data; or a note that the event is no longer kept. */
export function EvidenceLink({
  store,
  id,
  events,
}: {
  store: PanelStore;
  id: number;
  events: ReadonlyMap<number, EventView>;
}) {
  const event = events.get(id);
  if (!event) return <span class="muted">{t('evidence_not_kept')}</span>;
  return (
    <button
      type="button"
      class="evidence-link"
      data-evidence={id}
      onClick={() => {
        store.selected.value = event;
        store.detailTab.value = 'data';
      }}
    >
      {t('evidence_at', { type: event.type, time: formatClock(event.time) })}
    </button>
  );
}
