import { expect, test } from '@playwright/test';
import { EventFilter, type FilterSpec, isPlain, lifecycleIndex, NO_FILTER } from '../../src/core/event-filter';
import { matchesQuery, parseQuery } from '../../src/core/filter-query';
import type { EventRecord, FrameDocument } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import type { EventView } from '../../src/core/store/views';
import { connectionRecord, eventRecord, numbered } from '../support/records';

const top: FrameDocument = { docId: 'd', url: 'http://a/', top: true, activatedAt: 1, frameId: 0 };

const typed = (conn: number, type: string, data: string, time: number): EventRecord => ({
  ...eventRecord(conn, data, time),
  type,
});

/** Two connections: #1 sends messages and ticks, #2 sends status. */
function capture(): CaptureStore {
  const store = new CaptureStore();
  store.addDocument(top);
  store.addRecords(
    'd',
    numbered([
      connectionRecord(1, 1),
      connectionRecord(2, 2),
      typed(1, 'message', '{"user":"Ada"}', 10),
      typed(1, 'tick', 'alpha 1', 20),
      typed(2, 'status', 'green', 30),
      typed(1, 'tick', 'alpha 2', 40),
      typed(2, 'status', 'amber', 50),
    ]),
  );
  return store;
}

const shown = (store: CaptureStore, filter: EventFilter) => filter.rows.map((row) => store.events[row]?.data);
const spec = (change: Partial<FilterSpec>): FilterSpec => ({ ...NO_FILTER, ...change });

test('parseQuery: plain text, /regex/flags, and a bad expression reported', () => {
  expect(parseQuery('  ')).toEqual({ kind: 'none' });
  const event = (data: string) =>
    ({ data, type: 'message', lastEventId: '', connection: { url: 'http://a/' } }) as EventView;
  const text = parseQuery('a.b (c)');
  expect(text.kind).toBe('terms');
  expect(matchesQuery(text, event('xx A.B (C) yy'))).toBe(true);
  expect(matchesQuery(text, event('axb c'))).toBe(false);
  const regex = parseQuery('/^al+pha \\d$/gi');
  expect(regex.kind === 'terms' && regex.terms.map((t) => [t.field, t.negate, t.regex.flags])).toEqual([
    ['data', false, 'i'],
  ]);
  expect([matchesQuery(regex, event('ALPHA 1')), matchesQuery(regex, event('ALPHA 1'))]).toEqual([true, true]);
  // The browser's own message, once (it names itself).
  expect(parseQuery('/(/')).toEqual({
    kind: 'invalid',
    text: '/(/',
    message: 'Invalid regular expression: /(/: Unterminated group',
  });
  expect(parseQuery('/').kind).toBe('terms');
  expect(parseQuery('//').kind).toBe('terms');
});

test('parseQuery: Network-style terms — type:, id: (exact), url: (anywhere), -exclusion, "quoted values", all of them at once', () => {
  const event = (type: string, lastEventId: string, url: string, data: string) =>
    ({ type, lastEventId, data, connection: { url } }) as EventView;
  const events = [
    event('ping', '1', 'http://a/chat', '{"n":1}'),
    event('message', '2', 'http://a/chat', 'hello world'),
    event('pings', '3', 'http://b/feed', 'hello there'),
    event('Message', '22', 'http://b/feed', 'status:ok'),
  ];
  const matching = (query: string) =>
    events.filter((e) => matchesQuery(parseQuery(query), e)).map((e) => e.lastEventId);
  expect(matching('type:ping')).toEqual(['1']);
  expect(matching('TYPE:message')).toEqual(['2', '22']);
  expect(matching('-type:ping')).toEqual(['2', '3', '22']);
  expect(matching('id:2')).toEqual(['2']);
  expect(matching('url:/feed')).toEqual(['3', '22']);
  // A path is text, not a regular expression with odd flags.
  expect(matching('url:/b/feed')).toEqual(['3', '22']);
  expect(parseQuery('/api/chat').kind).toBe('terms');
  expect(matching('-url:b/ hello')).toEqual(['2']);
  expect(matching('"hello world"')).toEqual(['2']);
  expect(matching('hello world')).toEqual(['2']);
  expect(matching('type:/^ping/')).toEqual(['1', '3']);
  // A field nobody knows is data text: JSON and logs are full of "key:value".
  expect(matching('status:ok')).toEqual(['22']);
  expect(matching('-')).toEqual(['1', '2', '3', '22']);
  expect(parseQuery('type:/(/')).toEqual({
    kind: 'invalid',
    text: 'type:/(/',
    message: 'Invalid regular expression: /(/: Unterminated group',
  });
});

test('every filter narrows the rows; chip counts ignore only the type filter; lanes ignore connection and range', () => {
  const store = capture();
  const filter = new EventFilter();
  filter.update(store, NO_FILTER);
  expect(shown(store, filter)).toEqual(['{"user":"Ada"}', 'alpha 1', 'green', 'alpha 2', 'amber']);
  expect(filter.shown).toBe(5);

  const key1 = store.connections[0]?.key as string;
  const byText = spec({ query: parseQuery('ALPHA'), connections: new Set([key1]) });
  filter.update(store, byText);
  expect(shown(store, filter)).toEqual(['alpha 1', 'alpha 2']);
  expect([...filter.typeCounts]).toEqual([['tick', 2]]);

  const byType = spec({ types: new Set(['status']), range: [25, 45] });
  filter.update(store, byType);
  expect(shown(store, filter)).toEqual(['green']);
  expect(Object.fromEntries(filter.typeCounts)).toEqual({ status: 1, tick: 1 });
  expect([...filter.lanes.values()].map((lane) => lane.map((i) => store.events[i]?.data))).toEqual([
    ['green', 'amber'],
  ]);

  filter.update(store, spec({ query: parseQuery('/(/') }));
  expect(filter.shown).toBe(5);
});

test('a view with no filter is kept across equal specs: only new events are placed, and one in the middle starts over', () => {
  const store = capture();
  const view = new EventFilter();
  view.update(store, NO_FILTER);
  const rows = view.rows;
  // The filter box emptied again: a new spec, and a new query object, that filter nothing.
  const cleared = spec({ query: parseQuery('') });
  expect(isPlain(cleared)).toBe(true);
  for (const notPlain of [
    spec({ query: parseQuery('x') }),
    spec({ types: new Set(['tick']) }),
    spec({ connections: new Set(['k']) }),
    spec({ range: [0, 1] }),
    spec({ lifecycle: false }),
  ])
    expect(isPlain(notPlain)).toBe(false);
  store.addRecords('d', numbered([typed(1, 'tick', 'alpha 3', 60)], 8));
  view.update(store, cleared);
  expect(view.rows).toBe(rows);
  expect(shown(store, view)).toEqual(['{"user":"Ada"}', 'alpha 1', 'green', 'alpha 2', 'amber', 'alpha 3']);
  expect(Object.fromEntries(view.typeCounts)).toEqual({ message: 1, tick: 3, status: 2 });
  store.addRecords('d', numbered([typed(2, 'status', 'early', 15)], 9));
  view.update(store, NO_FILTER);
  expect(view.rows).not.toBe(rows);
  expect(shown(store, view)).toEqual(['{"user":"Ada"}', 'early', 'alpha 1', 'green', 'alpha 2', 'amber', 'alpha 3']);
});

test('new events are filtered as they arrive; an insertion in the middle starts over', () => {
  const store = capture();
  const filter = new EventFilter();
  const alpha = spec({ query: parseQuery('alpha') });
  filter.update(store, alpha);
  store.addRecords('d', numbered([typed(1, 'tick', 'alpha 3', 60), typed(1, 'tick', 'beta', 70)], 8));
  filter.update(store, alpha);
  expect(shown(store, filter)).toEqual(['alpha 1', 'alpha 2', 'alpha 3']);
  // A frame's event that happened earlier arrives late: it goes in its place in time.
  store.addRecords('d', numbered([typed(2, 'status', 'alpha early', 15)], 10));
  filter.update(store, alpha);
  expect(shown(store, filter)).toEqual(['alpha early', 'alpha 1', 'alpha 2', 'alpha 3']);
  expect(filter.rowOf(store, store.events[1] as never)).toBe(0);
  expect(filter.rowOf(store, store.events.find((e) => e.data === 'beta') as never)).toBe(-1);
});

test('navigation marks sit among the rows in time order, whatever the filter', () => {
  const store = new CaptureStore();
  store.preserveLog = true;
  store.addDocument(top);
  store.addRecords('d', numbered([connectionRecord(1, 1), eventRecord(1, 'old', 5)]));
  store.addDocument({ ...top, docId: 'e', url: 'http://a/next', activatedAt: 10 });
  store.addRecords('e', numbered([connectionRecord(1, 11), eventRecord(1, 'new', 12)]));
  const filter = new EventFilter();
  filter.update(store, spec({ query: parseQuery('new') }));
  expect(filter.rows).toEqual([-1, 1]);
  expect(store.navigations).toEqual([{ time: 10, url: 'http://a/next' }]);
});

test('a regex over 100,000 events finds exactly its matches', () => {
  const store = new CaptureStore();
  store.addDocument(top);
  const records = [
    connectionRecord(1, 1),
    ...Array.from({ length: 100_000 }, (_, i) => eventRecord(1, `event ${i}`, 10 + i)),
  ];
  store.addRecords('d', numbered(records));
  const filter = new EventFilter();
  filter.update(store, spec({ query: parseQuery('/^event 9999\\d$/') }));
  expect(filter.shown).toBe(10);
});

test('in one moment, a connection’s open comes before its events, and its end after them (a page closes in its last event’s handler)', () => {
  const store = new CaptureStore();
  store.addDocument(top);
  store.addRecords(
    'd',
    numbered([
      connectionRecord(1, 1),
      { kind: 'lifecycle', time: 10, conn: 1, state: 'open' },
      eventRecord(1, 'first', 10),
      eventRecord(1, 'last', 20),
      { kind: 'lifecycle', time: 20, conn: 1, state: 'closed' },
    ]),
  );
  const filter = new EventFilter();
  filter.update(store, NO_FILTER);
  expect(
    filter.rows.map((row) => (row >= 0 ? store.events[row]?.data : store.marks[lifecycleIndex(row)]?.kind)),
  ).toEqual(['open', 'first', 'last', 'closed']);
});
