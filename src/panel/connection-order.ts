/**
 * The order of the connections table: by the column the user chose, either way, ties by creation
 * (as DevTools' Network panel sorts).
 */
import type { ConnectionView } from '../core/store/views';
import { type SortColumn, settings } from '../ui/settings';
import { eventRate } from '../ui/text/format';
import { describeState, responseLabel } from '../ui/text/states';

export function isLive(connection: ConnectionView): boolean {
  return connection.endedAt === undefined && !connection.gone;
}

/** What each sortable column sorts by. */
const SORT_KEYS: Record<SortColumn, (c: ConnectionView, now: number) => number | string> = {
  ordinal: (c) => c.ordinal,
  kind: (c) => `${c.kind} ${c.request?.method ?? ''}`,
  url: (c) => c.url,
  state: (c) => describeState(c).label,
  status: (c) => responseLabel(c),
  events: (c) => c.events,
  rate: (c, now) => (isLive(c) ? eventRate(c.times, now) : -1),
  bytes: (c) => c.bytes,
  duration: (c, now) => (c.endedAt ?? now) - (c.lifecycle[0]?.from ?? c.createdAt),
  last: (c, now) => (c.lastEventAt === undefined ? Number.POSITIVE_INFINITY : now - c.lastEventAt),
  reconnects: (c) => c.reconnects,
};

/** The connections in the table's order: by the chosen column, ties by creation. */
export function sorted(connections: readonly ConnectionView[], now: number): readonly ConnectionView[] {
  const { column, descending } = settings.value.connectionSort;
  if (column === 'ordinal' && !descending) return connections;
  const key = SORT_KEYS[column];
  const sign = descending ? -1 : 1;
  return [...connections].sort((a, b) => {
    const x = key(a, now);
    const y = key(b, now);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order === 0 ? a.ordinal - b.ordinal : sign * order;
  });
}
