import type { EventView } from './capture-store';
import { formatBytes, formatClock } from './format';

export function EventDetail({ event }: { event: EventView }) {
  return (
    <section class="detail" aria-label="Selected event">
      <header>
        <span>{formatClock(event.time)}</span>
        <span>#{event.connection.ordinal}</span>
        <span>type {event.type}</span>
        {event.lastEventId !== '' && <span>id {event.lastEventId}</span>}
        <span>origin {event.origin}</span>
        <span>{formatBytes(event.size)}</span>
        {event.originalSize !== undefined && (
          <span class="warn">too large: kept the first {event.data.length.toLocaleString()} characters</span>
        )}
        {event.synthetic && <span class="warn">dispatched by the page, not received</span>}
      </header>
      <pre class="data">{event.data}</pre>
    </section>
  );
}
