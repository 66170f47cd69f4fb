/**
 * The panel's settings, kept in the extension's localStorage so every panel (each DevTools window,
 * each `panel.html` tab) opens the way the user left it.
 */

import { effect, signal } from '@preact/signals';
import type { MessageKey } from './text/catalogue';

export type TimeFormat = 'relative' | 'absolute';
export type ThemeSetting = 'auto' | 'light' | 'dark';
/** The UI's language: the browser's (`auto`) or one the user chose (`LANGUAGES` in i18n.ts lists them). */
export type LanguageSetting = 'auto' | string;

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

/** Columns of the connections table that can be hidden (right-click a header), with their names' keys. */
export const HIDEABLE_COLUMNS: Record<string, MessageKey> = {
  kind: 'column_kind',
  frame: 'column_frame',
  status: 'column_status',
  events: 'column_events',
  rate: 'column_rate',
  bytes: 'column_bytes',
  duration: 'column_duration',
  age: 'column_last_event',
  reconnects: 'column_reconnects',
  first: 'column_first_event',
  health: 'column_health',
  listening: 'column_listening',
};

/** The tables whose columns the user can resize, and each one's columns (the connections': all of them). */
const RESIZABLE_COLUMNS = {
  connections: ['ordinal', 'url', 'state', ...Object.keys(HIDEABLE_COLUMNS)],
  events: ['time', 'connection', 'type', 'id', 'size'],
};
export type ResizableTable = keyof typeof RESIZABLE_COLUMNS;
/** A column is never narrower than this, so that its resizer can still be caught. */
export const MIN_COLUMN_WIDTH = 24;
const MAX_COLUMN_WIDTH = 4000;

/** Widths in CSS pixels the user dragged columns to, by table and column. */
export type ColumnWidths = Record<ResizableTable, Record<string, number>>;

function loadWidths(saved: unknown): ColumnWidths {
  const widths: ColumnWidths = { connections: {}, events: {} };
  for (const table of Object.keys(RESIZABLE_COLUMNS) as ResizableTable[]) {
    const given = (saved as Partial<Record<ResizableTable, Record<string, unknown>>> | undefined)?.[table];
    if (!given || typeof given !== 'object') continue;
    for (const column of RESIZABLE_COLUMNS[table]) {
      const width = given[column];
      if (typeof width === 'number' && width >= MIN_COLUMN_WIDTH && width <= MAX_COLUMN_WIDTH)
        widths[table][column] = Math.round(width);
    }
  }
  return widths;
}

export interface Settings {
  timeFormat: TimeFormat;
  /** Column widths the user chose by dragging a header's edge (none: the columns fit their content). */
  columnWidths: ColumnWidths;
  /** Columns of the connections table the user hid. */
  hiddenColumns: string[];
  /** How the connections table is sorted (by creation, the default). */
  connectionSort: { column: SortColumn; descending: boolean };
  theme: ThemeSetting;
  language: LanguageSetting;
  preserveLog: boolean;
  /** A gap between events over this many seconds is a stall, whatever the connection's usual gap. */
  stallSeconds: number;
}

const KEY = 'sse-scope:settings';
const DEFAULTS: Settings = {
  timeFormat: 'relative',
  connectionSort: { column: 'ordinal', descending: false },
  hiddenColumns: [],
  columnWidths: { connections: {}, events: {} },
  theme: 'auto',
  language: 'auto',
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
      columnWidths: loadWidths(saved.columnWidths),
      theme: saved.theme === 'light' || saved.theme === 'dark' ? saved.theme : 'auto',
      language: typeof saved.language === 'string' && /^[a-z]{2,3}$/.test(saved.language) ? saved.language : 'auto',
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

/** The health checks' settings every capture store of this page is given; written as the user changes them. */
export const insightSettings = { stallMs: settings.peek().stallSeconds * 1000 };

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
