/**
 * The columns the page hook writes its EventSources' read events into, one message at a time
 * (`PageEventColumns`), and the record of an event the page dispatched itself.
 *
 * Nothing here has a prototype: the message goes to JSON, and no getter or `toJSON` a page adds to
 * `Object.prototype` or `Array.prototype` is ever met.
 */

import { LIMITS } from '../core/limits';
import type { PageRecord } from '../core/model';
import { BRAND, MESSAGES_VERSION, type PageToRelay } from '../messages/messages';
import { accessor, read, slice } from './natives';

/** A message holds at most this much data (UTF-16 code units). */
const BATCH_CHARS = 1 << 20;

const setPrototypeOf = Object.setPrototypeOf;
export const nullProto = <T extends object>(value: T): T => setPrototypeOf(value, null) as T;
export const list = <T>(): T[] => setPrototypeOf([], null) as T[];
const cut = (text: string, max: number) => (text.length > max ? slice(text, 0, max) : text);

export const messageFields = {
  data: accessor(MessageEvent.prototype, 'data'),
  lastEventId: accessor(MessageEvent.prototype, 'lastEventId'),
  origin: accessor(MessageEvent.prototype, 'origin'),
};

export class EventColumns {
  private conns = list<number>();
  private times = list<number>();
  private data = list<string>();
  private types = list<number>();
  private ids = list<string>();
  private origins = list<number>();
  private table = list<string>();
  private at = list<number>();
  private records = list<PageRecord>();
  private tableIndex: Record<string, number> = nullProto({});
  private n = 0;
  private chars = 0;

  constructor(private readonly post: (message: PageToRelay) => void) {}

  event(conn: number, time: number, type: string, data: string, id: string, origin: string): void {
    const n = this.n;
    this.conns[n] = conn;
    this.times[n] = time;
    this.data[n] = data;
    this.types[n] = this.indexOf(type);
    this.ids[n] = id;
    this.origins[n] = this.indexOf(origin);
    this.n = n + 1;
    this.chars += data.length;
    if (n + 1 + this.records.length >= LIMITS.batchRecords || this.chars >= BATCH_CHARS) this.send();
  }

  /** A record of ours, in its place among the events. */
  record(record: PageRecord): void {
    this.at[this.at.length] = this.n;
    this.records[this.records.length] = nullProto(record);
    if (this.n + this.records.length >= LIMITS.batchRecords) this.send();
  }

  /** Posts what it holds, if anything, and starts afresh. */
  send(): void {
    if (this.n + this.records.length === 0) return;
    const { conns, times, data, types, ids, origins, table, at, records } = this;
    const message = { brand: BRAND, v: MESSAGES_VERSION, type: 'events', conns, times, data, types, ids };
    this.post(nullProto({ ...message, origins, table, at, records }) as PageToRelay);
    this.conns = list();
    this.times = list();
    this.data = list();
    this.types = list();
    this.ids = list();
    this.origins = list();
    this.table = list();
    this.at = list();
    this.records = list();
    this.tableIndex = nullProto({});
    this.n = 0;
    this.chars = 0;
  }

  private indexOf(text: string): number {
    const known = this.tableIndex[text];
    if (known !== undefined) return known;
    const index = this.table.length;
    this.table[index] = text;
    this.tableIndex[text] = index;
    return index;
  }
}

/** A field of an event that may not be a MessageEvent, or undefined. */
function field(getter: (this: unknown) => unknown, event: object): unknown {
  try {
    return read<unknown>(getter, event);
  } catch {
    return undefined;
  }
}

/** Whether an event is a MessageEvent (a server's event named `open` or `error` is one; the browser's own are not). */
export function isMessageEvent(event: Event): boolean {
  try {
    read(messageFields.data, event);
    return true;
  } catch {
    return false;
  }
}

/** The page's own event, dispatched on its EventSource: what it carries, said to be the page's. */
export function pageOwnEvent(conn: number, time: number, type: string, event: Event): PageRecord {
  const value = field(messageFields.data, event);
  const id = field(messageFields.lastEventId, event);
  const origin = field(messageFields.origin, event);
  const data = typeof value === 'string' ? value : value === undefined ? '' : `[${typeof value}]`;
  return nullProto<PageRecord>({
    kind: 'event',
    time,
    conn,
    type: cut(type, LIMITS.shortTextChars),
    data: cut(data, LIMITS.eventDataChars),
    lastEventId: typeof id === 'string' ? cut(id, LIMITS.shortTextChars) : '',
    origin: typeof origin === 'string' ? cut(origin, LIMITS.urlChars) : '',
    synthetic: true,
  });
}

export { cut as cutText };
