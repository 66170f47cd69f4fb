/** What the panel shows of workers.html's streams (a row a connection), in Chromium and Firefox alike. */
import type { PanelConnection } from '../harness/panel-reader';

/** Each worker's EventSource (one connection over its reconnect, stopped by the 204) and its fetch. */
export const WORKER_ROWS = [
  ['Dedicated worker stream-worker.js', 'EventSource', '/sse/worker?who=dw', 'stopped (204)', 2, '4'],
  ['Shared worker stream-worker.js', 'EventSource', '/sse/worker?who=shw', 'stopped (204)', 2, '4'],
  ['Service worker stream-worker.js', 'EventSource', '/sse/worker?who=sw', 'stopped (204)', 2, '4'],
  ['Dedicated worker stream-worker.js', 'fetch GET', '/sse/worker-fetch?who=dw', 'complete', 0, '2'],
  ['Shared worker stream-worker.js', 'fetch GET', '/sse/worker-fetch?who=shw', 'complete', 0, '2'],
  ['Service worker stream-worker.js', 'fetch GET', '/sse/worker-fetch?who=sw', 'complete', 0, '2'],
];

/** The panel's connections as WORKER_ROWS writes them; `badge` reads a badge the browser words its own way. */
export function workerRows(
  connections: PanelConnection[],
  origin: string,
  badge: (text: string) => string = (text) => text,
): (string | number)[][] {
  return connections
    .map((c) => [c.frame, c.kind, c.url.replace(origin, ''), badge(c.badge), c.reconnects, c.events])
    .sort((a, b) => `${a[1]} ${a[2]}`.localeCompare(`${b[1]} ${b[2]}`));
}
