/**
 * Every connection of the page: kind, URL, frame, state (failed ones stand out with their reason),
 * status, events, rate, bytes, duration, the last event's age. A click selects a connection and
 * filters the rest of the panel to it; Ctrl/⌘-click adds or removes one.
 */

import type { ConnectionView } from '../core/store/views';
import { settings } from '../ui/settings';
import type { PanelStore } from '../ui/store';
import { t, words } from '../ui/text/catalogue';
import {
  eventRate,
  formatBytes,
  formatDuration,
  formatRate,
  middleCut,
  SHOWN_CHARS,
  shown,
  urlName,
} from '../ui/text/format';
import { replayedTitle } from '../ui/text/replay';
import { describeState, responseDetail, responseLabel } from '../ui/text/states';
import { ConnectionHeader } from './ConnectionHeader';
import { openColumnsMenu, openConnectionMenu } from './ContextMenu';
import { isLive, sorted } from './connection-order';
import { FirstEventCell } from './FirstEventCell';
import { HealthCell } from './HealthCell';
import { healthOf } from './health';
import { ProtocolTag } from './ProtocolTag';
import { workerName } from './worker-name';

function frameLabel(connection: ConnectionView): string {
  if (connection.worker) return workerName(connection.worker);
  return connection.frameId === 0
    ? t('frame_top')
    : t('frame_label', { id: String(connection.frameId), url: connection.frameUrl ?? '' });
}

/** The frame cell's title: a worker's stream says what only the network saw. */
function frameTitle(connection: ConnectionView): string {
  if (!connection.worker) return frameLabel(connection);
  return t('frame_worker_title', { worker: workerName(connection.worker), url: connection.worker.url });
}

/** API names: the same in every language. */
const KIND_LABEL: Record<ConnectionView['kind'], string> = { eventsource: 'EventSource', fetch: 'fetch', xhr: 'XHR' };

/**
 * A URL named as DevTools' Network panel names a request: the last path segment and query always
 * shown, the lead (origin, leading path) dimmer and cut from its start when the column is narrow.
 * The text stays the URL in order, for selecting and copying.
 */
function UrlCell({ url }: { url: string }) {
  const { lead, name } = urlName(url);
  return (
    <span class="url-cut">
      {lead !== '' && (
        <span class="url-lead">
          <bdi>{lead}</bdi>
        </span>
      )}
      <span class="url-name">{name}</span>
    </span>
  );
}

/** The types a connection listens for, as many as SHOWN_CHARS shows (a page may listen for thousands). */
function listeningText(types: readonly string[]): string {
  let text = '';
  for (const type of types) {
    if (text.length > SHOWN_CHARS) break;
    text += text === '' ? type : `, ${type}`;
  }
  return shown(text);
}

export function ConnectionList({ store }: { store: PanelStore }) {
  void store.version.value;
  const connections = store.capture.connections;
  const selected = store.connections.value;
  // Ages, durations and rates run on the clock while the view is live, and stand still when paused.
  const now = store.capture.frozenAt ?? store.now.value;
  const health = healthOf(store, now);
  // Paused, the counts stand still with the view: events held for later are not counted yet.
  const held = new Map<ConnectionView, number>();
  for (const event of store.capture.held) held.set(event.connection, (held.get(event.connection) ?? 0) + 1);

  const choose = (target: EventTarget | null, add: boolean) => {
    const row = (target as Element).closest<HTMLElement>('tr[data-key]');
    const key = row?.dataset.key;
    if (!key) return;
    const next = new Set(selected);
    if (add) {
      if (next.has(key)) next.delete(key);
      else next.add(key);
    } else if (next.size === 1 && next.has(key)) {
      next.clear();
    } else {
      next.clear();
      next.add(key);
    }
    store.connections.value = next;
  };
  const onClick = (click: MouseEvent) => choose(click.target, click.ctrlKey || click.metaKey);
  const onContextMenu = (click: MouseEvent) => {
    if ((click.target as Element).closest('thead')) {
      // The header's menu: which columns show.
      click.preventDefault();
      openColumnsMenu(click.clientX, click.clientY);
      return;
    }
    const key = (click.target as Element).closest<HTMLElement>('tr[data-key]')?.dataset.key;
    const connection = connections.find((c) => c.key === key);
    if (!connection) return;
    click.preventDefault();
    openConnectionMenu(store, connection, click.clientX, click.clientY);
  };
  const onKeyDown = (key: KeyboardEvent) => {
    if (key.key !== 'Enter' && key.key !== ' ') return;
    key.preventDefault();
    choose(key.target, key.ctrlKey || key.metaKey);
  };

  // A URL's lead and name are two boxes, which a copy would join with a line break: a URL has none.
  const onCopy = (copy: ClipboardEvent) => {
    const selection = getSelection();
    if (selection?.rangeCount !== 1 || !copy.clipboardData) return;
    const common = selection.getRangeAt(0).commonAncestorContainer;
    const element = common instanceof Element ? common : common.parentElement;
    if (!element?.closest('.url-cut')) return;
    copy.clipboardData.setData('text/plain', selection.toString().replace(/\n/g, ''));
    copy.preventDefault();
  };

  // Hidden columns by class (the panel's CSP allows no inline style sheet): panel.css has a rule for each.
  const hidden = settings.value.hiddenColumns.map((col) => ` hide-${col}`).join('');
  return (
    <div class={`connections${hidden}`}>
      <table
        aria-label={t('connections')}
        data-resize-table="connections"
        class={Object.keys(settings.value.columnWidths.connections).length > 0 ? 'fixed' : undefined}
        onClick={onClick}
        onKeyDown={onKeyDown}
        onContextMenu={onContextMenu}
        onCopy={onCopy}
      >
        <thead>
          <tr>
            <ConnectionHeader sort="ordinal" col="ordinal" label="#" />
            <ConnectionHeader sort="kind" col="kind" label={t('column_kind')} />
            <ConnectionHeader sort="url" col="url" label={t('column_url')} />
            <ConnectionHeader col="frame" label={t('column_frame')} />
            <ConnectionHeader sort="state" col="state" label={t('column_state')} />
            <ConnectionHeader sort="status" col="status" label={t('column_status')} title={t('column_status_title')} />
            <ConnectionHeader sort="events" col="events" label={t('column_events')} num />
            <ConnectionHeader sort="rate" col="rate" label={t('column_rate')} num title={t('column_rate_title')} />
            <ConnectionHeader sort="bytes" col="bytes" label={t('column_bytes')} num />
            <ConnectionHeader
              sort="duration"
              col="duration"
              label={t('column_duration')}
              num
              title={t('column_duration_title')}
            />
            <ConnectionHeader
              sort="last"
              col="age"
              label={t('column_last_event')}
              num
              title={t('column_last_event_title')}
            />
            <ConnectionHeader sort="reconnects" col="reconnects" label={t('column_reconnects')} num />
            <ConnectionHeader col="first" label={t('column_first_event')} num title={t('column_first_event_title')} />
            <ConnectionHeader col="health" label={t('column_health')} title={t('column_health_title')} />
            <ConnectionHeader col="listening" label={t('column_listening')} title={t('column_listening_title')} />
          </tr>
        </thead>
        <tbody>
          {sorted(connections, now).map((c) => {
            const state = describeState(c);
            const isSelected = selected.has(c.key);
            const classes = [
              c.gone ? 'gone' : '',
              state.tone === 'failed' ? 'failed' : '',
              isSelected ? 'selected' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <tr
                key={c.key}
                data-key={c.key}
                data-connection={c.ordinal}
                data-state={c.state}
                tabIndex={0}
                aria-selected={isSelected}
                class={classes || undefined}
              >
                <td>#{c.ordinal}</td>
                <td data-col="kind">
                  {KIND_LABEL[c.kind]}
                  {c.request ? ` ${c.request.method}` : ''}
                </td>
                <td class="url" title={middleCut(c.url, SHOWN_CHARS)}>
                  {/* The tags keep their room: the URL's lead gives way first, then its name. */}
                  <div class="url-line">
                    <UrlCell url={middleCut(c.url, SHOWN_CHARS)} />
                    <ProtocolTag connection={c} />
                    {c.replay && (
                      <span class="replayed-tag" data-replayed={c.replay.rule} title={replayedTitle(c.replay)}>
                        {t('replay_tag')}
                      </span>
                    )}
                  </div>
                </td>
                <td class="frame" data-col="frame" data-worker={c.worker?.kind} title={frameTitle(c)}>
                  {frameLabel(c)}
                </td>
                <td class="state">
                  <span class={`badge ${state.tone}`} title={state.text}>
                    {state.label}
                  </span>
                  {state.tone === 'failed' && <span class="reason">{state.text}</span>}
                </td>
                <td data-col="status" title={responseDetail(c)}>
                  {responseLabel(c)}
                </td>
                <td class="num" data-col="events">
                  {words().number(c.events - (held.get(c) ?? 0))}
                  {c.dropped > 0 ? ` ${t('events_not_kept', { count: c.dropped })}` : ''}
                </td>
                <td class="num" data-col="rate">
                  {isLive(c) ? formatRate(eventRate(c.times, now)) : '–'}
                </td>
                <td class="num" data-col="bytes">
                  {formatBytes(c.bytes)}
                </td>
                <td class="num" data-col="duration">
                  {formatDuration((c.endedAt ?? now) - (c.lifecycle[0]?.from ?? c.createdAt))}
                </td>
                <td class="num" data-col="age" title={c.lastEventAt === undefined ? t('no_event_yet') : undefined}>
                  {c.lastEventAt === undefined ? '–' : t('ago', { duration: formatDuration(now - c.lastEventAt) })}
                </td>
                <td class="num" data-col="reconnects">
                  {words().number(c.reconnects)}
                </td>
                <FirstEventCell connection={c} />
                <HealthCell store={store} connection={c} findings={health.get(c) ?? []} />
                <td class="listening" data-col="listening">
                  {listeningText(c.listening)}
                  {c.unheard > 0 && (
                    <span class="warn" data-unheard={c.unheard} title={t('unheard_title')}>
                      {c.listening.length > 0 ? ' · ' : ''}
                      {t('unheard', { count: c.unheard })}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
