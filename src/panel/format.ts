/** How the panel writes times, sizes and states. */
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

/** The badge text of a connection's state. */
export function stateLabel(connection: ConnectionView): string {
  return connection.state === 'reconnecting' ? `reconnecting #${connection.attempt}` : connection.state;
}

/** What the state means, in a sentence, for the badge's tooltip. */
export function stateDescription(connection: ConnectionView): string {
  switch (connection.state) {
    case 'connecting':
      return 'Connecting: waiting for the server to answer.';
    case 'open':
      return connection.reconnects > 0
        ? `Open, after ${connection.reconnects} reconnect${connection.reconnects === 1 ? '' : 's'}.`
        : 'Open: receiving events.';
    case 'reconnecting':
      return `Reconnecting (attempt ${connection.attempt}): the stream ended or dropped; the browser retries after the retry delay, sending Last-Event-ID.`;
    case 'failed':
      return 'Failed: the browser gave up and will not reconnect. The response was not 200 with Content-Type text/event-stream (an HTTP 204 stops a stream this way), or CORS or the network failed. The page cannot see which.';
    case 'closed':
      return 'Closed by the page: it called close().';
  }
}
