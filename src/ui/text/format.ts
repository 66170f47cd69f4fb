/** How the panel and the popup write times, sizes and rates, cut a page's long strings, and colour event types. */

import { partitionPoint } from '../../core/partition';
import { words } from './catalogue';

/** Local wall-clock time with milliseconds: 14:03:07.215. */
export function formatClock(epochMs: number): string {
  return words().clock(epochMs);
}

/** A time after `from`, in ms with one decimal: +12.5 ms; a dash when it is not known. */
export function formatOffset(from: number, time: number | undefined): string {
  return time === undefined ? '–' : `+${words().milliseconds(time - from, 1)}`;
}

export function formatBytes(bytes: number): string {
  return words().bytes(bytes);
}

/**
 * A URL as DevTools' Network panel names a request: its last path segment with the query and
 * fragment (the part that tells streams apart), after the lead (origin and leading path) that a
 * narrow cell gives up first. A URL with no path segment is all name.
 */
export function urlName(url: string): { lead: string; name: string } {
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path)?.[0].length ?? 0;
  // A trailing slash stays with its segment ("chat/"), as DevTools shows it.
  const cut = path.lastIndexOf('/', path.length - 2);
  if (cut < authority) return { lead: '', name: url };
  return { lead: url.slice(0, cut + 1), name: url.slice(cut + 1) };
}

/**
 * The most of a page's string (a type, an id, a URL, the types a connection listens for) that a
 * table cell, a chip or a tooltip shows: a page's 65,000-character strings, by the thousand, would
 * otherwise cost the panel seconds of layout at every render. The detail pane shows them whole.
 */
export const SHOWN_CHARS = 2048;

/** A page's string as a cell shows it: cut to SHOWN_CHARS, and saying so. */
export function shown(text: string): string {
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

/** A text cut in the middle to `max` characters (a long URL keeps its start and its end). */
export function middleCut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** Time since the first event: +0.000 s, +12.345 s, +3:07.215 past a minute. */
export function formatRelative(ms: number): string {
  return words().relative(ms);
}

/** A span of time, short: 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
export function formatDuration(ms: number): string {
  return words().duration(ms);
}

/** Local date and time with milliseconds, for tooltips. */
export function formatDateTime(epochMs: number): string {
  return words().dateTime(epochMs);
}

/** Events per second over the last `windowMs`, from a connection's event times. */
export function eventRate(times: readonly number[], now: number, windowMs = 10_000): number {
  const low = partitionPoint(times.length, (i) => (times[i] as number) < now - windowMs);
  return ((times.length - low) * 1000) / windowMs;
}

export function formatRate(perSecond: number): string {
  return words().rate(perSecond);
}

const PALETTE = [
  '#1a73e8',
  '#e37400',
  '#12b5cb',
  '#9334e6',
  '#d01884',
  '#188038',
  '#b31412',
  '#7cb342',
  '#f29900',
  '#3949ab',
  '#8d6e63',
  '#00897b',
];

/** Names streams use most, each given a colour of its own (a hash would let two of them share one). */
const COMMON_TYPES = new Map<string, number>([
  ['ping', 1],
  ['update', 2],
  ['delta', 3],
  ['tick', 4],
  ['done', 5],
  ['error', 6],
  ['progress', 7],
  ['alert', 8],
  ['end', 9],
  ['heartbeat', 10],
  ['status', 11],
]);

/**
 * A type's colour on the timeline and its chip: `message` is always blue, the commonest names have
 * one each, and any other type's comes from its name alone (FNV-1a), so a type has the same colour
 * live, imported, and in another panel.
 */
export function typeColor(type: string): string {
  if (type === 'message') return PALETTE[0] as string;
  const common = COMMON_TYPES.get(type);
  if (common !== undefined) return PALETTE[common] as string;
  let hash = 0x811c9dc5;
  // What a chip shows of it is enough to tell it apart (a page may listen for thousands of 65,000-character types).
  const end = Math.min(type.length, SHOWN_CHARS);
  for (let i = 0; i < end; i++) hash = Math.imul(hash ^ type.charCodeAt(i), 0x01000193) >>> 0;
  return PALETTE[1 + (hash % (PALETTE.length - 1))] as string;
}
