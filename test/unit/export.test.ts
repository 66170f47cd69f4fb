/** Exports: the capture file, NDJSON, .sse and HAR, each masked unless asked; read back where a format allows. */
import { expect, test } from '@playwright/test';
import { createParser } from 'eventsource-parser';
import { CaptureStore } from '../../src/core/store/capture-store';
import type { CaptureFile } from '../../src/files/capture-file';
import { importCaptureFile, storeFromImport } from '../../src/files/capture-import';
import { toHar, toNdjson, toSse } from '../../src/files/formats';
import { harToCaptureFile } from '../../src/files/har-import';
import { MASK, maskSecrets } from '../../src/files/redact';
import { describeState } from '../../src/ui/text/states';
import { harErrors } from '../support/har-schema';
import { speak } from '../support/messages';
import { connectionRecord, eventRecord, lifecycleRecord, numbered } from '../support/records';

import { exported, richStore, top } from '../support/rich-capture';

speak();

test('capture JSON: export, import and export again gives the same file', () => {
  const file = exported(richStore());
  expect(file.connections.map((c) => [c.id, c.kind, c.url, c.frame.id])).toEqual([
    [1, 'eventsource', 'http://a/sse', 0],
    [2, 'eventsource', 'http://a/frame-sse', 7],
    [3, 'fetch', 'http://a/v1/chat', 0],
  ]);
  const fetched = file.connections[2];
  expect(fetched?.events.map((e) => [e.type, e.data, e.blockId, e.raw])).toEqual([
    ['message', '{"token":"t0p","n":1}', '5', 'id: 5\ndata: {"token":"t0p","n":1}\n\n'],
    ['tick', 'ab 🚀', undefined, 'event: tick\ndata: ab 🚀\n\n'],
  ]);
  expect(fetched?.events[1]?.cuts).toEqual([19]);
  expect(fetched?.blocks.map((f) => f.raw)).toEqual([': hi\n\n', 'retry: 900\n\n']);
  expect(fetched?.chunks.map((c) => c.size)).toEqual([60, 20]);
  const text = JSON.parse(JSON.stringify(file));
  const { capture, skipped } = importCaptureFile(text);
  expect(skipped).toBe(0);
  const again = exported(storeFromImport(capture));
  expect(again).toEqual(file);
});

test('NDJSON: one event a line, in time order, for jq', () => {
  const lines = toNdjson(exported(richStore()))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines.map((l) => [l.connection, l.type, l.id, l.data])).toEqual([
    [1, 'message', '1', 'one'],
    [1, 'ping', '1', 'two\nlines'],
    [2, 'message', '', 'in frame'],
    [3, 'message', '5', '{"token":"t0p","n":1}'],
    [3, 'tick', '5', 'ab 🚀'],
  ]);
  expect(lines[0]).toEqual(
    expect.objectContaining({ time: new Date(1030).toISOString(), timestamp: 1030, kind: 'eventsource' }),
  );
});

/** Parses a .sse file the way a browser would (BOM and persistent id included). */
function parseSse(bytes: Uint8Array) {
  const events: { type: string; data: string; lastEventId: string }[] = [];
  let lastEventId = '';
  createParser({
    onEvent: (m) => {
      if (m.id !== undefined) lastEventId = m.id;
      events.push({ type: m.event ?? 'message', data: m.data, lastEventId });
    },
  }).feed(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  return events;
}

test('.sse: the bytes as received when known, the events encoded again otherwise; parsing either gives the events', () => {
  const file = exported(richStore());
  const fetched = file.connections[2] as CaptureFile['connections'][number];
  expect(new TextDecoder().decode(toSse(fetched))).toBe(
    ': hi\n\nid: 5\ndata: {"token":"t0p","n":1}\n\nevent: tick\ndata: ab 🚀\n\nretry: 900\n\n',
  );
  for (const connection of file.connections) {
    expect(parseSse(toSse(connection))).toEqual(
      connection.events.map(({ type, data, lastEventId }) => ({ type, data, lastEventId })),
    );
  }
  expect(new TextDecoder().decode(toSse(file.connections[0] as never))).toBe(
    'id: 1\ndata: one\n\nevent: ping\ndata: two\ndata: lines\n\n',
  );
});

test('HAR 1.2: valid against the schema, events under _eventSourceMessages, and read back', () => {
  const har = toHar(exported(richStore()), '0.1.0') as { log: { entries: Record<string, unknown>[] } };
  expect(harErrors(har)).toEqual([]);
  // The schema does catch a broken entry.
  expect(harErrors({ log: { ...har.log, entries: [{ ...har.log.entries[0], time: 'x' }] } })).not.toEqual([]);
  const [first, , third] = har.log.entries;
  expect(first?._eventSourceMessages).toEqual([
    { time: 1.03, eventName: 'message', eventId: '1', data: 'one' },
    { time: 1.07, eventName: 'ping', eventId: '1', data: 'two\nlines' },
  ]);
  expect(third?.request).toEqual(
    expect.objectContaining({
      method: 'POST',
      postData: { mimeType: 'application/json', text: '{"apiKey":"k","q":"hi"}' },
    }),
  );
  // Read back: the same connections and events.
  const back = harToCaptureFile(JSON.parse(JSON.stringify(har)));
  const store = storeFromImport(importCaptureFile(back).capture);
  expect(store.connections.map((c) => [c.kind, c.url, c.events])).toEqual([
    ['eventsource', 'http://a/sse', 2],
    ['eventsource', 'http://a/frame-sse', 1],
    ['fetch', 'http://a/v1/chat', 2],
  ]);
  expect(store.events.map((e) => e.data)).toEqual(['one', 'two\nlines', 'in frame', '{"token":"t0p","n":1}', 'ab 🚀']);
});

test('an export masks every secret by its name: the request, the addresses, event data and blocks; a connection whose data changed leaves out its bytes and answer; masking again changes nothing', () => {
  const file = maskSecrets(exported(richStore()), ['N']);
  const [es, , fetched] = file.connections;
  expect(fetched?.events[0]?.data).toBe(`{"token":"${MASK}","n":"${MASK}"}`);
  expect(fetched?.request?.body).toBe(`{"apiKey":"${MASK}","q":"hi"}`);
  expect(fetched?.request?.headers).toEqual([
    ['Content-Type', 'application/json'],
    ['Authorization', `Bearer ${MASK}`],
  ]);
  expect(fetched?.chunks).toEqual([]);
  // The changed event lost its exact block (its cuts no longer fit); the one that did not change kept it.
  expect(fetched?.events.map((e) => e.raw !== undefined)).toEqual([false, true]);
  expect(fetched?.events[1]?.cuts).toEqual([19]);
  // An EventSource with nothing secret keeps everything.
  expect(es?.events.map((e) => e.data)).toEqual(['one', 'two\nlines']);
  expect(file.secrets).toBe('masked');
  expect(file.redacted).toEqual({ keys: ['n'] });
  expect(JSON.stringify(file)).not.toContain('t0p');
  expect(maskSecrets(file, ['N'])).toEqual(file);
  // Still a valid capture, and its .sse still parses to the (masked) events.
  expect(importCaptureFile(JSON.parse(JSON.stringify(file))).skipped).toBe(0);
  expect(parseSse(toSse(fetched as never)).map((e) => e.data)).toEqual(fetched?.events.map((e) => e.data));
  // Without the extra field name, only what is named like a secret.
  expect(maskSecrets(exported(richStore())).connections[2]?.events[0]?.data).toBe(`{"token":"${MASK}","n":1}`);
});

test('an export masks a URL’s query, fragment and password, a form body, and JSON nested deeper than any stack', () => {
  const store = new CaptureStore();
  store.addDocument({ ...top, url: 'http://a/page?session=abc#access_token=xyz&state=1' });
  const deep = `${'['.repeat(200_000)}{"password":"hunter2"}${']'.repeat(200_000)}`;
  store.addRecords(
    'top',
    numbered([
      {
        ...connectionRecord(1, 1010, 'https://user:pw@a.example/v1beta/models:stream?alt=sse&key=AIzaSy'),
        type: 'fetch',
        method: 'POST',
        requestHeaders: [
          ['X-Goog-Api-Key', 'AIzaSy'],
          ['Content-Type', 'application/x-www-form-urlencoded'],
        ],
        requestBody: 'grant_type=refresh_token&refresh_token=r3fr&client_secret=s3c',
      },
      { ...eventRecord(1, deep, 1030), lastEventId: '1' },
    ]),
  );
  const file = maskSecrets(exported(store));
  const [c] = file.connections;
  expect(c?.url).toBe(`https://user:${MASK}@a.example/v1beta/models:stream?alt=sse&key=${MASK}`);
  expect(c?.request?.headers[0]).toEqual(['X-Goog-Api-Key', MASK]);
  expect(c?.request?.body).toBe(`grant_type=refresh_token&refresh_token=${MASK}&client_secret=${MASK}`);
  expect(c?.frame.url).toBe(`http://a/page?session=${MASK}#access_token=${MASK}&state=1`);
  expect(file.page).toBe(`http://a/page?session=${MASK}#access_token=${MASK}&state=1`);
  expect(c?.events[0]?.data).toBe(`${'['.repeat(200_000)}{"password":"${MASK}"}${']'.repeat(200_000)}`);
  // HAR and NDJSON come from the masked file.
  expect(JSON.stringify(toHar(file, '1'))).not.toMatch(/AIzaSy|r3fr|s3c|hunter2|xyz/);
  expect(toNdjson(file)).not.toMatch(/AIzaSy|r3fr|s3c|hunter2|xyz/);
});

test('a worker’s EventSource (network capture): its events come from its bytes, every type, over two responses; the file carries the worker and round-trips', () => {
  const store = new CaptureStore();
  store.addDocument(top);
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const conn = 1_000_001;
  const headers: [string, string][] = [['content-type', 'text/event-stream']];
  const response = (time: number) =>
    ({ kind: 'response', time, conn, url: 'http://a/w', status: 200, statusText: '', headers, format: 'sse' }) as const;
  store.addRecords(
    'top',
    numbered([
      { kind: 'worker', time: 990, conn: 0, worker: 'shared', url: 'http://a/shw.js', late: true },
      { kind: 'connection', time: 1000, conn, type: 'eventsource', url: 'http://a/w', withCredentials: false },
      { kind: 'worker', time: 1000, conn, worker: 'shared', url: 'http://a/shw.js' },
      response(1001),
      lifecycleRecord(conn, 'open', 1001),
      { kind: 'chunk', time: 1002, conn, size: 27, base64: b64(': hi\nevent: update\ndata: a'), begins: true },
      { kind: 'chunk', time: 1003, conn, size: 11, base64: b64('\nid: 1\n\ndat') },
      { kind: 'chunk', time: 1003, conn, size: 0, base64: '', ends: true },
      { kind: 'lifecycle', time: 1003, conn, state: 'reconnecting', attempt: 1 },
      { kind: 'http', time: 1010, conn, url: 'http://a/w', status: 200, lastEventId: '1' },
      response(1010),
      { ...lifecycleRecord(conn, 'open', 1010), attempt: 1 },
      { kind: 'chunk', time: 1011, conn, size: 9, base64: b64('data: b\n\n'), begins: true },
    ]),
  );
  expect(store.workers).toEqual([{ time: 990, docId: 'top', kind: 'shared', url: 'http://a/shw.js', late: true }]);
  const [connection] = store.connections;
  expect(connection?.worker).toEqual({ kind: 'shared', url: 'http://a/shw.js' });
  // Not paired with listeners (there are none to see): a type nobody on the page listens for is an event like any.
  expect(store.events.map((e) => [e.type, e.data, e.lastEventId])).toEqual([
    ['update', 'a', '1'],
    ['message', 'b', '1'],
  ]);
  expect(connection?.unheard).toBe(0);
  expect(connection?.comments).toBe(1);
  // The unfinished block the first response ended in is said so, not joined to the next response.
  expect(connection?.blocks.map((b) => b.raw)).toEqual(['dat']);
  expect([connection?.state, connection?.reconnects, connection?.bytes]).toEqual(['open', 1, 47]);
  const file = exported(store);
  expect(file.connections[0]?.worker).toEqual({ kind: 'shared', url: 'http://a/shw.js' });
  expect(new TextDecoder().decode(toSse(file.connections[0] as CaptureFile['connections'][number]))).toBe(
    ': hi\nevent: update\ndata: a\nid: 1\n\ndatdata: b\n\n',
  );
  const again = exported(storeFromImport(importCaptureFile(JSON.parse(JSON.stringify(file))).capture));
  expect(again).toEqual(file);
});

test('a connection whose document went away comes back gone from its file, its lane ended, not open', () => {
  const store = richStore();
  store.documentGone('frame');
  const file = exported(store);
  const framed = file.connections.find((c) => c.frame.id === 7);
  expect(framed?.gone).toBe(true);
  expect(file.connections.filter((c) => c.gone).length).toBe(1);
  const imported = storeFromImport(importCaptureFile(JSON.parse(JSON.stringify(file))).capture);
  const view = imported.connections.find((c) => c.frameId === 7);
  expect([view?.gone, view && describeState(view).label]).toEqual([true, 'gone']);
  expect(imported.events.filter((e) => e.connection === view).map((e) => e.data)).toEqual(['in frame']);
  expect(exported(imported)).toEqual(file);
});

test('a reconnect in the same moment as the last event comes back after it: its request sends that event’s id', () => {
  const store = new CaptureStore();
  store.addDocument(top);
  store.addRecords(
    top.docId,
    numbered([
      connectionRecord(1, 1000),
      lifecycleRecord(1, 'open', 1001),
      { ...eventRecord(1, 'four', 1005), lastEventId: '4' },
      { ...eventRecord(1, 'five', 1006), lastEventId: '5' },
      { ...lifecycleRecord(1, 'reconnecting', 1006), attempt: 1 },
      lifecycleRecord(1, 'open', 1006),
    ]),
  );
  const reconnectsOf = (s: CaptureStore) =>
    s.marks.filter((m) => m.kind === 'reconnecting').map((m) => [m.time, m.lastEventId]);
  expect(reconnectsOf(store)).toEqual([[1006, '5']]);
  const imported = storeFromImport(importCaptureFile(JSON.parse(JSON.stringify(exported(store)))).capture);
  expect(reconnectsOf(imported)).toEqual([[1006, '5']]);
  expect(imported.marks.map((m) => m.kind)).toEqual(store.marks.map((m) => m.kind));
});
