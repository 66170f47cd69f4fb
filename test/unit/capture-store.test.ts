/**
 * The capture store: records applied once and in order, gaps asked for and given up, documents
 * and navigations, views and counts as the panel reads them.
 *
 * Long because: one module's cases (records in, views out), all over the same few records.
 */
import { expect, test } from '@playwright/test';
import type { CaptureRecord, StoredRecord } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import { GIVE_UP_MS } from '../../src/core/store/documents';
import { eventRate } from '../../src/ui/text/format';
import { describeState } from '../../src/ui/text/states';
import { frameDocument } from '../support/documents';
import { speak } from '../support/messages';
import { connectionRecord, eventRecord, lifecycleRecord, numbered } from '../support/records';

speak();

const doc = (docId: string, activatedAt: number, frameId = 0) => frameDocument(docId, { activatedAt, frameId });

const opened = connectionRecord;
const event = eventRecord;

test('each record is applied once: duplicates are skipped, a gap asks for a resync', () => {
  const store = new CaptureStore();
  store.addDocument(doc('d', 1));
  const records = numbered([opened(1), event(1, 'a'), event(1, 'b'), event(1, 'c')]);
  expect(store.addRecords('d', records.slice(0, 3))).toBeUndefined();
  expect(store.addRecords('d', records)).toBeUndefined();
  expect(store.events.map((e) => e.data)).toEqual(['a', 'b', 'c']);
  expect(store.addRecords('d', numbered([event(1, 'e')], 6))).toEqual({ docId: 'd', after: 4 });
  expect(store.cursors()).toEqual({ d: 4 });
  expect(store.events).toHaveLength(3);
});

test('a gap is asked for once; if what fills it never comes, it is given up, counted, and what follows asked for', () => {
  const store = new CaptureStore();
  store.addDocument(doc('d', 1));
  store.addRecords('d', numbered([opened(1), event(1, 'a')]), 0);
  // Records 3 and 4 never come: 5 shows the gap, asked for once; 6 and 7 ask nothing more meanwhile.
  expect(store.addRecords('d', numbered([event(1, 'e')], 5), 10)).toEqual({ docId: 'd', after: 2 });
  expect(store.addRecords('d', numbered([event(1, 'f')], 6), 20)).toBeUndefined();
  expect(store.overdue(10 + GIVE_UP_MS - 1)).toEqual([]);
  expect(store.addRecords('d', numbered([event(1, 'g')], 7), 10 + GIVE_UP_MS - 1)).toBeUndefined();
  expect(store.unloaded).toBe(0);
  // Given up: 3 and 4 counted, and what came after them while waiting asked for again.
  expect(store.overdue(10 + GIVE_UP_MS)).toEqual([{ docId: 'd', after: 4 }]);
  expect(store.unloaded).toBe(2);
  expect(
    store.addRecords('d', numbered([event(1, 'e'), event(1, 'f'), event(1, 'g')], 5), 10 + GIVE_UP_MS),
  ).toBeUndefined();
  expect(store.events.map((e) => e.data)).toEqual(['a', 'e', 'f', 'g']);
  // A batch past a gap that stays gives it up too, and is applied after it.
  expect(store.addRecords('d', numbered([event(1, 'j')], 10), 100_000)).toEqual({ docId: 'd', after: 7 });
  expect(store.addRecords('d', numbered([event(1, 'j')], 10), 100_000 + GIVE_UP_MS)).toEqual({ docId: 'd', after: 9 });
  expect(store.unloaded).toBe(4);
  expect(store.addRecords('d', numbered([event(1, 'j'), event(1, 'k')], 10), 100_000 + GIVE_UP_MS)).toBeUndefined();
  expect(store.events.map((e) => e.data)).toEqual(['a', 'e', 'f', 'g', 'j', 'k']);
});

test('a batch that cannot be read is counted as not loaded, and what follows is applied: no asking again', () => {
  const store = new CaptureStore();
  store.addDocument(doc('d', 1));
  store.addRecords('d', numbered([opened(1), event(1, 'a')]));
  expect(store.refused('d', 3, 5)).toBeUndefined();
  expect(store.unloaded).toBe(3);
  expect(store.cursors()).toEqual({ d: 5 });
  expect(store.addRecords('d', numbered([event(1, 'f')], 6))).toBeUndefined();
  // One whose first record cannot be told is taken to follow the last applied.
  expect(store.refused('d', undefined, 8)).toBeUndefined();
  expect(store.unloaded).toBe(5);
  // One after a gap: the gap is asked for first (a resync brings it and the refused records again).
  expect(store.refused('d', 12, 14)).toEqual({ docId: 'd', after: 8 });
  expect(store.unloaded).toBe(5);
  expect(store.refused('d', 3, 4)).toBeUndefined();
  expect(store.events.map((e) => e.data)).toEqual(['a', 'f']);
});

test('records the relay could not send are counted and passed; a record sent cut is shown and counted', () => {
  const store = new CaptureStore();
  store.addDocument(doc('d', 1));
  store.addRecords('d', numbered([opened(1)]));
  const cut = { ...event(1, 'cut'), seq: 2, unsentChars: 5000 };
  const unsent: CaptureRecord = { kind: 'unsent', time: 1, conn: 0, records: 3, seq: 5 };
  expect(store.addRecords('d', [cut, unsent, ...numbered([event(1, 'after')], 6)])).toBeUndefined();
  expect(store.events.map((e) => e.data)).toEqual(['cut', 'after']);
  expect(store.unloaded).toBe(4);
  expect(store.cursors()).toEqual({ d: 6 });
  // What is not loaded is of the page shown: a new page starts from none.
  store.addDocument(doc('next', 2));
  expect(store.unloaded).toBe(0);
});

test('what a capture did not keep: per connection, and for the whole document when it was full', () => {
  const store = new CaptureStore();
  store.addDocument(doc('d', 1));
  const dropped = (conn: number, events: number, records?: number): StoredRecord => ({
    kind: 'dropped',
    reason: 'budget',
    time: 5,
    conn,
    events,
    chars: 10,
    ...(records === undefined ? {} : { records }),
  });
  store.addRecords('d', numbered([opened(1), dropped(1, 3), dropped(1, 0, 2), dropped(0, 7, 9), dropped(4, 1, 1)]));
  expect(store.connections[0]?.dropped).toBe(3);
  expect([store.notKeptEvents, store.notKeptRecords]).toEqual([8, 12]);
  store.clear(10);
  expect([store.notKeptEvents, store.notKeptRecords]).toEqual([0, 0]);
});

test('records of an unknown document are ignored until it says hello', () => {
  const store = new CaptureStore();
  expect(store.addRecords('x', numbered([opened(1)]))).toBeUndefined();
  expect(store.connections).toEqual([]);
});

test('a later top document is a navigation: a fresh list, and the old page’s late records ignored', () => {
  const store = new CaptureStore();
  store.addDocument(doc('old', 100));
  store.addDocument(doc('old-frame', 150, 4));
  store.addRecords('old', numbered([opened(1), event(1, 'old')]));
  store.addRecords('old-frame', numbered([opened(1), event(1, 'old frame')]));
  store.addDocument(doc('new', 200));
  expect(store.connections).toEqual([]);
  expect(store.events).toEqual([]);
  store.addRecords('old', numbered([event(1, 'late')], 3));
  store.addRecords('new', numbered([opened(1), event(1, 'new')]));
  expect(store.events.map((e) => e.data)).toEqual(['new']);
  expect(store.pageUrl).toBe('http://a/new');
  // An old page's top document saying hello late does not take over.
  store.addDocument(doc('older', 50));
  expect(store.pageUrl).toBe('http://a/new');
});

test('frames that started after the top document belong to its page, even when they report first', () => {
  const store = new CaptureStore();
  store.addDocument(doc('frame', 210, 3));
  store.addRecords('frame', numbered([opened(1, 215), event(1, 'from the frame', 216)]));
  store.addDocument(doc('top', 200));
  expect(store.events.map((e) => e.data)).toEqual(['from the frame']);
  store.addDocument(doc('stale-frame', 150, 5));
  expect(store.addRecords('stale-frame', numbered([opened(1)]))).toBeUndefined();
  expect(store.connections).toHaveLength(1);
});

test('a page back from the back/forward cache is fetched again from the start', () => {
  const store = new CaptureStore();
  store.addDocument(doc('a', 100));
  store.addRecords('a', numbered([opened(1), event(1, 'a1')]));
  store.addDocument(doc('b', 200));
  expect(store.addDocument(doc('a', 300))).toEqual({ docId: 'a', after: 0 });
  store.addRecords('a', numbered([opened(1), event(1, 'a1')]));
  expect(store.events.map((e) => e.data)).toEqual(['a1']);
});

test('a frame that went away stays gone when the top frame serves its capture; its open connection reads gone', () => {
  const store = new CaptureStore();
  store.addDocument(doc('top', 100));
  store.addDocument(doc('f', 150, 3));
  store.addRecords('f', numbered([opened(1), event(1, 'f1')]));
  store.documentGone('f');
  store.addDocument({ ...doc('f', 150, 3), gone: { frameId: 3 } });
  expect(store.addRecords('f', numbered([opened(1), event(1, 'f1'), event(1, 'f2')]))).toBeUndefined();
  expect(store.events.map((e) => e.data)).toEqual(['f1', 'f2']);
  expect(store.connections.map((c) => [c.frameId, c.gone, describeState(c).label])).toEqual([[3, true, 'gone']]);
  // A document back from the back/forward cache is not gone.
  store.addDocument(doc('f', 150, 3));
  expect(store.connections.map((c) => c.gone)).toEqual([false]);
});

test('connections are numbered in creation order, events kept in time order, across documents', () => {
  const store = new CaptureStore();
  store.addDocument(doc('top', 100));
  store.addDocument(doc('frame', 110, 2));
  store.addRecords('frame', numbered([opened(1, 130), event(1, 'f1', 140), event(1, 'f2', 160)]));
  store.addRecords('top', numbered([opened(1, 120), event(1, 't1', 150), event(1, 't2', 170)]));
  expect(store.connections.map((c) => [c.ordinal, c.docId])).toEqual([
    [1, 'top'],
    [2, 'frame'],
  ]);
  expect(store.events.map((e) => e.data)).toEqual(['f1', 't1', 'f2', 't2']);
  expect(store.connections[1]?.frameUrl).toBe('http://a/frame');
});

test('lifecycle records drive the state; sizes are UTF-8 bytes, or the original size when cut', () => {
  const store = new CaptureStore();
  store.addDocument(doc('d', 1));
  store.addRecords(
    'd',
    numbered([
      opened(1),
      { kind: 'lifecycle', time: 11, conn: 1, state: 'open' },
      event(1, 'héllo'),
      { kind: 'lifecycle', time: 30, conn: 1, state: 'reconnecting', attempt: 1 },
      { kind: 'lifecycle', time: 31, conn: 1, state: 'reconnecting', attempt: 2 },
    ]),
  );
  const connection = store.connections[0];
  expect(connection).toEqual(expect.objectContaining({ state: 'reconnecting', attempt: 2, reconnects: 2, bytes: 6 }));
  store.addRecords(
    'd',
    numbered(
      [
        { kind: 'lifecycle', time: 40, conn: 1, state: 'open', attempt: 2 },
        { ...event(1, 'cut'), originalSize: 5_000_000 },
        { kind: 'listen', time: 41, conn: 1, type: 'ping' },
        { kind: 'dropped', reason: 'budget', time: 42, conn: 1, events: 7, chars: 70 },
        { kind: 'lifecycle', time: 50, conn: 1, state: 'failed' },
        { kind: 'dropped', reason: 'invalid', time: 51, conn: 0, events: 2, chars: 0 },
      ],
      6,
    ),
  );
  expect(connection).toEqual(
    expect.objectContaining({
      state: 'failed',
      attempt: 0,
      reconnects: 2,
      events: 2,
      bytes: 5_000_006,
      dropped: 7,
      listening: ['ping'],
      endedAt: 50,
    }),
  );
  expect(store.events[1]).toEqual(expect.objectContaining({ size: 5_000_000, originalSize: 5_000_000 }));
  expect(store.invalid).toBe(2);
  store.documentGone('d');
  expect(connection?.gone).toBe(true);
  store.addDocument(doc('d', 1));
  expect(connection?.gone).toBe(false);
});

test('a connection keeps its lifecycle as segments, and each event whether it changed the last event id', () => {
  const store = new CaptureStore();
  store.addDocument(doc('d', 1));
  store.addRecords(
    'd',
    numbered([
      opened(1, 10),
      lifecycleRecord(1, 'open', 12),
      { ...event(1, 'a', 13), lastEventId: '1' },
      { ...event(1, 'b', 14), lastEventId: '1' },
      lifecycleRecord(1, 'reconnecting', 15),
      lifecycleRecord(1, 'open', 18),
      { ...event(1, 'c', 19), lastEventId: '' },
      lifecycleRecord(1, 'closed', 20),
    ]),
  );
  const [connection] = store.connections;
  expect(connection?.lifecycle).toEqual([
    { state: 'connecting', from: 10 },
    { state: 'open', from: 12 },
    { state: 'reconnecting', from: 15 },
    { state: 'open', from: 18 },
    { state: 'closed', from: 20 },
  ]);
  expect(store.events.map((e) => [e.data, e.idChanged])).toEqual([
    ['a', true],
    ['b', false],
    ['c', true],
  ]);
  expect(connection?.times).toEqual([13, 14, 19]);
});

test('pause holds new events and resume shows them; connections stay live meanwhile', () => {
  const store = new CaptureStore();
  store.addDocument(doc('d', 1));
  store.addRecords('d', numbered([opened(1, 10), event(1, 'before', 11)]));
  store.pause(12);
  store.addRecords('d', numbered([event(1, 'during', 13), lifecycleRecord(1, 'closed', 14)], 3));
  expect(store.events.map((e) => e.data)).toEqual(['before']);
  expect(store.held.map((e) => e.data)).toEqual(['during']);
  expect(store.connections[0]?.state).toBe('closed');
  expect(store.frozenAt).toBe(12);
  store.resume();
  expect(store.events.map((e) => e.data)).toEqual(['before', 'during']);
  expect(store.held).toEqual([]);
  expect(store.paused).toBe(false);
});

test('clear drops events and ended connections; a live one stays, counted afresh from now', () => {
  const store = new CaptureStore();
  store.addDocument(doc('d', 1));
  store.addRecords(
    'd',
    numbered([
      opened(1, 10),
      opened(2, 11),
      lifecycleRecord(1, 'open', 12),
      event(1, 'a', 13),
      event(2, 'b', 14),
      lifecycleRecord(2, 'failed', 15),
    ]),
  );
  const epoch = store.epoch;
  store.clear(100);
  expect(store.epoch).not.toBe(epoch);
  expect(store.events).toEqual([]);
  expect(store.types.size).toBe(0);
  expect(store.connections.map((c) => [c.ordinal, c.url, c.events, c.bytes, c.lifecycle])).toEqual([
    [1, 'http://a/sse/1', 0, 0, [{ state: 'open', from: 100 }]],
  ]);
  store.addRecords('d', numbered([event(1, 'after', 101)], 7));
  expect(store.events.map((e) => e.data)).toEqual(['after']);
  expect(store.connections[0]?.events).toBe(1);
});

test('with preserve log, a navigation keeps the old page and marks where the new one starts', () => {
  const store = new CaptureStore();
  store.preserveLog = true;
  store.addDocument(doc('old', 100));
  store.addRecords('old', numbered([opened(1, 101), event(1, 'old', 102)]));
  store.addDocument(doc('new', 200));
  store.addRecords('new', numbered([opened(1, 201), event(1, 'new', 202)]));
  expect(store.events.map((e) => e.data)).toEqual(['old', 'new']);
  expect(store.connections.map((c) => [c.ordinal, c.docId])).toEqual([
    [1, 'old'],
    [2, 'new'],
  ]);
  expect(store.navigations).toEqual([{ time: 200, url: 'http://a/new' }]);
  // Turned off, the next navigation starts afresh again.
  store.preserveLog = false;
  store.addDocument(doc('third', 300));
  expect(store.events).toEqual([]);
  expect(store.navigations).toEqual([]);
});

test('a connection keeps the times of its latest events only, for rates; its first event stays known', () => {
  const store = new CaptureStore();
  store.addDocument(doc('d', 1));
  // A minute at 100 events a second.
  const times = Array.from({ length: 6000 }, (_, i) => 1000 + i * 10);
  store.addRecords('d', numbered([opened(1, 500), ...times.map((time) => event(1, 'x', time))]));
  const connection = store.connections[0];
  const last = times.at(-1) as number;
  expect(connection?.firstEventAt).toBe(1000);
  expect(connection?.events).toBe(6000);
  // The last 15 s at least, and not the whole minute.
  const kept = connection?.times ?? [];
  expect(kept.at(-1)).toBe(last);
  expect(kept[0]).toBeLessThanOrEqual(last - 15_000);
  expect(kept.length).toBeLessThan(4000);
  // The rate over the last 10 s is the one all the times give.
  for (const now of [last, last + 5000]) expect(eventRate(kept, now)).toBe(eventRate(times, now));
  expect(eventRate(kept, last)).toBeCloseTo(100, 0);
});
