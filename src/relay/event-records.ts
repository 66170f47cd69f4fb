/**
 * The records of the page's EventSource events, made in the relay's world from the columns the
 * page hook read them into (`PageEventColumns`, ../page/event-source-queue): every value checked,
 * texts cut to what is kept. An event that does not pass is counted, not kept; the rest are.
 */

import { LIMITS, utf8Length } from '../core/limits';
import type { EventRecord, PageRecord } from '../core/model';
import { isTime, validatePageRecord } from '../core/validate-record';
import type { PageEventColumns } from '../messages/messages';

const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/** An event's record, its texts cut to what is kept (a cut event says how large it was). */
function eventRecord(
  conn: number,
  time: number,
  type: string,
  data: string,
  lastEventId: string,
  origin: string,
): EventRecord {
  const record: EventRecord = {
    kind: 'event',
    time,
    conn,
    type: cut(type, LIMITS.shortTextChars),
    data: cut(data, LIMITS.eventDataChars),
    lastEventId: cut(lastEventId, LIMITS.shortTextChars),
    origin: cut(origin, LIMITS.urlChars),
  };
  if (data.length > LIMITS.eventDataChars) record.originalSize = utf8Length(data);
  return record;
}

const isList = (x: unknown, length: number): x is unknown[] => Array.isArray(x) && x.length === length;
/** Strings only, every index there (`every` would pass over a hole). */
function isTable(table: unknown[]): boolean {
  for (let i = 0; i < table.length; i++) {
    const text = table[i];
    if (typeof text !== 'string' || text.length > LIMITS.urlChars) return false;
  }
  return true;
}
const isIndex = (x: unknown, below: number): x is number =>
  Number.isInteger(x) && (x as number) >= 0 && (x as number) < below;

/**
 * The records of a message of the page hook's `events` columns, in order, and how many it had that
 * did not pass; null when the message's shape is wrong (all of it is then refused).
 */
export function recordsOfColumns(x: Record<string, unknown>): { records: PageRecord[]; rejected: number } | null {
  const { conns, times, data, types, ids, origins, table, at, records } = x as Partial<
    Record<keyof PageEventColumns, unknown>
  >;
  if (!Array.isArray(conns) || !Array.isArray(table) || !Array.isArray(at) || !Array.isArray(records)) return null;
  const n = conns.length;
  if (
    n + records.length > LIMITS.batchRecords ||
    table.length > 2 * n ||
    at.length !== records.length ||
    !isList(times, n) ||
    !isList(data, n) ||
    !isList(types, n) ||
    !isList(ids, n) ||
    !isList(origins, n) ||
    !isTable(table)
  )
    return null;
  const out: PageRecord[] = [];
  let rejected = 0;
  let k = 0;
  for (let i = 0; i <= n; i++) {
    for (; k < at.length && at[k] === i; k++) {
      const record = validatePageRecord(records[k]);
      if (record) out.push(record);
      else rejected++;
    }
    if (i === n) break;
    const conn = conns[i];
    const time = times[i];
    const text = data[i];
    const type = types[i];
    const id = ids[i];
    const origin = origins[i];
    if (
      !Number.isSafeInteger(conn) ||
      (conn as number) < 1 ||
      !isTime(time) ||
      typeof text !== 'string' ||
      !isIndex(type, table.length) ||
      typeof id !== 'string' ||
      !isIndex(origin, table.length)
    ) {
      rejected++;
      continue;
    }
    out.push(eventRecord(conn as number, time, table[type] as string, text, id, table[origin] as string));
  }
  // Records placed anywhere but before an event, or after the last, are not the hook's.
  rejected += at.length - k;
  return { records: out, rejected };
}
