/**
 * Batches cut to the size of a message: every message the relay sends is under the browser's limit
 * however the records' strings escape, every record arrives in order under its own seq, and a
 * record too large to go alone goes cut and says so.
 */

import { serialize } from 'node:v8';
import { expect, test } from '@playwright/test';
import type { CaptureRecord, ConnectionRecord } from '../../src/core/model';
import { message, type RelayToBackground } from '../../src/messages/messages';
import { fromWire, fromWireText } from '../../src/messages/wire-codec';
import { fromColumns, type WireColumns } from '../../src/messages/wire-columns';
import { arrayBatches, columnBatches, cutToFit, sendBatch, sentBytes, textBatches } from '../../src/relay/wire-batches';
import { documentInfo } from '../support/documents';
import { eventRecord, numbered } from '../support/records';

/** Chrome refuses an extension message whose serialized form passes this. */
const CHROME_LIMIT = 64 * 2 ** 20;
const asIs = (record: CaptureRecord) => record;

/** The bytes of a message as Chrome serializes it (JSON, UTF-8). */
const messageBytes = (msg: unknown) => Buffer.byteLength(JSON.stringify(msg), 'utf8');

const listen = (i: number, fill: string) => ({
  kind: 'listen' as const,
  time: i,
  conn: 1,
  type: `${i}:`.padEnd(65_000, fill),
});

test('a batch that fits goes whole, as the one text toWireText makes', () => {
  const records = numbered([eventRecord(1, 'a'), eventRecord(1, 'b'), eventRecord(1, 'c')]);
  const batches = [...textBatches(records, asIs)];
  expect(batches).toHaveLength(1);
  expect(batches[0]?.first).toBe(1);
  expect(fromWireText(batches[0]?.records ?? '', batches[0]?.last ?? 0)).toEqual(records);
});

test('listened-for types that escape to four bytes a character: split into messages under the limit, in order, none lost', () => {
  // 300 × 65,000 quotes: a 19.5 M-character batch that would take 78 MB as one message.
  const records = numbered(Array.from({ length: 300 }, (_, i) => listen(i, '"')));
  const batches = [...textBatches(records, asIs)];
  expect(batches.length).toBeGreaterThan(2);
  const seqs: number[] = [];
  for (const batch of batches) {
    const msg = message<RelayToBackground>({
      type: 'records',
      docId: 'd'.repeat(24),
      last: batch.last,
      records: batch.records,
    });
    expect(messageBytes(msg)).toBeLessThan(CHROME_LIMIT / 2);
    // Structured clone takes two bytes a character at most.
    expect(2 * batch.records.length).toBeLessThan(CHROME_LIMIT / 2);
    const unpacked = fromWireText(batch.records, batch.last);
    expect(unpacked?.[0]?.seq).toBe(batch.first);
    for (const record of unpacked ?? []) seqs.push(record.seq);
  }
  expect(seqs).toEqual(records.map((r) => r.seq));
});

test('a record too large to go alone goes cut, under its seq, saying how much did not go', () => {
  // 96 headers of 65,000 control characters each: 6 bytes each as JSON, 7 escaped again: 44 MB.
  const huge: ConnectionRecord = {
    kind: 'connection',
    time: 1,
    conn: 1,
    type: 'fetch',
    url: `http://a/${'u'.repeat(60_000)}`,
    withCredentials: false,
    method: 'POST',
    requestHeaders: Array.from({ length: 96 }, (_, i): [string, string] => [`x-${i}`, '\u0001'.repeat(65_000)]),
  };
  const records = numbered([eventRecord(1, 'before'), huge, eventRecord(1, 'after')], 7);
  const batches = [...textBatches(records, asIs)];
  const unpacked = batches.flatMap((batch) => {
    expect(sentBytes(batch.records)).toBeLessThan(CHROME_LIMIT / 2);
    return fromWireText(batch.records, batch.last) ?? [];
  });
  expect(unpacked.map((r) => [r.seq, r.kind])).toEqual([
    [7, 'event'],
    [8, 'connection'],
    [9, 'event'],
  ]);
  const cut = unpacked[1] as ConnectionRecord & CaptureRecord;
  expect(cut.url).toBe(huge.url.slice(0, 1024));
  expect(cut.requestHeaders).toHaveLength(64);
  expect(cut.requestHeaders?.[0]).toEqual(['x-0', '\u0001'.repeat(1024)]);
  // The URL's and the kept headers' cut ends, and the headers left out whole (a unit for each list item).
  const left = (huge.requestHeaders ?? [])
    .slice(64)
    .reduce((n, [name, value]) => n + 3 + name.length + value.length, 0);
  expect(cut.unsentChars).toBe(60_009 - 1024 + 64 * (65_000 - 1024) + left);
  // The rest of the record arrives as it was.
  expect(unpacked[0]).toEqual(records[0]);
  expect(unpacked[2]).toEqual(records[2]);
});

test('an event cut to go says how large its data was, and its base64 stays base64', () => {
  const event = { ...eventRecord(1, 'é'.repeat(5000)), seq: 3 } as CaptureRecord;
  const cut = cutToFit(event);
  expect(cut).toEqual(expect.objectContaining({ data: 'é'.repeat(1024), originalSize: 10_000, unsentChars: 3976 }));
  const chunk: CaptureRecord = { kind: 'chunk', time: 1, conn: 1, size: 6000, base64: 'QUJD'.repeat(2000), seq: 4 };
  expect(fromWire([cutToFit(chunk)], 4)).toEqual([{ ...chunk, base64: 'QUJD'.repeat(256), unsentChars: 8000 - 1024 }]);
});

test('sentBytes: what a text takes in a message, as JSON in UTF-8 or as two bytes a character', () => {
  for (const text of [
    'plain',
    '"quoted" \\ slash',
    'é and ü',
    '한국어',
    '😀 pair',
    'ctl \u0001\n\t\u000b',
    'lone \ud800 x',
  ]) {
    expect(sentBytes(text)).toBe(Math.max(Buffer.byteLength(JSON.stringify(text), 'utf8'), 2 * text.length));
    expect(sentBytes(text)).toBeLessThanOrEqual(Math.max(3 * text.length + 2, 6 * text.length));
  }
  const json = JSON.stringify(['"\\\u0001é😀\ud800']);
  expect(sentBytes(json)).toBeLessThanOrEqual(3 * json.length);
});

test("a removed frame's capture: parts that each fit one message beside its document", () => {
  const doc = documentInfo('frame', { url: `http://a/${'p'.repeat(100_000)}`, top: false });
  const records = numbered(Array.from({ length: 300 }, (_, i) => listen(i, '\\')));
  const parts = [...arrayBatches(records, asIs, doc)];
  expect(parts.length).toBeGreaterThan(1);
  const seqs = parts.flatMap((part) => {
    expect(messageBytes(message({ type: 'adopt', doc, ...part }))).toBeLessThan(CHROME_LIMIT / 2);
    return (fromWire(JSON.parse(JSON.stringify(part.records)), part.last) ?? []).map((r) => r.seq);
  });
  expect(seqs).toEqual(records.map((r) => r.seq));
});

for (const columns of [false, true])
  test(`a message the browser refuses though it fits is replaced by an unsent record standing for its records (${columns ? 'columns' : 'text'})`, () => {
    const records = numbered(
      Array.from({ length: 300 }, (_, i) => listen(i, '"')),
      11,
    );
    const posted: { last: number; records: string | WireColumns }[] = [];
    let refuse = 1;
    // The browser refuses the first message; the rest go.
    const post = (batch: { last: number; records: string | WireColumns }) => {
      if (refuse-- > 0) return false;
      posted.push(batch);
      return true;
    };
    expect(sendBatch(records, asIs, post, () => 5, columns)).toBe(true);
    // The unsent record goes as text either way; the rest in the form asked for.
    expect(posted.slice(1).every((batch) => typeof batch.records === (columns ? 'object' : 'string'))).toBe(true);
    const unpacked = posted.flatMap(
      (batch) =>
        (typeof batch.records === 'string'
          ? fromWireText(batch.records, batch.last)
          : fromColumns(batch.records, batch.last)) ?? [],
    );
    const [unsent, ...rest] = unpacked;
    expect(unsent).toEqual({
      kind: 'unsent',
      time: 5,
      conn: 0,
      records: (rest[0]?.seq ?? 0) - 11,
      seq: (rest[0]?.seq ?? 0) - 1,
    });
    expect(rest.map((r) => r.seq)).toEqual(records.slice(records.length - rest.length).map((r) => r.seq));
    // A port that refuses everything is gone.
    expect(
      sendBatch(
        records,
        asIs,
        () => false,
        () => 5,
        columns,
      ),
    ).toBe(false);
  });

test('columns: a mixed batch arrives as the same records in order, repeated ids, types and origins named once', () => {
  const records = numbered(
    [
      { ...eventRecord(1, 'a'), lastEventId: '7' },
      { ...eventRecord(1, 'b'), lastEventId: '7', type: 'delta' },
      { kind: 'lifecycle', time: 21, conn: 1, state: 'open' },
      { ...eventRecord(2, 'c'), lastEventId: '', origin: 'http://b' },
      { ...eventRecord(2, 'd'), raw: 'data: d\n\n' },
      { ...eventRecord(2, '"\\\u2028'), type: 'delta', lastEventId: '8' },
    ],
    40,
  );
  const [batch, ...more] = [...columnBatches(records, asIs)];
  expect(more).toHaveLength(0);
  const columns = batch?.records as WireColumns;
  expect([...columns.seq]).toEqual([40, 41, 43, 45]);
  expect(columns.id).toEqual(['7', 0, '', '8']);
  expect(columns.types).toEqual(['message', 'delta']);
  expect(columns.origins).toEqual(['http://a', 'http://b']);
  expect(columns.other.map((r) => r.seq)).toEqual([42, 44]);
  // What the panel gets is a structured clone of it.
  expect(fromColumns(structuredClone(columns), batch?.last ?? 0)).toEqual(records);
});

test('columns that are not what toColumns makes are refused whole', () => {
  const records = numbered([
    eventRecord(1, 'a'),
    eventRecord(1, 'b'),
    { kind: 'lifecycle', time: 21, conn: 1, state: 'open' },
  ]);
  const good = [...columnBatches(records, asIs)][0]?.records as WireColumns;
  expect(fromColumns(good, 3)).toEqual(records);
  const broken: [string, (c: WireColumns) => unknown][] = [
    ['a column as a plain array', (c) => ({ ...c, seq: [...c.seq] })],
    ['columns of different lengths', (c) => ({ ...c, time: c.time.subarray(1) })],
    ['a type past the table', (c) => ({ ...c, type: Uint32Array.of(0, 5) })],
    ['a first id said to repeat', (c) => ({ ...c, id: [0, 0] })],
    ['data that is not text', (c) => ({ ...c, data: ['a', 7] })],
    ['seqs out of order', (c) => ({ ...c, seq: Float64Array.of(2, 1) })],
    ['a fractional seq', (c) => ({ ...c, seq: Float64Array.of(1, 1.5) })],
    ['connection 0', (c) => ({ ...c, conn: Float64Array.of(0, 1) })],
    ['another record out of place', (c) => ({ ...c, other: [{ ...c.other[0], seq: 1 }] })],
    ['an array', () => []],
    [
      'nothing in it',
      (c) => ({
        ...c,
        seq: new Float64Array(0),
        time: new Float64Array(0),
        conn: new Float64Array(0),
        type: new Uint32Array(0),
        origin: new Uint32Array(0),
        data: [],
        id: [],
        other: [],
      }),
    ],
  ];
  for (const [what, breaks] of broken) expect(fromColumns(breaks(good), 3), what).toBeNull();
  // A batch that does not end where it says.
  expect(fromColumns(good, 4)).toBeNull();
});

test('columns: events that escape to four bytes a character go in messages under the limit, in order, none lost', () => {
  // 300 events of 65,000 control characters: 19.5 M characters, 39 MB by structured clone.
  const records = numbered(Array.from({ length: 300 }, (_, i) => eventRecord(1, `${i}:`.padEnd(65_000, '\u0001'))));
  const batches = [...columnBatches(records, asIs)];
  expect(batches.length).toBeGreaterThan(1);
  const seqs: number[] = [];
  for (const batch of batches) {
    // Two bytes a code unit by structured clone, at most.
    const chars = batch.records.data.reduce((n, data) => n + data.length, 0);
    expect(2 * chars).toBeLessThan(CHROME_LIMIT / 2);
    for (const record of fromColumns(structuredClone(batch.records), batch.last) ?? []) seqs.push(record.seq);
  }
  expect(seqs).toEqual(records.map((r) => r.seq));
});

test('columns: other records are measured without their text, and each message is under the limit as cloned', () => {
  // 40 chunks of about 1 MiB as base64, and 40 events cut into 65,536 pieces: 130 MB by structured clone.
  const chunk = (i: number): CaptureRecord =>
    ({ kind: 'chunk', time: i, conn: 1, size: 1_050_000, base64: 'QUJD'.repeat(350_000) }) as CaptureRecord;
  const cut = () => ({
    ...eventRecord(1, 'x'.repeat(65_536)),
    cuts: Array.from({ length: 65_536 }, (_, k) => k),
  });
  const records = numbered(Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? chunk(i) : cut())));
  const batches = [...columnBatches(records, asIs)];
  expect(batches.length).toBeGreaterThan(3);
  const seqs: number[] = [];
  for (const batch of batches) {
    // What Chrome's structured clone writes is V8's serializer's form (Node's v8.serialize).
    expect(serialize(batch.records).length).toBeLessThan(CHROME_LIMIT / 2);
    for (const record of fromColumns(structuredClone(batch.records), batch.last) ?? []) seqs.push(record.seq);
  }
  expect(seqs).toEqual(records.map((r) => r.seq));
});
