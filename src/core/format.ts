/** How the panel writes times, sizes and states. */

import type { ConnectionState } from './model';
import { partitionPoint } from './partition';
import type { ConnectionView } from './store/views';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall-clock time with milliseconds: 14:03:07.215. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A time after `from`, in ms with one decimal: +12.5 ms; a dash when it is not known. */
export function formatOffset(from: number, time: number | undefined): string {
  return time === undefined ? '–' : `+${(time - from).toFixed(1)} ms`;
}

export function formatBytes(bytes: number): string {
  // Decimal units, as DevTools' Network panel writes sizes (1 kB = 1,000 B).
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * A URL's origin and the rest (path, query, fragment), for cells that cut the origin before the
 * path when space runs out: the path is the part that tells streams apart.
 */
export function splitUrl(url: string): { origin: string; rest: string } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is.exec(url);
  return match ? { origin: match[1] as string, rest: match[2] as string } : { origin: '', rest: url };
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

const GIVES_UP = 'The browser will not reconnect.';

/** Why a connection failed, when the network layer (or the page's resource timing) saw its last response. */
function failure(connection: ConnectionView): StateDescription {
  const description = failureOf(connection);
  if (connection.response?.via !== 'timing') return description;
  return {
    ...description,
    text: `${description.text} (Told by the page's resource timing, after the fact: no panel watched the request.)`,
  };
}

function failureOf(connection: ConnectionView): StateDescription {
  const response = connection.response;
  const status = response?.status;
  const type = response?.contentType;
  if (status === 204) {
    return {
      label: 'stopped (204)',
      tone: 'closed',
      text: 'Stopped by the server: it answered 204 No Content, which tells the browser to stop reconnecting.',
    };
  }
  if (response?.error !== undefined)
    return { label: 'failed', tone: 'failed', text: `Failed: ${response.error}. ${GIVES_UP}` };
  if (status !== undefined && status !== 200) {
    return {
      label: `failed (${status})`,
      tone: 'failed',
      text: `Failed: the server answered HTTP ${status}; only 200 opens a stream. ${GIVES_UP}`,
    };
  }
  if (status === 200 && !/^text\/event-stream\b/i.test(type ?? '')) {
    return {
      label: 'failed (type)',
      tone: 'failed',
      text: `Failed: the response's Content-Type is ${type ? `"${type}"` : 'missing'}, not text/event-stream. ${GIVES_UP}`,
    };
  }
  if (response === undefined)
    // Nothing saw its response: it may have failed, or a 204 may have stopped it on purpose.
    return {
      label: 'ended',
      tone: 'closed',
      text: `Ended: the browser closed it and will not reconnect. Why is not known: its response came while no panel was watching, and the page's resource timing did not tell its status (Chromium never does for a failed request). A 204 from the server stops a stream this way on purpose; a status other than 200, another Content-Type, CORS or a network failure fails it. Reload the page with the panel open to see which.`,
    };
  return {
    label: 'failed',
    tone: 'failed',
    text: `Failed: the browser gave up. The response was not 200 with Content-Type text/event-stream (an HTTP 204 stops a stream this way too), or CORS or the network failed. ${GIVES_UP}`,
  };
}

/** How a fetch or XHR stream stands: read to the end, ended by the page, or failed. */
function describeStream(connection: ConnectionView): StateDescription | undefined {
  if (connection.kind === 'eventsource') return undefined;
  const error = connection.endError === undefined ? '' : ` (${connection.endError})`;
  switch (connection.endReason) {
    case 'complete':
      return { label: 'complete', tone: 'closed', text: 'Complete: the page read the stream to its end.' };
    case 'aborted':
      return { label: 'aborted', tone: 'closed', text: `Aborted by the page (its AbortSignal)${error}.` };
    case 'cancelled':
      return { label: 'cancelled', tone: 'closed', text: 'Cancelled by the page: it cancelled the body stream.' };
    case 'error':
      return { label: 'failed', tone: 'failed', text: `Failed: the stream broke off${error}.` };
    default:
      if (connection.state === 'failed')
        return { label: 'failed', tone: 'failed', text: `Failed before any response${error}.` };
      if (connection.state === 'open')
        return {
          label: 'open',
          tone: 'open',
          text: 'Open: the response arrived; events show as the page reads the body.',
        };
      return undefined;
  }
}

export function describeState(connection: ConnectionView): StateDescription {
  if (connection.endReason === 'unloaded') {
    return {
      label: 'gone',
      tone: 'closed',
      text: 'Ended with its document: the frame was removed or navigated away, or the page left, and the browser closed the connection. What it captured until then is kept.',
    };
  }
  const live = connection.state === 'connecting' || connection.state === 'open' || connection.state === 'reconnecting';
  if (connection.gone && live && connection.endReason === undefined) {
    return {
      label: 'gone',
      tone: 'closed',
      text: 'Gone with its document: the frame was removed or navigated away, or the page left or sits in the back/forward cache. What it captured until then is kept.',
    };
  }
  const stream = describeStream(connection);
  if (stream) return stream;
  switch (connection.state) {
    case 'connecting':
      return { label: 'connecting', tone: 'connecting', text: 'Connecting: waiting for the server to answer.' };
    case 'open': {
      const n = connection.reconnects;
      const text = n > 0 ? `Open, after ${n} reconnect${n === 1 ? '' : 's'}.` : 'Open: receiving events.';
      return { label: 'open', tone: 'open', text };
    }
    case 'reconnecting': {
      const sent = connection.response?.lastEventId;
      const resume =
        sent === undefined ? 'sending the last event id it saw' : `the last request sent Last-Event-ID: ${sent}`;
      return {
        label: `reconnecting #${connection.attempt}`,
        tone: 'reconnecting',
        text: `Reconnecting (attempt ${connection.attempt}): the stream ended or dropped; the browser retries after the retry delay, ${resume}.`,
      };
    }
    case 'failed':
      return failure(connection);
    case 'closed':
      return { label: 'closed', tone: 'closed', text: 'Closed by the page: it called close().' };
  }
}

/** The Status cell's tooltip: what answered, and the Last-Event-ID the request sent. */
export function responseDetail(connection: ConnectionView): string | undefined {
  // A worker's stream (network capture) has the network's view of each request, its latest last.
  const stream = connection.worker ? undefined : connection.streamResponse;
  if (stream) return `HTTP ${stream.status} ${stream.statusText} from ${stream.url}`;
  const response = connection.response;
  if (!response) return undefined;
  const answer =
    response.error ??
    `HTTP ${response.status} from ${response.url}${response.via === 'timing' ? " (the page's resource timing)" : ''}`;
  return response.lastEventId === undefined
    ? answer
    : `${answer}; the request sent Last-Event-ID: ${response.lastEventId}`;
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
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(3)} s`;
  const minutes = Math.floor(abs / 60_000);
  return `${sign}${minutes}:${pad(Math.floor((abs % 60_000) / 1000))}.${pad(Math.floor(abs % 1000), 3)}`;
}

/** A span of time, short: 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 60_000) return `${(abs / 1000).toFixed(1)} s`;
  if (abs < 3_600_000) return `${Math.floor(abs / 60_000)} min ${pad(Math.floor((abs % 60_000) / 1000))} s`;
  return `${Math.floor(abs / 3_600_000)} h ${pad(Math.floor((abs % 3_600_000) / 60_000))} min`;
}

/** Local date and time with milliseconds, for tooltips. */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatClock(epochMs)}`;
}

/** Events per second over the last `windowMs`, from a connection's event times. */
export function eventRate(times: readonly number[], now: number, windowMs = 10_000): number {
  const low = partitionPoint(times.length, (i) => (times[i] as number) < now - windowMs);
  return ((times.length - low) * 1000) / windowMs;
}

export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0/s';
  if (perSecond < 10) return `${perSecond.toFixed(1)}/s`;
  return `${Math.round(perSecond).toLocaleString('en-US')}/s`;
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
  for (let i = 0; i < type.length; i++) hash = Math.imul(hash ^ type.charCodeAt(i), 0x01000193) >>> 0;
  return PALETTE[1 + (hash % (PALETTE.length - 1))] as string;
}
