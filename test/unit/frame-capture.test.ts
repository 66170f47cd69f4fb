import { expect, test } from '@playwright/test';
import type { ConnectionRecord, ListenRecord, StoredRecord } from '../../src/core/model';
import { recordChars } from '../../src/core/record-chars';
import { FrameCapture, FULL_NOTE_MS } from '../../src/relay/frame-capture';
import { connectionRecord, eventRecord, lifecycleRecord } from '../support/records';

const event = (conn: number, data: string, time = 1) => eventRecord(conn, data, time);
const listen = (conn: number, type: string, time = 1): ListenRecord => ({ kind: 'listen', time, conn, type });

const seqs = (chunks: Iterable<{ seq: number }[]>) => [...chunks].map((chunk) => chunk.map((r) => r.seq));
const kinds = (records: { kind: string }[]) => records.map((r) => r.kind);

test('records are numbered from 1 and read back from any cursor', () => {
  const capture = new FrameCapture();
  const added = capture.append([event(1, 'a'), event(1, 'b'), event(1, 'c')]);
  expect(added.map((r) => r.seq)).toEqual([1, 2, 3]);
  expect(seqs(capture.chunksAfter(0, 100, 100))).toEqual([[1, 2, 3]]);
  expect(seqs(capture.chunksAfter(2, 100, 100))).toEqual([[3]]);
  expect(seqs(capture.chunksAfter(3, 100, 100))).toEqual([]);
  expect(capture.append([event(1, 'd')]).map((r) => r.seq)).toEqual([4]);
});

test('a record costs every string in it: data, type, id and origin of an event; URL, method, headers and body of a request', () => {
  expect(recordChars({ ...event(1, 'x'.repeat(40)), type: 'tick', lastEventId: '12', origin: 'http://a' })).toBe(54);
  const request: ConnectionRecord = {
    ...connectionRecord(1, 1, 'http://a/sse'),
    type: 'fetch',
    method: 'POST',
    requestHeaders: [
      ['x-a', '"'.repeat(100)],
      ['x-b', 'b'],
    ],
    requestBody: 'y'.repeat(1000),
  };
  // Strings: 'connection', 'fetch', the URL, 'POST', four header strings and the body; one unit a list item.
  expect(recordChars(request)).toBe(10 + 5 + 12 + 4 + (3 + 100 + 3 + 1) + 1000 + (2 + 2 + 2));
  expect(recordChars(listen(1, 'z'.repeat(65_000)))).toBe(6 + 65_000);
  expect(recordChars({ kind: 'chunk', time: 1, conn: 1, size: 3, bytes: new Uint8Array(3) })).toBe(3);
});

test('the backlog comes in chunks bounded by record count and by size', () => {
  const capture = new FrameCapture();
  capture.append([
    event(1, 'x'.repeat(30)),
    event(1, 'x'.repeat(30)),
    event(1, 'x'.repeat(200)),
    event(1, 'y'),
    event(1, 'z'),
  ]);
  capture.append([lifecycleRecord(1, 'closed', 2)]);
  // 100 units a chunk (an event here costs 15 beside its data): the 215-unit event goes alone.
  expect(seqs(capture.chunksAfter(0, 3, 100))).toEqual([[1, 2], [3], [4, 5, 6]]);
  expect(seqs(capture.chunksAfter(0, 2, 1000))).toEqual([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
});

test('the cap counts listened-for types and ids: past it they are counted per connection, not kept', () => {
  const capture = new FrameCapture(10_000);
  const added = capture.append([
    listen(1, 'a'.repeat(5000)),
    listen(1, 'b'.repeat(5000), 2),
    { ...event(1, 'c', 3), lastEventId: 'd'.repeat(5000) },
    listen(2, 'e'.repeat(6000), 4),
    listen(2, 'f'.repeat(3000), 5),
  ]);
  expect(kinds(added)).toEqual(['listen', 'listen', 'dropped', 'dropped']);
  expect(added.slice(1)).toEqual([
    { kind: 'listen', time: 5, conn: 2, type: 'f'.repeat(3000), seq: 2 },
    { kind: 'dropped', reason: 'budget', conn: 1, events: 1, records: 1, chars: 5006 + 5016, time: 3, seq: 3 },
    { kind: 'dropped', reason: 'budget', conn: 2, events: 0, records: 1, chars: 6006, time: 4, seq: 4 },
  ]);
});

test("past the cap a connection's lifecycle goes on into a reserve of a sixteenth of the cap, and no further", () => {
  const capture = new FrameCapture(16_000, () => 0);
  // Events up to the cap: 15 of 1,000 characters, each costing some 1,080 with its strings.
  const flood = Array.from({ length: 20 }, (_, i) => event(1, String(i % 10).repeat(1000), i));
  const kept = capture.append(flood);
  expect(kinds(kept)).toEqual([...Array(14).fill('event'), 'dropped']);
  expect(kept.at(-1)).toEqual(expect.objectContaining({ conn: 1, events: 6 }));
  // A new connection and its lifecycle are kept past the cap, in the reserve (1,000).
  const late = event(2, 'late'.repeat(250), 32);
  const lifecycle = capture.append([connectionRecord(2, 30), lifecycleRecord(2, 'open', 31), late]);
  expect(kinds(lifecycle)).toEqual(['connection', 'lifecycle', 'dropped']);
  // Connections with long URLs fill the reserve, and the rest are counted: none is kept past it.
  const crowd = Array.from({ length: 8 }, (_, i) => connectionRecord(3 + i, 40 + i, `http://a/${'u'.repeat(300)}`));
  const after = capture.append(crowd);
  const connections = after.filter((r) => r.kind === 'connection').length;
  expect(connections).toBe(3);
  expect(kinds(after)).toEqual([...Array(connections).fill('connection'), ...Array(after.length - 3).fill('dropped')]);
  const counted = after.reduce((n, r) => n + (r.kind === 'dropped' ? (r.records ?? 0) : 0), 0);
  expect(counted).toBe(8 - connections);
  expect(capture.append([lifecycleRecord(2, 'closed', 50)])).toEqual([]);
});

test('a full capture says what it did not keep for the whole document, once a second at most', () => {
  const clock = { now: 0 };
  const capture = new FrameCapture(1000, () => clock.now);
  capture.append([event(1, 'x'.repeat(900))]);
  // Past the cap: the count goes into the reserve (62).
  expect(kinds(capture.append([event(1, 'y'.repeat(200), 2)]))).toEqual(['dropped']);
  let said = 0;
  let events = 0;
  for (let batch = 0; batch < 1000; batch++) {
    clock.now = batch;
    for (const record of capture.append([event(1, 'z', 3), listen(1, 'w', 3)], 1))
      if (record.kind === 'dropped' && record.reason === 'budget') {
        said++;
        events += record.events;
      }
  }
  // A thousand batches in 999 ms: the reserve full at the first, said for the document then, and no more until a second has passed.
  expect(said).toBe(1);
  expect(capture.waiting).toBe(true);
  expect(capture.flush()).toEqual([]);
  clock.now = 1 + FULL_NOTE_MS;
  const flushed = capture.flush();
  expect(flushed).toEqual([
    expect.objectContaining({ kind: 'dropped', reason: 'budget', conn: 0, events: 999, records: 999 }),
    expect.objectContaining({ kind: 'dropped', reason: 'invalid', conn: 0, events: 999 }),
  ]);
  expect(events + 999).toBe(1000);
  expect(capture.waiting).toBe(false);
  expect(capture.size).toBe(1 + 1 + 2 + 2);
});

test('records the relay refused are counted, with no connection', () => {
  const capture = new FrameCapture();
  const [record] = capture.append([], 3);
  expect(record).toEqual(expect.objectContaining({ kind: 'dropped', reason: 'invalid', conn: 0, events: 3, seq: 1 }));
});

test('an adopted capture keeps its numbers: repeats and older parts add nothing, and a lost part is said', () => {
  const source = new FrameCapture();
  const records = source.append([event(1, 'a'), event(1, 'b'), event(1, 'c'), event(1, 'd'), event(1, 'e')]);
  const adopted = new FrameCapture();
  expect(adopted.adopt(records.slice(0, 2)).map((r) => r.seq)).toEqual([1, 2]);
  expect(adopted.adopt(records.slice(0, 3)).map((r) => r.seq)).toEqual([3]);
  // A lost part leaves numbers a reader will never have: an `unsent` record stands for them.
  const after = adopted.adopt(records.slice(4));
  expect(after.map((r) => [r.seq, r.kind])).toEqual([
    [4, 'unsent'],
    [5, 'event'],
  ]);
  expect(after[0]).toEqual({ kind: 'unsent', time: 1, conn: 0, records: 1, seq: 4 });
  expect(adopted.adopt(records.slice(3, 4))).toEqual([]);
  expect(seqs(adopted.chunksAfter(0, 100, 100))).toEqual([[1, 2, 3, 4, 5]]);
  expect(seqs(adopted.chunksAfter(4, 100, 100))).toEqual([[5]]);
  // A record written after a gap is numbered after the last one kept.
  expect(adopted.append([event(1, 'f')]).map((r) => r.seq)).toEqual([6]);
});

test('an adopted capture stops at the cap too, and says what it did not keep', () => {
  const source = new FrameCapture();
  const records = source.append(Array.from({ length: 10 }, (_, i): StoredRecord => event(1, 'x'.repeat(100), i)));
  const adopted = new FrameCapture(500);
  const added = adopted.adopt(records);
  expect(added.map((r) => [r.seq, r.kind])).toEqual([
    [1, 'event'],
    [2, 'event'],
    [10, 'unsent'],
  ]);
  expect(added.at(-1)).toEqual(expect.objectContaining({ records: 8 }));
});
