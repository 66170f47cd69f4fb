/**
 * The records of an EventSource's events, made in the relay's world from what its listener took at
 * dispatch (./event-source-capture): texts cut to what is kept, and what a page could have
 * rewritten said so.
 */

import { LIMITS, utf8Length } from '../core/limits';
import { type EventRecord, REWRITTEN_NOTE } from '../core/model';

export interface Tracked {
  conn: number;
  /** Reconnects in a row since the last `open`. */
  attempts: number;
  /** Its events' origin: one response's events share it, so it is read once per response. */
  origin?: string;
}

export const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);
export const TIME_ORIGIN = performance.timeOrigin;
export const now = () => TIME_ORIGIN + performance.now();

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

/**
 * A received event's record, made when the page is idle. A page may re-initialise an event after
 * its dispatch (`initMessageEvent`, which also makes it untrusted): the data and type were taken at
 * dispatch, but its id is then not known, and the record says so rather than show the page's.
 */
export function received(
  connection: Tracked,
  event: MessageEvent,
  data: string,
  type: string,
  origin: string,
): EventRecord {
  const trusted = event.isTrusted;
  const record = eventRecord(
    connection.conn,
    TIME_ORIGIN + event.timeStamp,
    type,
    data,
    trusted ? event.lastEventId : '',
    origin,
  );
  if (!trusted) record.notes = [REWRITTEN_NOTE];
  return record;
}

/** The page's own event, dispatched on its EventSource (rare): read at once. */
export function synthetic(connection: Tracked, event: Event): EventRecord {
  let data = '';
  let lastEventId = '';
  let origin = '';
  if (event instanceof MessageEvent) {
    // A page's own MessageEvent may carry anything; only a string is data as a stream sends it.
    const value: unknown = event.data;
    data = typeof value === 'string' ? value : `[${typeof value}]`;
    lastEventId = event.lastEventId;
    origin = event.origin;
  }
  const record = eventRecord(connection.conn, TIME_ORIGIN + event.timeStamp, event.type, data, lastEventId, origin);
  record.synthetic = true;
  return record;
}
