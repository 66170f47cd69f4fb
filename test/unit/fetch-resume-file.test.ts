/**
 * A fetch stream whose client reconnected with new requests, through a capture file: each request
 * is written as an attempt, an import recognises them as one connection again, and a file without
 * attempts (or with attempts that make no sense) reads as it always did.
 */
import { expect, test } from '@playwright/test';
import type { CaptureStore } from '../../src/core/store/capture-store';
import { type CaptureFile, sourceOf, toCaptureFile } from '../../src/files/capture-file';
import { importCaptureFile, storeFromImport } from '../../src/files/capture-import';
import { recordedStream } from '../../src/files/recorded-stream';
import { findingSummary } from '../../src/ui/text/findings';
import { storeOf, stream, URL_ } from '../support/fetch-streams';
import { speak } from '../support/messages';

speak();

const NOW = new Date('2026-12-07T12:00:00Z');
const fileOf = (store: CaptureStore): CaptureFile =>
  JSON.parse(JSON.stringify(toCaptureFile(sourceOf(store, findingSummary), 'test', NOW)));
const reread = (file: unknown) => storeFromImport(importCaptureFile(file).capture);

/** What the panel shows of a store: its connections' lives, its events and its lifecycle rows. */
const shown = (store: CaptureStore) => ({
  connections: store.connections.map((c) => ({
    url: c.url,
    reconnects: c.reconnects,
    state: c.state,
    lifecycle: c.lifecycle,
    request: c.request,
    endReason: c.endReason,
  })),
  events: store.events.map((e) => [e.time, e.data, e.lastEventId, e.connection.ordinal]),
  marks: store.marks.map((m) => [m.time, m.kind, m.lastEventId, m.resumed, m.reason]),
});

const resumedTwice = () =>
  storeOf([
    ...stream(1, 100, 'retry: 500\nid: 1\ndata: a\n\n', { end: 'error' }),
    ...stream(2, 700, 'data: b\n\n', { url: `${URL_}?lastEventId=1` }),
    ...stream(3, 1000, 'id: 2\ndata: c\n\n', { url: `${URL_}?lastEventId=1`, end: false }),
  ]);

test('a stream that reconnected is written with its attempts and read back as one connection', () => {
  const store = resumedTwice();
  expect(store.connections).toHaveLength(1);
  const file = fileOf(store);
  expect(file.connections).toHaveLength(1);
  const [written] = file.connections;
  expect(written?.attempts?.map((a) => [a.time, a.url, a.resumed?.by, a.ended?.state, a.ended?.reason])).toEqual([
    [100, URL_, undefined, 'failed', 'error'],
    [700, `${URL_}?lastEventId=1`, 'query', 'closed', 'complete'],
    [1000, `${URL_}?lastEventId=1`, 'query', undefined, undefined],
  ]);
  const again = reread(file);
  expect(shown(again)).toEqual(shown(store));
  // And written again, the same file.
  expect(fileOf(again)).toEqual(file);
});

test('a reconnect recognised by its time alone comes back from the file too', () => {
  const store = storeOf([...stream(1, 100, 'retry: 1000\ndata: a\n\n'), ...stream(2, 460, 'data: b\n\n')]);
  const again = reread(fileOf(store));
  expect(again.connections).toHaveLength(1);
  expect(again.marks.find((m) => m.kind === 'reconnecting')?.resumed).toEqual({
    by: 'retry',
    afterMs: 310,
    retryMs: 1000,
  });
  expect(shown(again)).toEqual(shown(store));
});

test('attempts that make no sense are passed by: the connection reads as a file without them', () => {
  const file = fileOf(resumedTwice());
  const connection = file.connections[0] as CaptureFile['connections'][number];
  const without = { ...connection };
  delete without.attempts;
  const plain = shown(reread({ ...file, connections: [without] }));
  // Out of order, or an earlier attempt that never ended: as if the file had none.
  const attempts = connection.attempts ?? [];
  const reversed = { ...connection, attempts: [...attempts].reverse() };
  expect(shown(reread({ ...file, connections: [reversed] }))).toEqual(plain);
  const unended = { ...connection, attempts: attempts.map(({ ended: _ended, ...a }) => a) };
  expect(shown(reread({ ...file, connections: [unended] }))).toEqual(plain);
  expect(plain.connections).toHaveLength(1);
});

test('as a test double, each attempt is a response of its own, played to its request', () => {
  const [connection] = fileOf(resumedTwice()).connections;
  const stream = recordedStream(connection as CaptureFile['connections'][number]);
  expect(stream.responses.map((r) => [r.status, r.chunks, r.end])).toEqual([
    [200, [{ at: 5, value: 'retry: 500\nid: 1\ndata: a\n\n' }], { at: 45, value: 'error' }],
    [200, [{ at: 5, value: 'data: b\n\n' }], { at: 45, value: 'close' }],
    [200, [{ at: 5, value: 'id: 2\ndata: c\n\n' }], undefined],
  ]);
});
