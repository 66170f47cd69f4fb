/**
 * A fetch or XHR stream's client reconnecting with a new request: the request that resumes the
 * stream's last id (a `Last-Event-ID` header, or a query parameter), or that follows its end within
 * its retry, is the connection's next attempt; two streams that merely share a URL stay apart.
 */
import { expect, test } from '@playwright/test';
import { findingsByConnection } from '../../src/core/insights/rules';
import type { CaptureStore } from '../../src/core/store/capture-store';
import { ASSUMED_RETRY_MS, RETRY_MARGIN_MS } from '../../src/core/store/resume';
import type { LifecycleMark } from '../../src/core/store/views';
import { describeMarkState, describeState } from '../../src/ui/text/states';
import { type Rec, storeOf, stream, URL_ } from '../support/fetch-streams';
import { speak } from '../support/messages';
import { numbered } from '../support/records';

speak();

const states = (store: CaptureStore) => store.connections.map((c) => c.lifecycle.map((s) => s.state));

test('a request sending the ended stream’s last id as Last-Event-ID is its next attempt, however late', () => {
  const store = storeOf([
    ...stream(1, 100, 'id: 41\ndata: a\n\nid: 42\ndata: b\n\n'),
    // fetch-event-source sends the header in lower case.
    ...stream(2, 60_000, 'id: 43\ndata: c\n\n', { headers: [['last-event-id', '42']], end: false }),
  ]);
  expect(store.connections).toHaveLength(1);
  const [connection] = store.connections;
  expect(connection?.reconnects).toBe(1);
  expect(connection?.state).toBe('open');
  expect(states(store)).toEqual([['connecting', 'open', 'reconnecting', 'open']]);
  expect(connection?.lifecycle[2]?.from).toBe(150);
  expect(store.events.map((e) => [e.data, e.connection.ordinal])).toEqual([
    ['a', 1],
    ['b', 1],
    ['c', 1],
  ]);
  const reconnect = store.marks.find((m) => m.kind === 'reconnecting');
  expect(reconnect).toMatchObject({ time: 60_000, lastEventId: '42', resumed: { by: 'header', lastEventId: '42' } });
  expect(store.marks.map((m) => m.kind)).toEqual(['open', 'ended', 'reconnecting', 'open']);
  expect(store.marks.at(-1)?.again).toBe(true);
  expect(connection?.request?.headers).toEqual([['last-event-id', '42']]);
  expect(connection?.attempts?.map((a) => [a.time, a.ended?.reason, a.response?.time])).toEqual([
    [100, 'complete', 105],
    [60_000, undefined, 60_005],
  ]);
  expect(connection?.endReason).toBeUndefined();
});

test('a query parameter carrying the last id resumes it, whatever its name, and again from the resumed URL', () => {
  const store = storeOf([
    ...stream(1, 100, 'id: 7\ndata: a\n\n', { url: `${URL_}?topic=x` }),
    ...stream(2, 5000, 'id: 8\ndata: b\n\n', { url: `${URL_}?topic=x&lastEventId=7`, end: 'error' }),
    ...stream(3, 9000, 'data: c\n\n', { url: `${URL_}?topic=x&lastEventId=8`, end: false }),
  ]);
  expect(store.connections).toHaveLength(1);
  expect(store.connections[0]?.reconnects).toBe(2);
  expect(store.marks.filter((m) => m.kind === 'reconnecting').map((m) => m.resumed)).toEqual([
    { by: 'query', lastEventId: '7', param: 'lastEventId' },
    { by: 'query', lastEventId: '8', param: 'lastEventId' },
  ]);
  // The client keeps its last id across the reconnect, as an EventSource does.
  expect(store.events.map((e) => e.lastEventId)).toEqual(['7', '8', '8']);
  // event-source-polyfill lets the page name the parameter.
  const named = storeOf([
    ...stream(1, 100, 'id: 7\ndata: a\n\n'),
    ...stream(2, 5000, 'data: b\n\n', { url: `${URL_}?message=7`, end: false }),
  ]);
  expect(named.marks.find((m) => m.kind === 'reconnecting')?.resumed).toEqual({
    by: 'query',
    lastEventId: '7',
    param: 'message',
  });
});

test('with no id, a new request within the stream’s retry (and a margin) is its next attempt', () => {
  const store = storeOf([
    ...stream(1, 100, 'retry: 1000\ndata: a\n\n'),
    ...stream(2, 150 + 310, 'data: b\n\n'),
    ...stream(3, 510 + 1000 + RETRY_MARGIN_MS, 'data: c\n\n', { end: false }),
  ]);
  expect(store.connections).toHaveLength(1);
  expect(store.marks.filter((m) => m.kind === 'reconnecting').map((m) => m.resumed)).toEqual([
    { by: 'retry', afterMs: 310, retryMs: 1000 },
    { by: 'retry', afterMs: 1000 + RETRY_MARGIN_MS, retryMs: 1000 },
  ]);
  // One connection for the health checks: it reconnected, and never sent an id to resume from.
  const [connection] = store.connections;
  const findings = findingsByConnection(store.connections, 10_000).get(connection as never) ?? [];
  expect(findings.map((f) => f.rule)).toContain('not-resumable');
  expect(connection?.insights?.reconnectTimes).toEqual([150, 510]);
});

test('attempts that fail in a row count up, as an EventSource’s do', () => {
  const store = storeOf([
    ...stream(1, 100, 'id: 1\ndata: a\n\n', { end: 'error' }),
    {
      kind: 'connection',
      time: 1200,
      conn: 2,
      type: 'fetch',
      url: URL_,
      withCredentials: false,
      method: 'GET',
      requestHeaders: [['Last-Event-ID', '1']],
    },
    { kind: 'lifecycle', time: 1201, conn: 2, state: 'failed', reason: 'error', error: 'TypeError: Failed to fetch' },
    ...stream(3, 2300, 'data: b\n\n', { headers: [['Last-Event-ID', '1']], end: false }),
  ]);
  expect(store.connections).toHaveLength(1);
  const [connection] = store.connections;
  expect(states(store)).toEqual([['connecting', 'open', 'reconnecting', 'reconnecting', 'open']]);
  expect(connection?.reconnects).toBe(2);
  expect(connection?.attempts?.map((a) => a.ended?.state)).toEqual(['failed', 'failed', undefined]);
});

test('the attempt count is the reconnects in a row while reconnecting', () => {
  const store = storeOf([
    ...stream(1, 100, 'id: 1\ndata: a\n\n', { end: 'error' }),
    {
      kind: 'connection',
      time: 1200,
      conn: 2,
      type: 'fetch',
      url: URL_,
      withCredentials: false,
      method: 'GET',
      requestHeaders: [['Last-Event-ID', '1']],
    },
    { kind: 'lifecycle', time: 1201, conn: 2, state: 'failed', reason: 'error' },
    {
      kind: 'connection',
      time: 2300,
      conn: 3,
      type: 'fetch',
      url: URL_,
      withCredentials: false,
      method: 'GET',
      requestHeaders: [['Last-Event-ID', '1']],
    },
  ]);
  expect(store.connections[0]?.state).toBe('reconnecting');
  expect(store.connections[0]?.attempt).toBe(2);
});

test('streams that merely share a URL stay apart', () => {
  const apart = (...documents: Rec[][]) => storeOf(...documents).connections.length;
  // Two at once: the second was asked before the first ended.
  expect(apart([...stream(1, 100, 'id: 1\ndata: a\n\n'), ...stream(2, 120, 'data: b\n\n')])).toBe(2);
  // Long after the end, resuming nothing.
  expect(
    apart([
      ...stream(1, 100, 'data: a\n\n'),
      ...stream(2, 150 + ASSUMED_RETRY_MS + RETRY_MARGIN_MS + 1, 'data: b\n\n'),
    ]),
  ).toBe(2);
  // Another URL, even with the id.
  expect(
    apart([
      ...stream(1, 100, 'id: 1\ndata: a\n\n'),
      ...stream(2, 200, 'data: b\n\n', { url: 'http://a/other', headers: [['Last-Event-ID', '1']] }),
    ]),
  ).toBe(2);
  // Another document (a frame), at the same moment it would have resumed.
  expect(
    apart(stream(1, 100, 'id: 1\ndata: a\n\n'), stream(2, 200, 'data: b\n\n', { headers: [['Last-Event-ID', '1']] })),
  ).toBe(2);
  // The stream had an id, and the request sends none: a page reading the stream again, not resuming it.
  expect(apart([...stream(1, 100, 'id: 1\ndata: a\n\n'), ...stream(2, 200, 'data: b\n\n')])).toBe(2);
  // Resuming another id: another stream's.
  expect(
    apart([
      ...stream(1, 100, 'id: 1\ndata: a\n\n'),
      ...stream(2, 200, 'data: b\n\n', { headers: [['Last-Event-ID', '99']] }),
    ]),
  ).toBe(2);
  // Within the retry, but another request: a chat's next prompt, or an NDJSON stream no client resumes.
  const posted = (conn: number, at: number, body: string, format: 'sse' | 'ndjson' = 'sse'): Rec[] =>
    stream(conn, at, format === 'sse' ? 'data: a\n\n' : '{"a":1}\n').map((record) =>
      record.kind === 'connection'
        ? { ...record, method: 'POST', requestBody: body, requestBodySize: body.length }
        : record.kind === 'response'
          ? { ...record, format }
          : record,
    );
  expect(apart([...posted(1, 100, '{"q":1}'), ...posted(2, 200, '{"q":2}')])).toBe(2);
  expect(apart([...posted(1, 100, '{"q":1}', 'ndjson'), ...posted(2, 200, '{"q":1}', 'ndjson')])).toBe(2);
  expect(apart([...posted(1, 100, '{"q":1}'), ...posted(2, 200, '{"q":1}')])).toBe(1);
  // EventSource reconnects itself: its records say so, a new EventSource is its own.
  const es: Rec[] = [
    { kind: 'connection', time: 100, conn: 1, type: 'eventsource', url: URL_, withCredentials: false },
    { kind: 'lifecycle', time: 150, conn: 1, state: 'closed' },
    { kind: 'connection', time: 200, conn: 2, type: 'eventsource', url: URL_, withCredentials: false },
  ];
  expect(apart(es)).toBe(2);
});

test('a stream the user cleared away is not resumed: the new request shows as its own', () => {
  const store = storeOf([...stream(1, 100, 'id: 1\ndata: a\n\n')]);
  store.clear(1000);
  store.addRecords('d0', numbered(stream(2, 1200, 'data: b\n\n', { headers: [['Last-Event-ID', '1']] }), 6));
  expect(store.connections).toHaveLength(1);
  expect(store.connections[0]?.reconnects).toBe(0);
  expect(store.connections[0]?.createdAt).toBe(1200);
});

test('an attempt that failed reads as it failed, though the connection is open again', () => {
  const store = storeOf([
    ...stream(1, 100, 'id: 1\ndata: a\n\n', { end: 'error' }),
    ...stream(2, 1200, 'data: b\n\n', { headers: [['Last-Event-ID', '1']], end: false }),
  ]);
  const failed = store.marks.find((m) => m.kind === 'failed');
  expect(failed?.connection.state).toBe('open');
  expect(describeMarkState(failed as LifecycleMark)).toMatchObject({
    tone: 'failed',
    text: expect.stringContaining('TypeError: x'),
  });
  const opened = store.marks.at(-1) as LifecycleMark;
  expect(describeMarkState(opened)).toEqual(describeState(opened.connection));
});

test('a new request is compared with the latest 32 streams at its address, however many a page made', () => {
  const many: Rec[] = [];
  for (let i = 1; i <= 3000; i++) many.push(...stream(i, i * 100, `id: ${i}\ndata: x\n\n`));
  // Each asked before the one before it ended (two at once): none resumes another.
  const store = storeOf(many.map((r) => (r.kind === 'connection' ? { ...r, time: r.time - 99 } : r)));
  expect(store.connections).toHaveLength(3000);
  const resuming = (conn: number, id: string, from: number) =>
    store.addRecords(
      'd0',
      numbered(stream(conn, 400_000 + conn, 'data: y\n\n', { headers: [['last-event-id', id]] }), from),
    );
  // The 32nd latest still resumes; the 33rd is too far back, a connection of its own.
  resuming(3001, '2969', 15_001);
  expect([store.connections.length, store.connections[2968]?.reconnects]).toEqual([3000, 1]);
  resuming(3002, '2968', 15_006);
  expect(store.connections).toHaveLength(3001);
});
