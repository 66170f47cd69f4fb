/** How the panel writes times, sizes and states. */
import type { ConnectionState } from '../model';
import type { ConnectionView } from './capture-store';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall-clock time with milliseconds: 14:03:07.215. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
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

/** Why a connection failed, when the network layer saw its last response. */
function failure(connection: ConnectionView): StateDescription {
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
  return {
    label: 'failed',
    tone: 'failed',
    text: `Failed: the browser gave up. The response was not 200 with Content-Type text/event-stream (an HTTP 204 stops a stream this way too), or CORS or the network failed; open the panel before the failure to see which. ${GIVES_UP}`,
  };
}

export function describeState(connection: ConnectionView): StateDescription {
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
  const response = connection.response;
  if (!response) return undefined;
  const answer = response.error ?? `HTTP ${response.status} from ${response.url}`;
  return response.lastEventId === undefined
    ? answer
    : `${answer}; the request sent Last-Event-ID: ${response.lastEventId}`;
}

/** The latest response's status, or its network error, as the Status column shows it. */
export function responseLabel(connection: ConnectionView): string {
  const response = connection.response;
  if (!response) return '';
  if (response.error !== undefined) return response.error.replace(/^net::/, '');
  return response.status === undefined ? '' : String(response.status);
}
