/**
 * The selected event: its data as text, as a JSON tree when it parses as JSON, and its frame as it
 * went over the wire (rebuilt and labelled so, as EventSource does not expose the bytes); with
 * copy buttons for each.
 */
import { useMemo, useState } from 'preact/hooks';
import type { EventView } from './capture-store';
import { copyText } from './clipboard';
import { parseJsonData, prettyJson, rebuildFrame } from './event-text';
import { formatBytes, formatDateTime } from './format';
import { JsonTree } from './JsonTree';
import type { DetailTab, PanelStore } from './store';

function CopyButton({ label, text, name }: { label: string; text: () => string; name: string }) {
  const [done, setDone] = useState<boolean | undefined>(undefined);
  return (
    <button
      type="button"
      data-copy={name}
      onClick={async () => {
        setDone(await copyText(text()));
        setTimeout(() => setDone(undefined), 1500);
      }}
    >
      {done === undefined ? label : done ? 'Copied' : 'Copy failed'}
    </button>
  );
}

export function EventDetail({ store, event }: { store: PanelStore; event: EventView }) {
  const json = useMemo(() => parseJsonData(event.data), [event]);
  const frame = useMemo(() => rebuildFrame(event), [event]);
  const wanted = store.detailTab.value;
  const tab: DetailTab = wanted === 'json' && !json ? 'data' : wanted;
  const tabs: [DetailTab, string][] = [['data', 'Data']];
  if (json) tabs.push(['json', 'JSON']);
  tabs.push(['raw', 'Raw frame']);
  return (
    <section class="detail" aria-label="Selected event">
      <header>
        <span title={formatDateTime(event.time)}>{formatDateTime(event.time)}</span>
        <span>#{event.connection.ordinal}</span>
        <span>type {event.type}</span>
        {event.lastEventId !== '' && <span>id {event.lastEventId}</span>}
        <span>origin {event.origin}</span>
        <span>{formatBytes(event.size)}</span>
        {event.originalSize !== undefined && (
          <span class="warn">too large: kept the first {event.data.length.toLocaleString()} characters</span>
        )}
        {event.synthetic && <span class="warn">dispatched by the page, not received</span>}
      </header>
      <div class="tabs" role="tablist">
        <button
          type="button"
          class="icon"
          data-action="close-detail"
          title="Close (Escape)"
          onClick={() => {
            store.detailOpen.value = false;
          }}
        >
          ✕
        </button>
        {tabs.map(([id, label]) => (
          <button
            type="button"
            key={id}
            role="tab"
            data-tab={id}
            aria-selected={tab === id}
            onClick={() => {
              store.detailTab.value = id;
            }}
          >
            {label}
          </button>
        ))}
        <span class="spacer" />
        <CopyButton name="data" label="Copy data" text={() => event.data} />
        {json && <CopyButton name="json" label="Copy JSON" text={() => prettyJson(json.value)} />}
        <CopyButton name="raw" label="Copy frame" text={() => frame} />
      </div>
      <div class="tab-body" role="tabpanel" data-panel={tab}>
        {tab === 'data' && <pre class="data">{event.data}</pre>}
        {tab === 'json' && json && <JsonTree value={json.value} />}
        {tab === 'raw' && (
          <>
            <p class="note" data-raw-label>
              Rebuilt from the event: EventSource does not expose the bytes on the wire, so comments, retry fields, a
              repeated id and the exact line endings are not shown.
            </p>
            <pre class="data raw">{frame}</pre>
          </>
        )}
      </div>
    </section>
  );
}
