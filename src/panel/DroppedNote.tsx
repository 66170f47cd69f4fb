import { t, tn } from '../core/i18n';
import type { PanelStore } from '../ui/store';

/** Events the page's capture could not keep (its cap was reached), and where to raise the cap. */
export function DroppedNote({ store }: { store: PanelStore }) {
  const dropped = store.capture.connections.reduce((n, c) => n + c.dropped, 0);
  if (dropped === 0) return null;
  return (
    <span class="warn" data-dropped title={t('dropped_title')}>
      {tn('dropped', dropped)}
    </span>
  );
}
