/** How the panel writes times, sizes and states. */

import { type MessageKey, t, tn, words } from './i18n';
import type { ConnectionState } from './model';
import { partitionPoint } from './partition';
import type { ConnectionView } from './store/views';

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
 * A URL's origin and the rest (path, query, fragment), for cells that cut the origin before the
 * path when space runs out: the path is the part that tells streams apart.
 */
export function splitUrl(url: string): { origin: string; rest: string } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is.exec(url);
  return match ? { origin: match[1] as string, rest: match[2] as string } : { origin: '', rest: url };
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

/** An ALPN protocol id as people write it: `h2` → HTTP/2; undefined when it is not known. */
export function protocolName(protocol: string | undefined): string | undefined {
  if (protocol === undefined || protocol === '') return undefined;
  const known: Record<string, string> = { 'http/1.0': 'HTTP/1.0', 'http/1.1': 'HTTP/1.1', h2: 'HTTP/2', h3: 'HTTP/3' };
  return known[protocol.toLowerCase()] ?? (protocol.toLowerCase().startsWith('h3') ? 'HTTP/3' : protocol);
}

export interface StateDescription {
  /** The badge text. */
  label: string;
  /** The badge colour: the state, or `closed` for a server that stopped the stream on purpose. */
  tone: ConnectionState;
  /** What it means, in a sentence or two, for the badge's tooltip. */
  text: string;
}

/** Why a connection failed, when the network layer (or the page's resource timing) saw its last response. */
function failure(connection: ConnectionView): StateDescription {
  const description = failureOf(connection);
  if (connection.response?.via !== 'timing') return description;
  return {
    ...description,
    text: t('state_told_by_timing', { text: description.text }),
  };
}

function failureOf(connection: ConnectionView): StateDescription {
  const response = connection.response;
  const status = response?.status;
  const type = response?.contentType;
  if (status === 204) {
    return { label: t('state_stopped_204'), tone: 'closed', text: t('state_stopped_204_text') };
  }
  if (response?.error !== undefined)
    return { label: t('state_failed'), tone: 'failed', text: t('state_failed_error_text', { error: response.error }) };
  if (status !== undefined && status !== 200) {
    return {
      label: t('state_failed_status', { status: String(status) }),
      tone: 'failed',
      text: t('state_failed_status_text', { status: String(status) }),
    };
  }
  if (status === 200 && !/^text\/event-stream\b/i.test(type ?? '')) {
    return {
      label: t('state_failed_type'),
      tone: 'failed',
      text: type ? t('state_failed_type_text', { type }) : t('state_failed_no_type_text'),
    };
  }
  if (response === undefined)
    // Nothing saw its response: it may have failed, or a 204 may have stopped it on purpose.
    return { label: t('state_ended'), tone: 'closed', text: t('state_ended_unwatched_text') };
  return { label: t('state_failed'), tone: 'failed', text: t('state_failed_unknown_text') };
}

/** How a fetch or XHR stream stands: read to the end, ended by the page, or failed. */
function describeStream(connection: ConnectionView): StateDescription | undefined {
  if (connection.kind === 'eventsource') return undefined;
  const error = connection.endError;
  const withError = (key: MessageKey, errorKey: MessageKey) => (error === undefined ? t(key) : t(errorKey, { error }));
  switch (connection.endReason) {
    case 'complete':
      return { label: t('state_complete'), tone: 'closed', text: t('state_complete_text') };
    case 'aborted':
      return {
        label: t('state_aborted'),
        tone: 'closed',
        text: withError('state_aborted_text', 'state_aborted_error_text'),
      };
    case 'cancelled':
      return { label: t('state_cancelled'), tone: 'closed', text: t('state_cancelled_text') };
    case 'error':
      return {
        label: t('state_failed'),
        tone: 'failed',
        text: withError('state_broke_off_text', 'state_broke_off_error_text'),
      };
    default:
      if (connection.state === 'failed')
        return {
          label: t('state_failed'),
          tone: 'failed',
          text: withError('state_failed_early_text', 'state_failed_early_error_text'),
        };
      if (connection.state === 'open') return { label: t('state_open'), tone: 'open', text: t('state_open_body_text') };
      return undefined;
  }
}

export function describeState(connection: ConnectionView): StateDescription {
  if (connection.endReason === 'unloaded') {
    return { label: t('state_gone'), tone: 'closed', text: t('state_gone_ended_text') };
  }
  const live = connection.state === 'connecting' || connection.state === 'open' || connection.state === 'reconnecting';
  if (connection.gone && live && connection.endReason === undefined) {
    return { label: t('state_gone'), tone: 'closed', text: t('state_gone_text') };
  }
  const stream = describeStream(connection);
  if (stream) return stream;
  switch (connection.state) {
    case 'connecting':
      return { label: t('state_connecting'), tone: 'connecting', text: t('state_connecting_text') };
    case 'open': {
      const n = connection.reconnects;
      const text = n > 0 ? tn('state_open_after_reconnects', n) : t('state_open_text');
      return { label: t('state_open'), tone: 'open', text };
    }
    case 'reconnecting': {
      const sent = connection.response?.lastEventId;
      const attempt = connection.attempt;
      return {
        label: t('state_reconnecting', { attempt }),
        tone: 'reconnecting',
        text:
          sent === undefined
            ? t('state_reconnecting_text', { attempt })
            : t('state_reconnecting_sent_text', { attempt, id: sent }),
      };
    }
    case 'failed':
      return failure(connection);
    case 'closed':
      return { label: t('state_closed'), tone: 'closed', text: t('state_closed_text') };
  }
}

/** The Status cell's tooltip: what answered, and the Last-Event-ID the request sent. */
export function responseDetail(connection: ConnectionView): string | undefined {
  // A worker's stream (network capture) has the network's view of each request, its latest last.
  const stream = connection.worker ? undefined : connection.streamResponse;
  if (stream) return t('response_from', { status: `${stream.status} ${stream.statusText}`.trim(), url: stream.url });
  const response = connection.response;
  if (!response) return undefined;
  const status = String(response.status);
  const answer =
    response.error ??
    (response.via === 'timing'
      ? t('response_from_timing', { status, url: response.url })
      : t('response_from', { status, url: response.url }));
  return response.lastEventId === undefined
    ? answer
    : t('response_sent_last_event_id', { answer, id: response.lastEventId });
}

/** The latest response's status, or its network error, as the Status column shows it. */
export function responseLabel(connection: ConnectionView): string {
  if (connection.streamResponse && !connection.worker) return String(connection.streamResponse.status);
  const response = connection.response;
  if (!response) return '';
  if (response.error !== undefined) return response.error.replace(/^net::/, '');
  return response.status === undefined ? '' : String(response.status);
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
