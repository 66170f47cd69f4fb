/**
 * The page hook's EventSource events on their way to the relay: the columns the hook writes
 * (src/page/event-columns.ts), as JSON over the synchronous line, made into records by the relay
 * (src/relay/event-records.ts). Every record arrives in its place; anything malformed is refused
 * or counted, never kept; nothing in a message meets a `toJSON` or setter a page adds.
 */

import { expect, test } from '@playwright/test';
import { LIMITS } from '../../src/core/limits';
import type { PageRecord } from '../../src/core/model';
import type { PageToRelay } from '../../src/messages/messages';
import { EventColumns } from '../../src/page/event-columns';
import { recordsOfColumns } from '../../src/relay/event-records';

/** What the relay makes of everything posted, each message through JSON as the line carries it. */
function overTheLine(write: (columns: EventColumns) => void): {
  records: PageRecord[];
  rejected: number;
  messages: number;
} {
  const messages: PageToRelay[] = [];
  const columns = new EventColumns((m) => messages.push(m));
  write(columns);
  columns.send();
  const records: PageRecord[] = [];
  let rejected = 0;
  for (const m of messages) {
    const made = recordsOfColumns(JSON.parse(JSON.stringify(m)));
    if (!made) throw new Error('refused');
    records.push(...made.records);
    rejected += made.rejected;
  }
  return { records, rejected, messages: messages.length };
}

const open = (conn: number, time: number): PageRecord => ({ kind: 'lifecycle', time, conn, state: 'open' });
/** A message as the relay receives it: every column there. */
type Columns = Record<'conns' | 'times' | 'data' | 'types' | 'ids' | 'origins' | 'table' | 'at' | 'records', unknown[]>;

const event = (conn: number, time: number, data: string, type = 'message', id = '', origin = 'http://a') =>
  ({ kind: 'event', time, conn, type, data, lastEventId: id, origin }) as PageRecord;

test('events and other records arrive in the order they were read', () => {
  const { records, rejected, messages } = overTheLine((c) => {
    c.record(open(1, 10));
    c.event(1, 11, 'message', 'a', '1', 'http://a');
    c.event(2, 12, 'delta', 'b', '', 'http://b');
    c.record({ kind: 'listen', time: 13, conn: 2, type: 'done' });
    c.record(open(2, 14));
    c.event(1, 15, 'message', 'c', '1', 'http://a');
    c.record({ kind: 'lifecycle', time: 16, conn: 1, state: 'closed' });
  });
  expect(messages).toBe(1);
  expect(rejected).toBe(0);
  expect(records).toEqual([
    open(1, 10),
    event(1, 11, 'a', 'message', '1'),
    event(2, 12, 'b', 'delta', '', 'http://b'),
    { kind: 'listen', time: 13, conn: 2, type: 'done' },
    open(2, 14),
    event(1, 15, 'c', 'message', '1'),
    { kind: 'lifecycle', time: 16, conn: 1, state: 'closed' },
  ]);
});

test('a long read is cut into messages of at most a batch, none lost', () => {
  const n = LIMITS.batchRecords * 2 + 10;
  const { records, messages } = overTheLine((c) => {
    for (let i = 0; i < n; i++) {
      if (i % 1000 === 0) c.record(open(1, i));
      c.event(1, i, 'message', `e${i}`, '', 'http://a');
    }
  });
  expect(messages).toBe(3);
  const expected: PageRecord[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 1000 === 0) expected.push(open(1, i));
    expected.push(event(1, i, `e${i}`));
  }
  expect(records).toEqual(expected);
});

test('an event past the kept size is cut, and says how large it was', () => {
  const big = 'é'.repeat(LIMITS.eventDataChars + 5);
  const { records } = overTheLine((c) => c.event(1, 1, 'message', big, '', 'http://a'));
  expect(records).toHaveLength(1);
  const [record] = records as [Extract<PageRecord, { kind: 'event' }>];
  expect(record.data).toHaveLength(LIMITS.eventDataChars);
  expect(record.originalSize).toBe(2 * (LIMITS.eventDataChars + 5));
});

test('a message without prototypes: a page’s toJSON and setters never run', () => {
  // Not an array of ours: its first push would meet the setter below.
  let posted: PageToRelay | undefined;
  const columns = new EventColumns((m) => {
    posted = m;
  });
  const proto = Object.prototype as { toJSON?: unknown };
  const arrayProto = Array.prototype as unknown as Record<string, unknown>;
  let ran = 0;
  proto.toJSON = () => {
    ran++;
    return 'FORGED';
  };
  Object.defineProperty(arrayProto, '0', {
    configurable: true,
    set() {
      ran++;
    },
  });
  let text = '';
  try {
    columns.record(open(1, 1));
    columns.event(1, 2, 'message', 'a', '', 'http://a');
    columns.send();
    text = JSON.stringify(posted);
  } finally {
    delete proto.toJSON;
    delete arrayProto['0'];
  }
  expect(ran).toBe(0);
  expect(recordsOfColumns(JSON.parse(text))?.records).toEqual([open(1, 1), event(1, 2, 'a')]);
});

test('malformed columns are refused whole; a bad event or record is counted', () => {
  const good = () => {
    const messages: PageToRelay[] = [];
    const columns = new EventColumns((m) => messages.push(m));
    columns.event(1, 1, 'message', 'a', '', 'http://a');
    columns.record(open(1, 2));
    columns.event(1, 3, 'message', 'b', '', 'http://a');
    columns.send();
    return JSON.parse(JSON.stringify(messages[0])) as Columns;
  };
  expect(recordsOfColumns(good())).toEqual({ records: [event(1, 1, 'a'), open(1, 2), event(1, 3, 'b')], rejected: 0 });
  const broken: [string, (m: Columns) => void][] = [
    ['a column short', (m) => m.data?.pop()],
    ['a column missing', (m) => delete (m as Partial<Columns>).times],
    ['records without places', (m) => m.at?.pop()],
    ['a table not of strings', (m) => m.table?.push(1)],
    ['too many', (m) => (m.conns = new Array(LIMITS.batchRecords + 1).fill(1))],
  ];
  for (const [what, breakIt] of broken) {
    const m = good();
    breakIt(m);
    expect(recordsOfColumns(m), what).toBeNull();
  }
  const counted: [string, (m: Columns) => void][] = [
    ['connection 0', (m) => (m.conns[0] = 0)],
    ['a time not a number', (m) => (m.times[0] = '1')],
    ['data not a string', (m) => (m.data[0] = { forged: true })],
    ['a type past the table', (m) => (m.types[0] = 99)],
    ['an origin not an index', (m) => (m.origins[0] = 0.5)],
    ['an id not a string', (m) => (m.ids[0] = 7)],
    ['a record of the relay’s', (m) => (m.records[0] = { kind: 'unsent', time: 2, conn: 0, records: 1 })],
    ['a record out of place', (m) => (m.at[0] = 5)],
  ];
  for (const [what, breakIt] of counted) {
    const m = good();
    breakIt(m);
    expect(recordsOfColumns(m)?.rejected, what).toBe(1);
    expect(recordsOfColumns(m)?.records, what).toHaveLength(2);
  }
});
