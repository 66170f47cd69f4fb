/**
 * The right-click menu of an event row or a connection row, as DevTools has them: copy (the data,
 * the raw block, the URL, the request as cURL or fetch, the stream as a test's mock), replay this
 * stream, filter by this, export this. One at a time, where the pointer was; Esc or a click outside closes it.
 */

import { signal } from '@preact/signals';
import { useCallback, useRef } from 'preact/hooks';
import { curlOf, fetchOf } from '../core/copy-as';
import { rebuildBlock } from '../core/event-text';
import { findingsByConnection } from '../core/insights/rules';
import type { ConnectionView, EventView } from '../core/store/views';
import { type CaptureConnection, type CaptureFile, lastRecordTime, toCaptureFile } from '../files/capture-file';
import { toMswHandler } from '../files/msw-handler';
import { toPlaywrightRoute } from '../files/playwright-route';
import { maskSecrets } from '../files/redact';
import { saveExport, toolName } from '../ui/save-export';
import { hasMasked } from '../ui/secrets';
import { changeSettings, HIDEABLE_COLUMNS, settings } from '../ui/settings';
import type { PanelStore } from '../ui/store';
import { t } from '../ui/text/catalogue';
import { findingSummary } from '../ui/text/findings';
import { copyText } from './clipboard';
import { faultItems } from './fault-items';
import { replayItem } from './replay-item';
import { useDismiss } from './use-dismiss';

interface MenuItem {
  id: string;
  label: string;
  /** Why it cannot be used: shown disabled, with this as its title. */
  disabled?: string;
  run(): void;
}

interface MenuState {
  x: number;
  y: number;
  items: MenuItem[];
}

const menu = signal<MenuState | undefined>(undefined);

/** One connection (and its events) as a capture file. */
function connectionFile(store: PanelStore, connection: ConnectionView): CaptureFile {
  const { capture } = store;
  const events = [...capture.events, ...capture.held].filter((e) => e.connection === connection);
  const byConnection = findingsByConnection([connection], lastRecordTime([connection], events));
  const findings = { byConnection, summary: findingSummary };
  return toCaptureFile(
    { page: capture.pageUrl ?? '', connections: [connection], events, navigations: [], findings },
    toolName(),
  );
}

/** Copies the connection as test code, written from its file masked as every export is. */
function copyAsTest(store: PanelStore, connection: ConnectionView, write: (c: CaptureConnection) => string): void {
  const masked = maskSecrets(connectionFile(store, connection)).connections[0];
  if (masked) void copyText(write(masked));
}

function connectionItems(store: PanelStore, connection: ConnectionView): MenuItem[] {
  const n = connection.ordinal;
  return [
    { id: 'copy-url', label: t('menu_copy_url'), run: () => void copyText(connection.url) },
    { id: 'copy-curl', label: t('menu_copy_curl'), run: () => void copyText(curlOf(connection)) },
    ...(hasMasked(connection)
      ? [
          {
            id: 'copy-curl-secrets',
            label: t('menu_copy_curl_secrets'),
            run: () => void store.secrets.unmasked(connection).then((whole) => copyText(curlOf(whole))),
          },
        ]
      : []),
    {
      id: 'copy-fetch',
      label:
        connection.kind === 'eventsource' && !connection.request ? t('menu_copy_event_source') : t('menu_copy_fetch'),
      run: () => void copyText(fetchOf(connection)),
    },
    { id: 'copy-msw', label: t('menu_copy_msw'), run: () => copyAsTest(store, connection, toMswHandler) },
    {
      id: 'copy-playwright',
      label: t('menu_copy_playwright'),
      run: () => copyAsTest(store, connection, toPlaywrightRoute),
    },
    replayItem(connection, () => connectionFile(store, connection).connections[0]),
    ...faultItems(store, connection),
    {
      id: 'only-connection',
      label: t('menu_only_connection', { n: String(n) }),
      run: () => {
        store.connections.value = new Set([connection.key]);
      },
    },
    {
      id: 'export-connection',
      label: t('menu_export_connection', { n: String(n) }),
      run: () => saveExport(connectionFile(store, connection), 'json'),
    },
    {
      id: 'export-sse',
      label: t('menu_export_sse', { n: String(n) }),
      run: () => saveExport(connectionFile(store, connection), connection.ordinal),
    },
  ];
}

/** Opens the menu of an event row. */
export function openEventMenu(store: PanelStore, event: EventView, x: number, y: number): void {
  const items: MenuItem[] = [
    { id: 'copy-data', label: t('menu_copy_data'), run: () => void copyText(event.data) },
    { id: 'copy-raw', label: t('menu_copy_raw'), run: () => void copyText(event.raw ?? rebuildBlock(event)) },
    {
      id: 'filter-type',
      label: t('menu_only_type', { type: event.type }),
      run: () => {
        store.types.value = new Set([event.type]);
      },
    },
    ...connectionItems(store, event.connection),
  ];
  menu.value = { x, y, items };
}

/** Opens the connections table's header menu: each column that can be hidden, ticked when shown. */
export function openColumnsMenu(x: number, y: number): void {
  const hidden = new Set(settings.value.hiddenColumns);
  const items = Object.entries(HIDEABLE_COLUMNS).map(
    ([col, name]): MenuItem => ({
      id: `column-${col}`,
      label: `${hidden.has(col) ? '\u2003' : '✓'} ${t(name)}`,
      run: () => {
        const next = new Set(settings.value.hiddenColumns);
        if (next.has(col)) next.delete(col);
        else next.add(col);
        changeSettings({ hiddenColumns: [...next] });
      },
    }),
  );
  if (Object.keys(settings.value.columnWidths.connections).length > 0)
    items.push({
      id: 'fit-columns',
      label: t('menu_fit_columns'),
      run: () => changeSettings({ columnWidths: { ...settings.value.columnWidths, connections: {} } }),
    });
  menu.value = { x, y, items };
}

/** Opens the menu of a connection row. */
export function openConnectionMenu(store: PanelStore, connection: ConnectionView, x: number, y: number): void {
  menu.value = { x, y, items: connectionItems(store, connection) };
}

export function ContextMenu() {
  const state = menu.value;
  const box = useRef<HTMLDivElement>(null);
  const close = useCallback(() => {
    menu.value = undefined;
  }, []);
  useDismiss(state !== undefined, close, box);
  if (!state) return null;
  // Kept inside the window: a menu opened near the right or bottom edge opens the other way.
  const left = Math.max(0, Math.min(state.x, window.innerWidth - 280));
  const top = Math.max(0, Math.min(state.y, window.innerHeight - state.items.length * 26 - 12));
  return (
    <div
      class="menu context-menu"
      role="menu"
      data-context-menu
      ref={box}
      style={{ left: `${left}px`, top: `${top}px` }}
    >
      {state.items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          class="link"
          data-menu-item={item.id}
          disabled={item.disabled !== undefined}
          title={item.disabled}
          onClick={() => {
            close();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
