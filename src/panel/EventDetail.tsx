import { useMemo } from 'preact/hooks';
import { blockNotes, prettyJson, rebuildBlock } from '../core/event-text';
import { formatBytes, formatDateTime } from '../core/format';
import { parseJson } from '../core/json';
import type { EventView } from '../core/store/views';
import type { DetailTab, PanelStore } from '../ui/store';
import { ChunkList } from './ChunkList';
import { CopyButton } from './CopyButton';
import { InsightsView } from './InsightsView';
import { JsonTree } from './JsonTree';
import { RawBlock } from './RawBlock';
import { RequestView } from './RequestView';
import { ResponseView } from './ResponseView';
import { Tools } from './Tools';

export function EventDetail({ store, event }: { store: PanelStore; event: EventView }) {
  const json = useMemo(() => parseJson(event.data), [event]);
  const extras = blockNotes(event);
  const block = useMemo(() => event.raw ?? rebuildBlock(event), [event]);
  const connection = event.connection;
  const bytes = connection.kind !== 'eventsource';
  const tabs: [DetailTab, string][] = [['data', 'Data']];
  if (json) tabs.push(['json', 'JSON']);
  tabs.push(['raw', 'Raw frame']);
  // An EventSource has chunks when network capture read its bytes.
  if (bytes || connection.chunks.length > 0) tabs.push(['stream', 'Chunks']);
  // An EventSource's request, once the network layer told of it (a panel watched, or network capture).
  if (bytes || connection.response) tabs.push(['request', 'Request']);
  tabs.push(['response', 'Response'], ['insights', 'Insights']);
  const wanted = store.detailTab.value;
  const tab: DetailTab = tabs.some(([id]) => id === wanted) ? wanted : 'data';
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
      </div>
      <div class="tab-body" role="tabpanel" data-panel={tab}>
        {tab === 'data' && (
          <>
            <Tools>
              <CopyButton name="data" label="Copy data" text={() => event.data} />
            </Tools>
            <pre class="data">{event.data}</pre>
          </>
        )}
        {tab === 'json' && json && (
          <>
            <Tools>
              <CopyButton name="json" label="Copy JSON" text={() => prettyJson(json.value)} />
            </Tools>
            <JsonTree value={json.value} />
          </>
        )}
        {tab === 'raw' && (
          <Tools>
            <CopyButton name="raw" label="Copy frame" text={() => block} />
          </Tools>
        )}
        {tab === 'raw' &&
          (event.raw !== undefined ? (
            <>
              <p class="note" data-raw-label>
                Exact text as received: ┊ marks where a network chunk ended, ␍ a carriage return.
                {extras.length > 0 ? ` This block also had: ${extras.join('; ')}.` : ''}
              </p>
              <RawBlock raw={event.raw} cuts={event.cuts} />
            </>
          ) : (
            <>
              <p class="note" data-raw-label>
                Rebuilt from the event: EventSource does not expose the bytes on the wire, so comments, retry fields, a
                repeated id and the exact line endings are not shown (turn on network capture in ⚙ and reload to read
                the bytes; a stream open before it was turned on is not read from the network).
              </p>
              <pre class="data raw">{block}</pre>
            </>
          ))}
        {tab === 'stream' && <ChunkList connection={connection} event={event} />}
        {tab === 'request' && <RequestView connection={connection} />}
        {tab === 'response' && <ResponseView connection={connection} events={store.capture.events} />}
        {tab === 'insights' && (
          <InsightsView store={store} connection={connection} now={store.capture.frozenAt ?? store.now.value} />
        )}
      </div>
    </section>
  );
}
