import { expect, test } from '@playwright/test';
import { FrameCapture } from '../../src/relay/frame-capture';
import { eventRecord } from '../support/records';

const event = (conn: number, data: string, time = 1) => eventRecord(conn, data, time);

const seqs = (chunks: Iterable<{ seq: number }[]>) => [...chunks].map((chunk) => chunk.map((r) => r.seq));

test('records are numbered from 1 and read back from any cursor', () => {
  const capture = new FrameCapture();
  const added = capture.append([event(1, 'a'), event(1, 'b'), event(1, 'c')]);
  expect(added.map((r) => r.seq)).toEqual([1, 2, 3]);
  expect(seqs(capture.chunksAfter(0, 100, 100))).toEqual([[1, 2, 3]]);
  expect(seqs(capture.chunksAfter(2, 100, 100))).toEqual([[3]]);
  expect(seqs(capture.chunksAfter(3, 100, 100))).toEqual([]);
  expect(capture.append([event(1, 'd')]).map((r) => r.seq)).toEqual([4]);
});

test('the backlog comes in chunks bounded by record count and by data size', () => {
  const capture = new FrameCapture();
  capture.append([
    event(1, 'x'.repeat(40)),
    event(1, 'x'.repeat(40)),
    event(1, 'x'.repeat(200)),
    event(1, 'y'),
    event(1, 'z'),
  ]);
  capture.append([{ kind: 'lifecycle', time: 2, conn: 1, state: 'closed' }]);
  // 100 characters a chunk: the 200-character event goes alone; three records a chunk at most.
  expect(seqs(capture.chunksAfter(0, 3, 100))).toEqual([[1, 2], [3], [4, 5, 6]]);
  expect(seqs(capture.chunksAfter(0, 2, 1000))).toEqual([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
});

test('past the budget, events are counted per connection instead of kept; lifecycle is always kept', () => {
  const capture = new FrameCapture(64 * 3 + 10);
  const added = capture.append([
    event(1, 'aaaaa'),
    event(2, 'bbbbb'),
    event(1, 'ccc', 5),
    { kind: 'lifecycle', time: 6, conn: 1, state: 'closed' },
    event(2, 'dd', 7),
    event(1, 'e', 8),
  ]);
  expect(added.map((r) => r.kind)).toEqual(['event', 'event', 'lifecycle', 'dropped', 'dropped']);
  expect(added.slice(3)).toEqual([
    { kind: 'dropped', reason: 'budget', conn: 1, events: 2, chars: 4, time: 8, seq: 4 },
    { kind: 'dropped', reason: 'budget', conn: 2, events: 1, chars: 2, time: 7, seq: 5 },
  ]);
  expect(capture.size).toBe(5);
});

test('records the relay refused are counted, with no connection', () => {
  const capture = new FrameCapture();
  const [record] = capture.append([], 3);
  expect(record).toEqual(expect.objectContaining({ kind: 'dropped', reason: 'invalid', conn: 0, events: 3, seq: 1 }));
});

test('an adopted capture keeps its numbers: repeats and older parts add nothing, reads skip gaps', () => {
  const source = new FrameCapture();
  const records = source.append([event(1, 'a'), event(1, 'b'), event(1, 'c'), event(1, 'd'), event(1, 'e')]);
  const adopted = new FrameCapture();
  expect(adopted.adopt(records.slice(0, 2)).map((r) => r.seq)).toEqual([1, 2]);
  expect(adopted.adopt(records.slice(0, 3)).map((r) => r.seq)).toEqual([3]);
  // A lost part leaves a gap; what follows is still kept, and a late older part is not.
  expect(adopted.adopt(records.slice(4)).map((r) => r.seq)).toEqual([5]);
  expect(adopted.adopt(records.slice(3, 4))).toEqual([]);
  expect(seqs(adopted.chunksAfter(0, 100, 100))).toEqual([[1, 2, 3, 5]]);
  expect(seqs(adopted.chunksAfter(3, 100, 100))).toEqual([[5]]);
  expect(seqs(adopted.chunksAfter(4, 100, 100))).toEqual([[5]]);
  expect(seqs(adopted.chunksAfter(5, 100, 100))).toEqual([]);
  // A record written after a gap is numbered after the last one kept.
  expect(adopted.append([event(1, 'f')]).map((r) => r.seq)).toEqual([6]);
});
