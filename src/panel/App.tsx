import { browser } from '../browser';
import { ConnectionList } from './ConnectionList';
import { EventDetail } from './EventDetail';
import { EventTable } from './EventTable';
import type { PanelStore } from './store';
import { Timeline } from './Timeline';
import { FilterBar, Toolbar } from './Toolbar';

function EmptyState({ store, tabId }: { store: PanelStore; tabId: number }) {
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

export function App({ store, tabId }: { store: PanelStore; tabId: number }) {
  // Reading the version re-renders the App on every change (signals skip components whose props did not change).
  void store.version.value;
  const { capture } = store;
  let selected = store.selected.value;
  // The selected event's page went away (a navigation without preserve log).
  if (selected && !capture.connections.includes(selected.connection)) selected = undefined;
  return (
    <main class="panel">
      <Toolbar store={store} />
      {capture.connections.length === 0 ? (
        <EmptyState store={store} tabId={tabId} />
      ) : (
        <>
          <FilterBar store={store} />
          <ConnectionList store={store} />
          <Timeline store={store} />
          <div class="split">
            <EventTable store={store} />
            {selected && store.detailOpen.value && <EventDetail store={store} event={selected} />}
          </div>
        </>
      )}
    </main>
  );
}
