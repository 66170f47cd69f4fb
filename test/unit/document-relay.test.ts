/**
 * The relay's logic without a browser: what it keeps and publishes, what it tells the worker, how a
 * frame going away hands its capture over, and who may adopt it.
 *
 * Long because: every case drives the one harness of the relay's logic defined here.
 */
import { expect, test } from '@playwright/test';
import type { CaptureRecord, DocumentInfo } from '../../src/core/model';
import type { RelayToBackgroundOneShot, Unbranded, WorkerStreamMessage } from '../../src/messages/messages';
import { type CaptureLink, DocumentRelay } from '../../src/relay/document-relay';
import type { TimingEntry } from '../../src/relay/resource-timing';
import { connectionRecord, eventRecord, lifecycleRecord } from '../support/records';

interface Harness {
  relay: DocumentRelay;
  /** What each link published, by the document it serves. */
  published: Map<string, CaptureRecord[]>;
  attached: string[];
  sent: Unbranded<RelayToBackgroundOneShot>[];
  timers: (() => void)[];
  clock: { now: number };
}

function harness(docId: string, isTop: boolean, startAt = 1000): Harness {
  const published = new Map<string, CaptureRecord[]>();
  const attached: string[] = [];
  const sent: Unbranded<RelayToBackgroundOneShot>[] = [];
  const timers: (() => void)[] = [];
  const clock = { now: startAt };
  const link = (_capture: unknown, describe: () => DocumentInfo): CaptureLink => ({
    publish: (records) => {
      const id = describe().docId;
      published.set(id, [...(published.get(id) ?? []), ...records]);
    },
    attach: () => attached.push(describe().docId),
    restored: () => undefined,
  });
  const relay = new DocumentRelay({
    docId,
    isTop,
    url: () => `http://a/${docId}`,
    now: () => clock.now,
    link,
    sendOneShot: (message) => sent.push(message),
    forTheWire: (record) => record,
    setTimeout: (callback) => timers.push(callback),
  });
  return { relay, published, attached, sent, timers, clock };
}

test('records are kept, numbered and published; the worker hears when the count of live connections changes', () => {
  const { relay, published, sent } = harness('top', true);
  relay.keep([connectionRecord(1, 1001), eventRecord(1, 'a', 1002)], 0);
  relay.keep([eventRecord(1, 'b', 1003)], 0);
  relay.keep([lifecycleRecord(1, 'closed', 1004)], 0);
  expect(published.get('top')?.map((r) => [r.seq, r.kind])).toEqual([
    [1, 'connection'],
    [2, 'event'],
    [3, 'event'],
    [4, 'lifecycle'],
  ]);
  expect(sent).toEqual([
    {
      type: 'summary',
      summary: { docId: 'top', top: true, activatedAt: 1000, open: 1, connections: 1, byOrigin: { 'http://a': 1 } },
    },
    { type: 'summary', summary: { docId: 'top', top: true, activatedAt: 1000, open: 0, connections: 1, byOrigin: {} } },
  ]);
});

test('a frame going away ends its live connections as unloaded, hands its capture over, and keeps nothing after', () => {
  const frame = harness('frame', false);
  frame.relay.keep([connectionRecord(1, 1001), eventRecord(1, 'a', 1002)], 0);
  frame.clock.now = 1500;
  frame.relay.pagehide(false);
  frame.relay.keep([eventRecord(1, 'late', 1501)], 0);
  const adoptions = frame.sent.filter((m) => m.type === 'adopt');
  expect(adoptions).toHaveLength(1);
  const [adoption] = adoptions;
  if (adoption?.type !== 'adopt') throw new Error('no adoption');
  expect(adoption.doc).toEqual({ docId: 'frame', url: 'http://a/frame', top: false, activatedAt: 1000 });
  expect(adoption.last).toBe(3);
  expect(adoption.records.map((r) => (Array.isArray(r) ? 'event' : r.kind))).toEqual([
    'connection',
    'event',
    'lifecycle',
  ]);
  expect(adoption.records[2]).toMatchObject({ state: 'closed', reason: 'unloaded', time: 1500 });

  // The top frame serves it under the frame's own id, and attaches it with its own.
  const top = harness('top', true, 900);
  top.relay.receive({ ...adoption, doc: { ...adoption.doc, gone: { frameId: 3 } } });
  expect(top.published.get('frame')?.map((r) => r.seq)).toEqual([1, 2, 3]);
  expect(top.relay.receive({ type: 'attach' })).toBeDefined();
  expect(top.attached).toEqual(['top', 'frame']);
});

test("a frame's capture too large for one message goes over in parts that each fit, and the top frame serves it whole", () => {
  const frame = harness('frame', false);
  // 300 listened-for types of 65,000 backslashes: 78 MB as one message.
  const types = Array.from({ length: 300 }, (_, i) => ({
    kind: 'listen' as const,
    time: 1001,
    conn: 1,
    type: `${i}:`.padEnd(65_000, '\\'),
  }));
  frame.relay.keep([connectionRecord(1, 1001), ...types], 0);
  frame.relay.pagehide(false);
  const parts = frame.sent.filter((m) => m.type === 'adopt');
  expect(parts.length).toBeGreaterThan(1);
  for (const part of parts) expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThan(32 * 2 ** 20);
  const top = harness('top', true, 900);
  for (const part of parts)
    if (part.type === 'adopt') top.relay.receive({ ...part, doc: { ...part.doc, gone: { frameId: 3 } } });
  expect(top.published.get('frame')?.map((r) => r.seq)).toEqual(Array.from({ length: 302 }, (_, i) => i + 1));
});

test('a full capture says what it did not keep within a second, though the page sends nothing more', () => {
  const { relay, published, timers, clock } = harness('top', true);
  relay.capture.setBudget(1000);
  relay.keep([connectionRecord(1, 1001), eventRecord(1, 'x'.repeat(800), 1002)], 0);
  // Past the cap: the first count goes into the reserve, the second fills it and is said for the
  // whole document at once, and the next ones wait.
  relay.keep([eventRecord(1, 'y'.repeat(300), 1003)], 0);
  relay.keep([eventRecord(1, 'z', 1004)], 0);
  relay.keep([eventRecord(1, 'w', 1005)], 0);
  relay.keep([eventRecord(1, 'v', 1006)], 0);
  const dropped = () => (published.get('top') ?? []).filter((r) => r.kind === 'dropped');
  expect(dropped().map((r) => (r.kind === 'dropped' ? [r.conn, r.events] : []))).toEqual([
    [1, 1],
    [0, 1],
  ]);
  expect(timers).toHaveLength(1);
  clock.now += 1000;
  timers[0]?.();
  expect(dropped().at(-1)).toEqual(expect.objectContaining({ conn: 0, events: 2 }));
  expect(timers).toHaveLength(1);
});

test('only the top frame adopts, and only the capture of a frame of its own page', () => {
  const frame = harness('frame', false, 1000);
  frame.relay.keep([connectionRecord(1, 1001)], 0);
  frame.relay.pagehide(false);
  const adoption = frame.sent.find((m) => m.type === 'adopt');
  if (adoption?.type !== 'adopt') throw new Error('no adoption');
  const gone = { ...adoption, doc: { ...adoption.doc, gone: { frameId: 3 } } };
  const sibling = harness('other-frame', false, 900);
  sibling.relay.receive(gone);
  expect(sibling.published.size).toBe(0);
  // A top document that started after the frame is a later page's.
  const later = harness('later-top', true, 1100);
  later.relay.receive(gone);
  expect(later.published.size).toBe(0);
  // Not gone: not a frame that went away.
  const top = harness('top', true, 900);
  top.relay.receive(adoption);
  expect(top.published.size).toBe(0);
});

test('attach: every frame reconnects, only the top one answers; after pagehide the network is not heard', async () => {
  const top = harness('top', true);
  const frame = harness('frame', false);
  expect(await top.relay.receive({ type: 'attach' })).toBe(true);
  expect(frame.relay.receive({ type: 'attach' })).toBeUndefined();
  expect(frame.attached).toEqual(['frame']);
  top.relay.pagehide(false);
  expect(await top.relay.receive({ type: 'bytes', request: '7', chunks: [[1, 'YQ==']] })).toBe(false);
});

test('resource timing: each connection learns its origin’s HTTP version; a failed EventSource no panel watched gets its status and type', () => {
  const { relay, published, timers } = harness('top', true);
  const entry = (fields: Partial<TimingEntry>): TimingEntry => ({
    name: 'http://a/top',
    initiator: 'navigation',
    start: 1000,
    end: 1000,
    httpVersion: 'http/1.1',
    status: 200,
    contentType: 'text/html',
    ...fields,
  });
  const relayRecords = () =>
    (published.get('top') ?? [])
      .filter((r) => r.kind === 'http-version' || r.kind === 'http')
      .map(({ seq, ...r }) => r);
  relay.keep([connectionRecord(1, 1001), connectionRecord(2, 1002, 'http://b/sse')], 0);
  expect(relayRecords()).toEqual([]);
  // The page's own navigation tells http://a's version; a cross-origin image tells none.
  relay.resourceTiming([entry({}), entry({ name: 'http://b/img.png', initiator: 'img', httpVersion: '' })]);
  expect(relayRecords()).toEqual([{ kind: 'http-version', time: 1000, conn: 1, httpVersion: 'http/1.1' }]);
  // A connection made later is told at once.
  relay.keep([connectionRecord(3, 1003, 'http://a/sse/3')], 0);
  expect(relayRecords().at(-1)).toEqual({ kind: 'http-version', time: 1000, conn: 3, httpVersion: 'http/1.1' });
  // It fails; its entry comes, and is matched a moment later, if the network layer did not claim it.
  relay.keep([lifecycleRecord(3, 'failed', 1010)], 0);
  relay.resourceTiming([
    entry({
      name: 'http://a/sse/3',
      initiator: 'other',
      start: 1003,
      end: 1009,
      status: 404,
      contentType: 'text/plain',
    }),
    // A response that opened a stream tells nothing new; one of a URL no EventSource asked for is not looked at.
    entry({ name: 'http://a/sse/1', initiator: 'other', start: 1001, end: 1005, contentType: 'text/event-stream' }),
    entry({ name: 'http://a/other', initiator: 'other', start: 1001, end: 1005, status: 500 }),
  ]);
  expect(timers).toHaveLength(1);
  expect(relayRecords()).toHaveLength(2);
  timers[0]?.();
  expect(relayRecords().at(-1)).toEqual({
    kind: 'http',
    time: 1009,
    conn: 3,
    url: 'http://a/sse/3',
    status: 404,
    contentType: 'text/plain',
    via: 'timing',
  });
  // While a panel watches, the network layer's view comes first and claims the request: the entry adds nothing.
  relay.keep([connectionRecord(4, 1020, 'http://a/sse/4'), lifecycleRecord(4, 'failed', 1030)], 0);
  const url = 'http://a/sse/4';
  relay.receive({ type: 'http', observation: { time: 1025, url, requestedUrl: url, requestTime: 1021, status: 404 } });
  relay.resourceTiming([entry({ name: url, initiator: 'other', start: 1021, end: 1026, status: 404 })]);
  timers[1]?.();
  expect(relayRecords().filter((r) => r.conn === 4)).toEqual([
    { kind: 'http-version', time: 1000, conn: 4, httpVersion: 'http/1.1' },
    { kind: 'http', time: 1025, conn: 4, url, status: 404 },
  ]);
});

test('network capture’s arrival times of a fetch stream are the records of the stream the page reads, even when they come first', () => {
  const { relay, published } = harness('top', true);
  const url = 'http://a/chat';
  const arrivals = () => (published.get('top') ?? []).filter((r) => r.kind === 'arrival').map(({ seq, ...r }) => r);
  const batch = (request: string, chunks: [number, number][], ends?: true) =>
    relay.receive({ type: 'arrivals', request, url, requestTime: 1010, chunks, ...(ends ? { ends } : {}) });
  // The first batch comes before the page reported its stream (it does once the response is in).
  batch('f1', [[1020, 40]]);
  expect(arrivals()).toEqual([]);
  relay.keep([{ ...connectionRecord(1, 1010, url), type: 'fetch' }], 0);
  batch('f1', [[1030, 13]], true);
  // A request no stream of this document made (a fetch not read as a stream) is let go.
  relay.receive({ type: 'arrivals', request: 'f2', url: 'http://a/other', requestTime: 1010, chunks: [[1040, 9]] });
  expect(arrivals()).toEqual([
    { kind: 'arrival', time: 1020, conn: 1, size: 40 },
    { kind: 'arrival', time: 1030, conn: 1, size: 13 },
  ]);
});

test('network capture: a worker’s EventSource is a connection of the top frame with the worker named, its responses, bytes and reconnects; a frame below keeps none', async () => {
  const { relay, published, sent } = harness('top', true);
  const url = 'http://a/sse';
  const worker = { kind: 'dedicated', url: 'http://a/dw.js' } as const;
  const stream: Omit<WorkerStreamMessage, 'request' | 'requestTime' | 'time'> = {
    type: 'worker-stream',
    worker,
    stream: 'eventsource',
    url,
    responseUrl: url,
    status: 200,
    headers: [['Content-Type', 'text/event-stream']],
    httpVersion: 'http/1.1',
  };
  relay.receive({ type: 'worker', worker, time: 1001 });
  relay.receive({ ...stream, request: 'w1', requestTime: 1002, time: 1003 });
  expect(await relay.receive({ type: 'bytes', request: 'w1', chunks: [[1004, 'ZGF0YTogYQoK']] })).toBe(true);
  expect(await relay.receive({ type: 'bytes', request: 'w1', chunks: [[1005, 'ZGF0YTogYgoK']], ends: true })).toBe(
    true,
  );
  // The browser reconnects, sending the last id; then the server says 204: it stops.
  relay.receive({
    ...stream,
    request: 'w2',
    requestTime: 1006,
    time: 1007,
    lastEventId: '7',
    status: 204,
    headers: [],
  });
  const conn = 1_000_001;
  expect((published.get('top') ?? []).map(({ seq, ...r }) => r)).toEqual([
    { kind: 'worker', time: 1001, conn: 0, worker: 'dedicated', url: 'http://a/dw.js' },
    { kind: 'connection', time: 1002, conn, type: 'eventsource', url, withCredentials: false },
    { kind: 'worker', time: 1002, conn, worker: 'dedicated', url: 'http://a/dw.js' },
    { kind: 'http', time: 1003, conn, url, status: 200, contentType: 'text/event-stream', headers: stream.headers },
    { kind: 'http-version', time: 1003, conn, httpVersion: 'http/1.1' },
    { kind: 'response', time: 1003, conn, url, status: 200, statusText: '', headers: stream.headers, format: 'sse' },
    { kind: 'lifecycle', time: 1003, conn, state: 'open' },
    { kind: 'chunk', time: 1004, conn, size: 9, base64: 'ZGF0YTogYQoK', begins: true },
    { kind: 'chunk', time: 1005, conn, size: 9, base64: 'ZGF0YTogYgoK' },
    { kind: 'chunk', time: 1005, conn, size: 0, base64: '', ends: true },
    { kind: 'lifecycle', time: 1005, conn, state: 'reconnecting', attempt: 1 },
    { kind: 'http', time: 1007, conn, url, status: 204, headers: [], lastEventId: '7' },
    { kind: 'http-version', time: 1007, conn, httpVersion: 'http/1.1' },
    { kind: 'lifecycle', time: 1007, conn, state: 'failed' },
  ]);
  // Counted with the page's own connections (the badge, the popup, the per-origin limit).
  expect(sent.at(-1)).toEqual({
    type: 'summary',
    summary: { docId: 'top', top: true, activatedAt: 1000, open: 0, connections: 1, byOrigin: {} },
  });
  // A worker's fetch stream: its request as made, ended by the worker (cancelled).
  relay.receive({
    type: 'worker-stream',
    worker,
    stream: 'fetch',
    request: 'f1',
    url: 'http://a/chat',
    method: 'POST',
    requestHeaders: [['Accept', '*/*']],
    requestTime: 1010,
    time: 1011,
    status: 200,
    headers: [['content-type', 'application/x-ndjson']],
  });
  await relay.receive({ type: 'bytes', request: 'f1', chunks: [[1012, 'e30K']], ends: true, error: 'cancelled' });
  const fetchRecords = (published.get('top') ?? []).filter((r) => r.conn === conn + 1).map(({ seq, ...r }) => r);
  expect(fetchRecords[0]).toEqual({
    kind: 'connection',
    time: 1010,
    conn: conn + 1,
    type: 'fetch',
    url: 'http://a/chat',
    withCredentials: false,
    method: 'POST',
    requestHeaders: [['Accept', '*/*']],
  });
  expect(fetchRecords.find((r) => r.kind === 'response')).toEqual(expect.objectContaining({ format: 'ndjson' }));
  expect(fetchRecords.at(-1)).toEqual({
    kind: 'lifecycle',
    time: 1012,
    conn: conn + 1,
    state: 'closed',
    reason: 'cancelled',
    error: 'cancelled',
  });
  // Only the top frame keeps worker streams.
  const frame = harness('frame', false);
  frame.relay.receive({ ...stream, request: 'w9', requestTime: 1, time: 2 });
  frame.relay.receive({ type: 'worker', worker, time: 1 });
  expect(frame.published.get('frame')).toBeUndefined();
});
