import { useState } from 'preact/hooks';
import { ConnectionList } from './ConnectionList';
import { EventDetail } from './EventDetail';
import { EventTable } from './EventTable';
import type { PanelStore } from './store';

function Status({ store }: { store: PanelStore }) {
  if (store.reachable.value === false) {
    return (
      <p class="empty" role="status">
        SSE Scope cannot see this page: browser pages and the Web Store are off limits, and a tab opened before the
        extension was installed needs a reload.
      </p>
    );
  }
  return (
    <p class="empty" role="status">
      No SSE connections yet — reload the page to capture from the start.
    </p>
  );
}

export function App({ store }: { store: PanelStore }) {
  const version = store.version.value;
  const { connections, events, invalid } = store.capture;
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const selectedEvent = selected === undefined ? undefined : events.find((e) => e.id === selected);
  return (
    <main class="panel">
      <header class="toolbar">
        <strong>SSE</strong>
        <span data-summary>
          {connections.length} connection{connections.length === 1 ? '' : 's'}, {events.length} event
          {events.length === 1 ? '' : 's'}
        </span>
        {!store.connected.value && <span class="warn">reconnecting to the extension…</span>}
        {invalid > 0 && <span class="warn">{invalid} malformed records refused</span>}
      </header>
      {connections.length === 0 ? (
        <Status store={store} />
      ) : (
        <>
          <ConnectionList connections={connections} />
          <EventTable events={events} version={version} selected={selected} onSelect={setSelected} />
          {selectedEvent && <EventDetail event={selectedEvent} />}
        </>
      )}
    </main>
  );
}
