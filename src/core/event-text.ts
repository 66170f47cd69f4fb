/** An event as text: its JSON, and its block as a server could have sent it (the detail pane, the exports). */
import type { EventView } from './store/views';

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/**
 * The event as a server could have sent it: `event:` unless the type is `message`, `id:` when the
 * event changed the last event id, and one `data:` line per line of data. EventSource does not
 * expose the bytes, so comments, `retry:` fields, an `id:` repeating the previous one and the line
 * endings are not known; the panel labels this text as rebuilt. Parsing it gives the same event.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function rebuildBlock(event: Pick<EventView, 'type' | 'data' | 'lastEventId' | 'idChanged'>): string {
  const lines: string[] = [];
  if (event.type !== 'message') lines.push(`event: ${event.type}`);
  if (event.idChanged) lines.push(event.lastEventId === '' ? 'id' : `id: ${event.lastEventId}`);
  for (const line of event.data.split('\n')) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}
