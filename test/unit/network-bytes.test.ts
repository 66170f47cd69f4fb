/**
 * Firefox's network capture of EventSource streams, module by module: the worker's stream filters (with a
 * stand-in for the stream filter, which only Firefox has), the relay's claiming of its batches,
 * and the panel's pairing of the bytes with the events the page received.
 */
import { expect, test } from '@playwright/test';
import { StreamFilters } from '../../src/background/network-capture/firefox/stream-filters';
import type { ByteBatch } from '../../src/background/network-capture/types';
import { toBase64 } from '../../src/core/base64';
import { LIMITS } from '../../src/core/limits';
import type { ChunkRecord } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import { validateCaptureRecord } from '../../src/core/validate-record';
import { sourceOf, toCaptureFile } from '../../src/files/capture-file';
import { importCaptureFile, storeFromImport } from '../../src/files/capture-import';
import { toSse } from '../../src/files/formats';
import { validateBackgroundToTab } from '../../src/messages/guards';
import { type ByteBatchMessage, message } from '../../src/messages/messages';
import type { StreamFilter } from '../../src/platform/browser';
import { ResponseBytes } from '../../src/relay/response-bytes';
import { findingSummary } from '../../src/ui/text/findings';
import { frameDocument } from '../support/documents';
import { connectionRecord, eventRecord, numbered } from '../support/records';

const bytes = (text: string) => new TextEncoder().encode(text);
const b64 = (text: string) => toBase64(bytes(text));
const text = (base64: string) => new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));

class FakeFilter {
  ondata: StreamFilter['ondata'];
  onstop: StreamFilter['onstop'];
  onerror: StreamFilter['onerror'];
  readonly written: string[] = [];
  closed = false;
  disconnected = false;
  write(data: ArrayBuffer | Uint8Array): void {
    this.written.push(new TextDecoder().decode(data));
  }
  close(): void {
    this.closed = true;
  }
  disconnect(): void {
    this.disconnected = true;
  }
  data(chunk: string): void {
    this.ondata?.({ data: bytes(chunk).buffer as ArrayBuffer });
  }
}

function filtersSetup(answer: (batch: ByteBatch) => boolean | Promise<boolean> = () => true) {
  const filters = new Map<string, FakeFilter>();
  const sent: ByteBatch[] = [];
  const reader = new StreamFilters(
    (id) => {
      const filter = new FakeFilter();
      filters.set(id, filter);
      return filter as unknown as StreamFilter;
    },
    async (_to, batch) => {
      sent.push(structuredClone(batch));
      return answer(batch);
    },
  );
  return { reader, filters, sent, filter: (id: string) => filters.get(id) as FakeFilter };
}

const to = { tabId: 1, frameId: 0, documentId: 'DOC' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 40));

test('stream filters: passes every chunk on at once and unchanged, and sends copies in batches, then the end', async () => {
  const { reader, filter, sent } = filtersSetup();
  reader.read('7', to);
  filter('7').data(': hi\n\n');
  filter('7').data('data: one\n\n');
  expect(filter('7').written).toEqual([': hi\n\n', 'data: one\n\n']);
  expect(sent).toEqual([]);
  await settle();
  expect(sent.map((b) => [b.request, b.chunks.map(([, c]) => text(c)), b.ends])).toEqual([
    ['7', [': hi\n\n', 'data: one\n\n'], undefined],
  ]);
  filter('7').data('data: two\n\n');
  filter('7').onstop?.({ data: new ArrayBuffer(0) });
  expect(filter('7').closed).toBe(true);
  expect(sent.map((b) => [b.chunks.map(([, c]) => text(c)), b.ends])).toEqual([
    [[': hi\n\n', 'data: one\n\n'], undefined],
    [['data: two\n\n'], true],
  ]);
  expect(reader.active).toBe(0);
});

test('stream filters: stops copying, and lets the response flow untouched, when the document does not want it', async () => {
  const { reader, filter, sent } = filtersSetup(() => false);
  reader.read('8', to);
  filter('8').data('data: a fetch that asked for SSE\n\n');
  await settle();
  expect(filter('8').disconnected).toBe(true);
  expect(reader.active).toBe(0);
  // A filter disconnected by the browser's own hand would not call back; this one still passes data on.
  filter('8').data('data: more\n\n');
  await settle();
  expect(sent).toHaveLength(1);
  expect(filter('8').written).toEqual(['data: a fetch that asked for SSE\n\n', 'data: more\n\n']);
});

test('stream filters: stops when the document is gone, and a chunk larger than a record may be is sent in pieces', async () => {
  const { reader, filter, sent } = filtersSetup(() => Promise.reject(new Error('no such document')));
  reader.read('9', to);
  filter('9').data('x'.repeat(LIMITS.chunkBytes + 10));
  expect(sent.map((b) => b.chunks.map(([, c]) => text(c).length))).toEqual([[LIMITS.chunkBytes, 10]]);
  await settle();
  expect(filter('9').disconnected).toBe(true);
});

test('a request no stream filter can read is left alone', () => {
  const reader = new StreamFilters(
    () => {
      throw new Error('Invalid request ID');
    },
    async () => true,
  );
  reader.read('1', to);
  expect(reader.active).toBe(0);
});

const batch = (request: string, parts: string[], ends?: true): ByteBatchMessage => {
  const message: ByteBatchMessage = { type: 'bytes', request, chunks: parts.map((p, i) => [100 + i, b64(p)]) };
  if (ends) message.ends = true;
  return message;
};

test('the relay keeps a claimed request’s chunks as its connection’s; the first begins a response, the end is marked', () => {
  const wire = new ResponseBytes();
  expect(wire.claim('5', 2)).toEqual([]);
  const records = wire.receive(batch('5', ['data: a\n\n', 'data: b\n\n'])) as ChunkRecord[];
  expect(records.map(({ conn, size, begins, ends, base64 }) => [conn, size, begins, ends, text(base64 ?? '')])).toEqual(
    [
      [2, 9, true, undefined, 'data: a\n\n'],
      [2, 9, undefined, undefined, 'data: b\n\n'],
    ],
  );
  const end = wire.receive(batch('5', [], true)) as ChunkRecord[];
  expect(end).toEqual([expect.objectContaining({ conn: 2, size: 0, ends: true })]);
});

test('batches wait for their request to be claimed; one never claimed is refused', () => {
  let now = 0;
  const wire = new ResponseBytes(() => now);
  expect(wire.receive(batch('6', ['data: early\n\n']))).toEqual([]);
  expect(wire.claim('6', 3).map((r) => [r.conn, r.begins, text(r.base64 ?? '')])).toEqual([
    [3, true, 'data: early\n\n'],
  ]);
  expect(wire.receive(batch('fetch', ['data: x\n\n']))).toEqual([]);
  now = 6000;
  expect(wire.receive(batch('fetch', ['data: y\n\n']))).toBeNull();
  expect(wire.claim('fetch', 4)).toEqual([]);
  // What waits is bounded: past it, a request is refused.
  expect(wire.receive(batch('huge', ['x'.repeat(5 << 20)]))).toEqual([]);
  expect(wire.receive(batch('huge', ['x'.repeat(2 << 20)]))).toBeNull();
});

const doc = frameDocument('d');
const chunk = (time: number, data: string, flags: Partial<ChunkRecord> = {}): ChunkRecord => ({
  kind: 'chunk',
  time,
  conn: 1,
  size: bytes(data).byteLength,
  base64: b64(data),
  ...flags,
});
const named = (type: string, data: string, time: number) => ({ ...eventRecord(1, data, time), type });

const WIRE = [
  ': hello\n\nretry: 500\ndata: one\n\n',
  'event: nobody\ndata: unheard\n\nevent: ping\ndata: {"n":1}\n\ndata: t',
  'wo\n\n: bye\n\n',
];

/** A connection listening for `ping`, its three events, the three chunks that carried them, and the end. */
function wireCapture() {
  return {
    head: [connectionRecord(1, 10), { kind: 'listen' as const, time: 11, conn: 1, type: 'ping' }],
    events: [eventRecord(1, 'one', 30), named('ping', '{"n":1}', 40), eventRecord(1, 'two', 50)],
    chunks: [
      chunk(25, WIRE[0] as string, { begins: true }),
      chunk(35, WIRE[1] as string),
      chunk(45, WIRE[2] as string),
    ],
    end: chunk(60, '', { size: 0, base64: '', ends: true }),
  };
}

for (const order of ['bytes first', 'events first']) {
  test(`the panel pairs each received event with its block from the wire (${order}); unheard events become blocks`, () => {
    const store = new CaptureStore();
    store.addDocument(doc);
    const { head, events, chunks, end } = wireCapture();
    const records =
      order === 'bytes first' ? [...head, ...chunks, ...events, end] : [...head, ...events, ...chunks, end];
    store.addRecords('d', numbered(records));

    expect(store.events.map((e) => [e.type, e.data, e.raw, e.cuts, e.retry, e.notes])).toEqual([
      ['message', 'one', 'retry: 500\ndata: one\n\n', undefined, 500, undefined],
      ['ping', '{"n":1}', 'event: ping\ndata: {"n":1}\n\n', undefined, undefined, undefined],
      ['message', 'two', 'data: two\n\n', [7], undefined, undefined],
    ]);
    const [connection] = store.connections;
    expect(connection?.unheard).toBe(1);
    expect(connection?.retry).toBe(500);
    expect(connection?.comments).toBe(2);
    expect(connection?.blocks.map((b) => [b.raw, b.comments, b.notes])).toEqual([
      [': hello\n\n', ['hello'], []],
      [
        'event: nobody\ndata: unheard\n\n',
        undefined,
        ['event “nobody”: no listener, so it was not dispatched to the page'],
      ],
      [': bye\n\n', ['bye'], []],
    ]);
    // Chunks are the network's; the connection's bytes stay the events' data, as without the bytes.
    expect(connection?.chunks.map((c) => [c.size, c.begins, c.ends])).toEqual([
      [WIRE[0]?.length, true, undefined],
      [WIRE[1]?.length, undefined, undefined],
      [WIRE[2]?.length, undefined, true],
    ]);
    expect(connection?.bytes).toBe(3 + 7 + 3);
  });
}

test('events from before the bytes were read, and bytes the page never received, pair with nothing', () => {
  const store = new CaptureStore();
  store.addDocument(doc);
  store.addRecords(
    'd',
    numbered([
      connectionRecord(1, 10),
      eventRecord(1, 'before the copy', 20),
      eventRecord(1, 'same', 30),
      // A reconnect read from the wire: its first response begins afresh.
      chunk(40, 'data: same\n\ndata: after close (never received)\n\n', { begins: true }),
      chunk(50, 'data: same\n\n', { begins: true }),
      eventRecord(1, 'same', 55),
    ]),
  );
  expect(store.events.map((e) => [e.data, e.raw])).toEqual([
    ['before the copy', undefined],
    ['same', 'data: same\n\n'],
    ['same', 'data: same\n\n'],
  ]);
});

test('a capture with an EventSource’s network bytes exports and imports to the same file, its blocks not doubled', () => {
  const store = new CaptureStore();
  store.addDocument(doc);
  const { head, events, chunks, end } = wireCapture();
  // As they would arrive: each chunk, then the event it completed.
  const interleaved = chunks.flatMap((c, i) => [c, events[i] as (typeof events)[number]]);
  store.addRecords('d', numbered([...head, ...interleaved, end]));
  const file = toCaptureFile(sourceOf(store, findingSummary), 'test', new Date(0));
  const [connection] = file.connections;
  expect(connection?.chunks.map((c) => [c.begins, c.ends])).toEqual([
    [true, undefined],
    [undefined, undefined],
    [undefined, true],
  ]);
  expect(connection?.blocks).toHaveLength(3);
  expect(new TextDecoder().decode(toSse(connection as never))).toBe(WIRE.join(''));
  const { capture, skipped } = importCaptureFile(JSON.parse(JSON.stringify(file)));
  expect(skipped).toBe(0);
  const imported = storeFromImport(capture);
  expect(imported.connections[0]?.unheard).toBe(1);
  expect(toCaptureFile(sourceOf(imported, findingSummary), 'test', new Date(0))).toEqual(file);
});

test('wire batches and chunk flags are checked like every other message', () => {
  const ok = validateBackgroundToTab(message({ type: 'bytes', request: '12', chunks: [[1, b64('data: x\n\n')]] }));
  expect(ok).toEqual({ type: 'bytes', request: '12', chunks: [[1, b64('data: x\n\n')]] });
  for (const bad of [
    { type: 'bytes', request: 12, chunks: [] },
    { type: 'bytes', request: '12', chunks: [[1, 'not base64!']] },
    { type: 'bytes', request: '12', chunks: [[-1, '']] },
    { type: 'bytes', request: '12', chunks: [], ends: 'yes' },
    { type: 'bytes', request: 'x'.repeat(65), chunks: [] },
  ])
    expect(validateBackgroundToTab(message(bad as never))).toBeNull();
  const record = { kind: 'chunk', seq: 1, time: 1, conn: 1, size: 0, base64: '', ends: true };
  expect(validateCaptureRecord(record)).toEqual(record);
  expect(validateCaptureRecord({ ...record, begins: 1 })).toBeNull();
});

test('a chunk’s base64 is checked whole: a 4 MiB chunk passes, padding and stray characters do not', () => {
  const record = { kind: 'chunk', seq: 1, time: 1, conn: 1, size: 3, base64: 'YWJj' };
  const big = toBase64(new Uint8Array(LIMITS.chunkBytes).map((_, i) => i % 251));
  expect(validateCaptureRecord({ ...record, size: LIMITS.chunkBytes, base64: big })).not.toBeNull();
  for (const ok of ['', 'YWJj', 'YWI=', 'YQ==', 'YWJjYQ=='])
    expect(validateCaptureRecord({ ...record, base64: ok }), ok).not.toBeNull();
  for (const bad of ['YWJ', 'YQ=', 'Y===', 'YQ==YWJj', 'YW=j', '=YWJ', 'YWJj\n', 'YW-_', `${big}A`])
    expect(validateCaptureRecord({ ...record, base64: bad }), bad.slice(0, 12)).toBeNull();
});
