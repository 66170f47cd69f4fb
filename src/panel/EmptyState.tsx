import { browser } from '../platform/browser';
import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';

/** What the panel says before there is anything to show: why it cannot see the page, or how to start. */
export function EmptyState({ store, tabId }: { store: PanelStore; tabId: number }) {
  if (store.reachable.value === false) {
    return (
      <p class="empty" role="status">
        {t('empty_unreachable')}
      </p>
    );
  }
  return (
    <div class="empty" role="status">
      <p>{t('empty_none_yet')}</p>
      <p>
        <button type="button" data-action="reload" onClick={() => browser.tabs.reload(tabId)}>
          {t('reload_page')}
        </button>
      </p>
      <p class="hint">{t('empty_hint')}</p>
    </div>
  );
}
