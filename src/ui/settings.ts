/**
 * The panel's settings, kept in the extension's localStorage so every panel (each DevTools window,
 * each `panel.html` tab) opens the way the user left it.
 */
import { effect, signal } from '@preact/signals';
import { insightSettings } from '../core/insights/settings';

export type TimeFormat = 'relative' | 'absolute';
export type ThemeSetting = 'auto' | 'light' | 'dark';

/** Columns the connections table sorts by (a click on the header; again for the other way). */
const SORT_COLUMNS = [
  'ordinal',
  'kind',
  'url',
  'state',
  'status',
  'events',
  'rate',
  'bytes',
  'duration',
  'last',
  'reconnects',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/** Columns of the connections table that can be hidden (right-click a header), with their names. */
export const HIDEABLE_COLUMNS: Record<string, string> = {
  kind: 'Kind',
  frame: 'Frame',
  status: 'Status',
  events: 'Events',
  rate: 'Rate',
  bytes: 'Bytes',
  duration: 'Duration',
  age: 'Last event',
  reconnects: 'Reconnects',
  first: 'First event',
  health: 'Health',
  listening: 'Listens for',
};

export interface Settings {
  timeFormat: TimeFormat;
  /** Columns of the connections table the user hid. */
  hiddenColumns: string[];
  /** How the connections table is sorted (by creation, the default). */
  connectionSort: { column: SortColumn; descending: boolean };
  theme: ThemeSetting;
  preserveLog: boolean;
  /** A gap between events over this many seconds is a stall, whatever the connection's usual gap. */
  stallSeconds: number;
}

const KEY = 'sse-scope:settings';
const DEFAULTS: Settings = {
  timeFormat: 'relative',
  connectionSort: { column: 'ordinal', descending: false },
  hiddenColumns: [],
  theme: 'auto',
  preserveLog: false,
  stallSeconds: 30,
};

function load(): Settings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>;
    return {
      timeFormat: saved.timeFormat === 'absolute' ? 'absolute' : 'relative',
      connectionSort: {
        column: SORT_COLUMNS.find((c) => c === saved.connectionSort?.column) ?? 'ordinal',
        descending: saved.connectionSort?.descending === true,
      },
      hiddenColumns: Array.isArray(saved.hiddenColumns)
        ? saved.hiddenColumns.filter((c) => typeof c === 'string' && Object.hasOwn(HIDEABLE_COLUMNS, c))
        : [],
      theme: saved.theme === 'light' || saved.theme === 'dark' ? saved.theme : 'auto',
      preserveLog: saved.preserveLog === true,
      stallSeconds:
        typeof saved.stallSeconds === 'number' && saved.stallSeconds >= 1 && saved.stallSeconds <= 3600
          ? saved.stallSeconds
          : DEFAULTS.stallSeconds,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export const settings = signal<Settings>(load());

export function changeSettings(change: Partial<Settings>): void {
  settings.value = { ...settings.value, ...change };
}

effect(() => {
  insightSettings.stallMs = settings.value.stallSeconds * 1000;
  try {
    localStorage.setItem(KEY, JSON.stringify(settings.value));
  } catch {
    // Storage full or disabled: the settings last as long as the panel.
  }
});
