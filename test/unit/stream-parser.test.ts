import { expect, test } from '@playwright/test';
import { createParser } from 'eventsource-parser';
import type { BlockRecord, ChunkRecord, EventRecord, StoredRecord } from '../../src/core/model';
import { StreamParser } from '../../src/core/stream-parser';

const encoder = new TextEncoder();

/**
 * The reference: the whole byte stream decoded at once and parsed by eventsource-parser, which
 * reports each block's own id (the persistent last event id is checked against a real
 * EventSource in the end-to-end tests).
 */
function reference(bytes: Uint8Array) {
  const events: { type: string; data: string; id: string | undefined }[] = [];
  const parser = createParser({
    onEvent: (message) => {
      events.push({ type: message.event ?? 'message', data: message.data, id: message.id });
    },
  });
  parser.feed(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  return events;
}

/** Feeds bytes split at `splits` (byte offsets) and returns every record. */
function parse(bytes: Uint8Array, splits: number[], format: 'sse' | 'ndjson' = 'sse'): StoredRecord[] {
  const parser = new StreamParser(1, format, 'http://a');
  const records: StoredRecord[] = [];
  let from = 0;
  let time = 1;
  for (const at of [...splits, bytes.length]) {
    records.push(...parser.push(time++, bytes.subarray(from, at)));
    from = at;
  }
  records.push(...parser.end(time));
  return records;
}

const eventsOf = (records: StoredRecord[]) =>
  records
    .filter((r): r is EventRecord => r.kind === 'event')
    .map(({ type, data, lastEventId }) => ({ type, data, lastEventId }));

const STREAM = [
  ': hello\n\n',
  'data: one\n\n',
  'event: tick\r\nid: 7\r\ndata: two\r\ndata: lines\r\n\r\n',
  'retry: 3000\n\n',
  'data: cr only\rid: 8\r\r',
  'data: héllo — 日本語 — 🚀\n\n',
  'id: 9\n\n',
  'bogus: field\ndata: after an unknown field\n\n',
  'data\n\n',
  'data: end',
].join('');

test('any split of the bytes gives the reference parse, and the raw blocks are the stream itself', () => {
  const bytes = encoder.encode(STREAM);
  const expected = reference(bytes);
  expect(expected.map((e) => e.data)).toEqual([
    'one',
    'two\nlines',
    'cr only',
    'héllo — 日本語 — 🚀',
    'after an unknown field',
    '',
  ]);
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const trials: number[][] = [[], Array.from({ length: bytes.length - 1 }, (_, i) => i + 1)];
  for (let t = 0; t < 200; t++) {
    const splits = new Set<number>();
    const count = 1 + Math.floor(random() * 12);
    for (let i = 0; i < count; i++) splits.add(1 + Math.floor(random() * (bytes.length - 1)));
    trials.push([...splits].sort((a, b) => a - b));
  }
  for (const splits of trials) {
    const records = parse(bytes, splits);
    expect(
      records
        .filter((r): r is EventRecord => r.kind === 'event')
        .map(({ type, data, blockId }) => ({ type, data, id: blockId })),
    ).toEqual(expected);
    const raw = records
      .filter((r): r is EventRecord | BlockRecord => r.kind === 'event' || r.kind === 'block')
      .map((r) => r.raw)
      .join('');
    expect(raw).toBe(STREAM);
    const chunks = records.filter((r): r is ChunkRecord => r.kind === 'chunk');
    expect(chunks.reduce((sum, c) => sum + c.size, 0)).toBe(bytes.length);
    expect(Buffer.concat(chunks.map((c) => Buffer.from(c.base64 ?? '', 'base64'))).equals(Buffer.from(bytes))).toBe(
      true,
    );
  }
});

test('each event keeps its block, where the chunks cut it, its own id, and what else the block held', () => {
  const bytes = encoder.encode('event: tick\nid: 7\n: note\nretry: x\ndata: a\n\ndata: b\n\n');
  const records = parse(bytes, [5, 30]);
  const [first, second] = records.filter((r): r is EventRecord => r.kind === 'event');
  expect(first).toMatchObject({
    type: 'tick',
    data: 'a',
    blockId: '7',
    lastEventId: '7',
    raw: 'event: tick\nid: 7\n: note\nretry: x\ndata: a\n\n',
    cuts: [5, 30],
    comments: ['note'],
    notes: ['Invalid `retry` value: "x"'],
  });
  expect(first?.retry).toBeUndefined();
  expect(second).toMatchObject({ data: 'b', lastEventId: '7', raw: 'data: b\n\n' });
  expect(second?.blockId).toBeUndefined();
  expect(second?.cuts).toBeUndefined();
});

test('blocks without an event are kept as blocks, comments and retry typed; an id-only block still sets the last event id', () => {
  const records = parse(encoder.encode(': keep-alive\n\nretry: 2500\n\nid: 42\n\ndata: x\n\ndata: cut off'), [3]);
  expect(records.filter((r) => r.kind === 'block')).toEqual([
    { kind: 'block', time: 2, conn: 1, raw: ': keep-alive\n\n', comments: ['keep-alive'], notes: [] },
    { kind: 'block', time: 2, conn: 1, raw: 'retry: 2500\n\n', retry: 2500, notes: [] },
    {
      kind: 'block',
      time: 2,
      conn: 1,
      raw: 'id: 42\n\n',
      notes: ['id: 42 (sets the last event id; no event without data)'],
    },
    {
      kind: 'block',
      time: 3,
      conn: 1,
      raw: 'data: cut off',
      notes: ['incomplete: the stream ended inside this block, so it was not dispatched'],
    },
  ]);
  expect(eventsOf(records)).toEqual([{ type: 'message', data: 'x', lastEventId: '42' }]);
});

test('one BOM is stripped, a second one is data; a UTF-8 character split across chunks arrives whole', () => {
  const bom = [0xef, 0xbb, 0xbf];
  const one = new Uint8Array([...bom, ...encoder.encode('data: a\n\n')]);
  expect(eventsOf(parse(one, [1, 2]))).toEqual([{ type: 'message', data: 'a', lastEventId: '' }]);
  const two = new Uint8Array([...bom, ...bom, ...encoder.encode('data: a\n\ndata: b\n\n')]);
  // The second BOM starts the first line's field name, so that line is an unknown field.
  expect(eventsOf(parse(two, [4]))).toEqual([{ type: 'message', data: 'b', lastEventId: '' }]);
  expect(reference(two).map((e) => e.data)).toEqual(['b']);
  // The BOM's three bytes read as three characters are no BOM: that line is an unknown field too.
  const misread = encoder.encode('\u00ef\u00bb\u00bfdata: a\n\ndata: b\n\n');
  expect(eventsOf(parse(misread, []))).toEqual([{ type: 'message', data: 'b', lastEventId: '' }]);
  const rocket = encoder.encode('data: 🚀\n\n');
  const records = parse(rocket, [7, 8]);
  expect(eventsOf(records)).toEqual([{ type: 'message', data: '🚀', lastEventId: '' }]);
  expect(records.filter((r) => r.kind === 'chunk').map((r) => (r as ChunkRecord).size)).toEqual([7, 1, 4]);
});

test('NDJSON: one event per line, CRLF or LF, the last line without a newline, bad JSON noted', () => {
  const records = parse(encoder.encode('{"a":1}\r\n\n{"b":\n[2]'), [4], 'ndjson');
  expect(
    records
      .filter((r): r is EventRecord => r.kind === 'event')
      .map(({ type, data, raw, notes }) => ({ type, data, raw, notes })),
  ).toEqual([
    { type: 'ndjson', data: '{"a":1}', raw: '{"a":1}\r\n', notes: undefined },
    { type: 'ndjson', data: '{"b":', raw: '{"b":\n', notes: [expect.stringMatching(/^not JSON: /)] },
    { type: 'ndjson', data: '[2]', raw: '[2]', notes: undefined },
  ]);
});

test('a 50,000-event chunk is cut in one pass', () => {
  const text = Array.from({ length: 50_000 }, (_, i) => `id: ${i}\ndata: event ${i}\n\n`).join('');
  const records = parse(encoder.encode(text), []);
  const events = eventsOf(records);
  expect(events).toHaveLength(50_000);
  expect(events[49_999]).toEqual({ type: 'message', data: 'event 49999', lastEventId: '49999' });
});
