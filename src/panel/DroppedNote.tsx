import type { PanelStore } from '../ui/store';
import { t, tn } from '../ui/text/catalogue';

/**
 * What the page's capture did not keep (its cap was reached), and where to raise the cap; and
 * records of the page the panel could not load in full (too large for a message, refused, lost).
 */
export function DroppedNote({ store }: { store: PanelStore }) {
  const { capture } = store;
  const events = capture.connections.reduce((n, c) => n + c.dropped, capture.notKeptEvents);
  return (
    <>
      {events > 0 && (
        <span class="warn" data-dropped title={t('dropped_title')}>
          {tn('dropped', events)}
        </span>
      )}
      {capture.notKeptRecords > 0 && (
        <span class="warn" data-dropped-records title={t('dropped_title')}>
          {tn('dropped_records', capture.notKeptRecords)}
        </span>
      )}
      {capture.unloaded > 0 && (
        <span class="warn" data-unloaded title={t('unloaded_title')}>
          {tn('unloaded', capture.unloaded)}
        </span>
      )}
    </>
  );
}
