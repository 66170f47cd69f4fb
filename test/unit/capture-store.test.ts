import { expect, test } from '@playwright/test';
import { describeState } from '../../src/core/format';
import type { FrameDocument } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import { speak } from '../support/messages';
import { connectionRecord, eventRecord, lifecycleRecord, numbered } from '../support/records';

speak();

const doc = (docId: string, activatedAt: number, frameId = 0): FrameDocument => ({
  docId,
  url: `http://a/${docId}`,
  top: frameId === 0,
  activatedAt,
  frameId,
});

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
  expect(connection?.segments).toEqual([
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
  expect(store.connections.map((c) => [c.ordinal, c.url, c.events, c.bytes, c.segments])).toEqual([
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
