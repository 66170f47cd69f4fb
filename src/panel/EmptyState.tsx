import { browser } from '../platform/browser';
import type { PanelStore } from '../ui/store';

/** What the panel says before there is anything to show: why it cannot see the page, or how to start. */
export function EmptyState({ store, tabId }: { store: PanelStore; tabId: number }) {
  if (store.reachable.value === false) {
    return (
      <p class="empty" role="status">
        SSE Scope cannot see this page: browser pages and the Web Store are off limits, and a tab opened before the
        extension was installed needs a reload.
      </p>
    );
  }
  return (
    <div class="empty" role="status">
      <p>No SSE connections yet — reload the page to capture from the start.</p>
      <p>
        <button type="button" data-action="reload" onClick={() => browser.tabs.reload(tabId)}>
          Reload the page
        </button>
      </p>
      <p class="hint">
        Every EventSource the page opens shows here with its events, live; nothing needs to be switched on.
      </p>
    </div>
  );
}
