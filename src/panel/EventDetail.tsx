import { useMemo } from 'preact/hooks';
import { prettyJson, rebuildBlock } from '../core/event-text';
import { parseJson } from '../core/json';
import type { EventView } from '../core/store/views';
import type { DetailTab, PanelStore } from '../ui/store';
import { blockNotes } from '../ui/text/block-notes';
import { t, tn } from '../ui/text/catalogue';
import { formatBytes, formatDateTime } from '../ui/text/format';
import { PACE_TEXT, replayedTitle } from '../ui/text/replay';
import { ChunkList } from './ChunkList';
import { CopyButton } from './CopyButton';
import { FaultGroup } from './FaultGroup';
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
  const tabs: [DetailTab, string][] = [['data', t('tab_data')]];
  if (json) tabs.push(['json', t('tab_json')]);
  tabs.push(['raw', t('tab_raw')]);
  // An EventSource has chunks when network capture read its bytes.
  if (bytes || connection.chunks.length > 0) tabs.push(['stream', t('tab_chunks')]);
  // An EventSource's request, once the network layer told of it (a panel watched, or network
  // capture), or to say that the page could have written it (a document a same-origin parent held).
  if (bytes || connection.http || connection.forgeable) tabs.push(['request', t('tab_request')]);
  tabs.push(['response', t('tab_response')], ['insights', t('tab_insights')]);
  const wanted = store.detailTab.value;
  const tab: DetailTab = tabs.some(([id]) => id === wanted) ? wanted : 'data';
  return (
    <section class="detail" aria-label={t('detail_label')}>
      <header>
        <span title={formatDateTime(event.time)}>{formatDateTime(event.time)}</span>
        <span>#{event.connection.ordinal}</span>
        <span>{t('detail_type', { type: event.type })}</span>
        {event.lastEventId !== '' && <span>{t('detail_id', { id: event.lastEventId })}</span>}
        <span>{t('detail_origin', { origin: event.origin })}</span>
        <span>{formatBytes(event.size)}</span>
        {event.originalSize !== undefined && <span class="warn">{tn('detail_too_large', event.data.length)}</span>}
        {event.synthetic && <span class="warn">{t('detail_synthetic')}</span>}
        {connection.replay && (
          <span class="replayed-tag" data-replayed={connection.replay.rule} title={replayedTitle(connection.replay)}>
            {t('detail_replayed', { name: connection.replay.name, pace: t(PACE_TEXT[connection.replay.pace]) })}
          </span>
        )}
      </header>
      <div class="tabs" role="tablist">
        <button
          type="button"
          class="icon"
          data-action="close-detail"
          title={t('detail_close')}
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
              <CopyButton name="data" label={t('menu_copy_data')} text={() => event.data} />
            </Tools>
            <pre class="data">{event.data}</pre>
          </>
        )}
        {tab === 'json' && json && (
          <>
            <Tools>
              <CopyButton name="json" label={t('copy_json')} text={() => prettyJson(json.value)} />
            </Tools>
            <JsonTree value={json.value} />
          </>
        )}
        {tab === 'raw' && (
          <Tools>
            <CopyButton name="raw" label={t('copy_block')} text={() => block} />
          </Tools>
        )}
        {tab === 'raw' &&
          (event.raw !== undefined ? (
            <>
              <p class="note" data-raw-label>
                {connection.response?.format === 'aws-eventstream'
                  ? [t('raw_aws_message'), ...extras].join(' ')
                  : extras.length > 0
                    ? t('raw_exact_extras', { extras: extras.join('; ') })
                    : t('raw_exact')}
              </p>
              <RawBlock raw={event.raw} cuts={event.cuts} />
            </>
          ) : (
            <>
              <p class="note" data-raw-label>
                {t('raw_rebuilt')}
              </p>
              {extras.length > 0 && (
                <p class="note warn" data-notes>
                  {extras.join('; ')}
                </p>
              )}
              <pre class="data raw">{block}</pre>
            </>
          ))}
        {tab === 'stream' && <ChunkList connection={connection} event={event} />}
        {tab === 'request' && (
          <>
            <RequestView connection={connection} secrets={store.secrets} />
            <FaultGroup store={store} connection={connection} />
          </>
        )}
        {tab === 'response' && <ResponseView connection={connection} events={store.capture.events} />}
        {tab === 'insights' && (
          <InsightsView store={store} connection={connection} now={store.capture.frozenAt ?? store.now.value} />
        )}
      </div>
    </section>
  );
}
