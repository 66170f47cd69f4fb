/**
 * Chrome's network capture of workers without a browser: a dedicated worker held at its start, a
 * shared worker found by polling, each stream sent to the tab that owns the worker.
 */
import { expect, test } from '@playwright/test';
import { captureOver, fakeDebugger, settle } from '../support/fake-debugger';

/** A little over the shared-worker poll's period. */
const SHARED_POLL_WAIT = 600;

test('workers: a dedicated worker held at its start is followed from its first byte; its EventSource is a stream of its own, with the Last-Event-ID the tab’s session tells', async () => {
  const fake = fakeDebugger();
  const { capture, streams, batches, seen, pages } = captureOver(fake);
  await capture.watch(7);
  // The tab's session is asked to attach workers, held at their start.
  expect(fake.commands.find(([, method]) => method === 'Target.setAutoAttach')).toEqual([
    7,
    'Target.setAutoAttach',
    expect.objectContaining({ autoAttach: true, waitForDebuggerOnStart: true, flatten: true }),
  ]);
  fake.emit(7, 'Target.attachedToTarget', {
    sessionId: 'W1',
    targetInfo: { type: 'worker', url: 'http://a/dw.js', targetId: 'T1' },
    waitingForDebugger: true,
  });
  // Another kind of target (the browser's filter should keep them away): let go on at once, not followed.
  fake.emit(7, 'Target.attachedToTarget', {
    sessionId: 'F1',
    targetInfo: { type: 'auction_worklet', url: 'http://b/', targetId: 'T2' },
    waitingForDebugger: true,
  });
  await settle();
  // All sent at once, in this order, to the worker's session (a service worker answers only once it runs).
  expect(fake.commands.filter(([to]) => to === 'W1').map(([, method]) => method)).toEqual([
    'Network.enable',
    'Target.setAutoAttach',
    'Runtime.runIfWaitingForDebugger',
  ]);
  expect(fake.commands.filter(([to]) => to === 'F1').map(([, method]) => method)).toEqual([
    'Runtime.runIfWaitingForDebugger',
  ]);
  expect(
    fake.commands.some(
      ([, method, params]) =>
        method === 'Target.detachFromTarget' && (params as { sessionId: string }).sessionId === 'F1',
    ),
  ).toBe(true);
  expect(seen).toEqual([
    { type: 'worker', worker: { kind: 'dedicated', url: 'http://a/dw.js' }, time: expect.any(Number) },
  ]);

  const url = 'http://a/sse';
  fake.emit(
    7,
    'Network.requestWillBeSent',
    { requestId: 'w1', type: 'EventSource', request: { url }, wallTime: 2000, timestamp: 20 },
    'W1',
  );
  // The raw headers of a worker's request come on the tab's session.
  fake.emit(7, 'Network.requestWillBeSentExtraInfo', { requestId: 'w1', headers: { 'Last-Event-ID': '9' } });
  // Not the worker's: a request on a session not followed.
  fake.emit(
    7,
    'Network.requestWillBeSent',
    { requestId: 'i1', type: 'EventSource', request: { url }, wallTime: 1, timestamp: 1 },
    'F1',
  );
  await settle();
  expect(fake.commands.filter(([, method]) => method === 'Network.streamResourceContent')).toEqual([
    ['W1', 'Network.streamResourceContent', { requestId: 'w1' }],
  ]);
  fake.emit(
    7,
    'Network.responseReceived',
    {
      requestId: 'w1',
      timestamp: 20.25,
      response: {
        url,
        status: 200,
        statusText: 'OK',
        protocol: 'h2',
        headers: { 'content-type': 'text/event-stream' },
      },
    },
    'W1',
  );
  fake.emit(7, 'Network.dataReceived', { requestId: 'w1', timestamp: 20.5, data: 'ZGF0YTogYQoK' }, 'W1');
  fake.emit(7, 'Network.loadingFinished', { requestId: 'w1', timestamp: 20.75 }, 'W1');
  expect(pages).toEqual([]);
  expect(streams).toEqual([
    [
      { tabId: 7, frameId: 0 },
      {
        type: 'worker-stream',
        request: 'w1',
        worker: { kind: 'dedicated', url: 'http://a/dw.js' },
        stream: 'eventsource',
        url,
        requestTime: 2_000_000,
        lastEventId: '9',
        time: 2_000_250,
        responseUrl: url,
        status: 200,
        statusText: 'OK',
        headers: [['content-type', 'text/event-stream']],
        httpVersion: 'h2',
      },
    ],
  ]);
  await settle();
  expect(batches).toEqual([{ request: 'w1', chunks: [[2_000_500, 'ZGF0YTogYQoK']], ends: true }]);

  // Its fetches: a stream is followed with its request; a JSON answer is let go.
  for (const [requestId, mimeType] of [
    ['f1', 'application/x-ndjson'],
    ['f2', 'application/json'],
  ] as const) {
    fake.emit(
      7,
      'Network.requestWillBeSent',
      {
        requestId,
        type: 'Fetch',
        request: { url: `http://a/${requestId}`, method: 'POST', headers: { Accept: '*/*' } },
        wallTime: 2001,
        timestamp: 21,
      },
      'W1',
    );
    fake.emit(
      7,
      'Network.responseReceived',
      {
        requestId,
        timestamp: 21.5,
        response: { url: `http://a/${requestId}`, status: 200, mimeType, headers: { 'Content-Type': mimeType } },
      },
      'W1',
    );
    fake.emit(7, 'Network.dataReceived', { requestId, timestamp: 21.75, data: 'e30K' }, 'W1');
    fake.emit(
      7,
      'Network.loadingFailed',
      { requestId, timestamp: 22, errorText: 'net::ERR_ABORTED', canceled: true },
      'W1',
    );
  }
  await settle();
  expect(streams.slice(1).map(([, s]) => [s.request, s.stream, s.method, s.requestHeaders])).toEqual([
    ['f1', 'fetch', 'POST', [['Accept', '*/*']]],
  ]);
  expect(batches.slice(1)).toEqual([{ request: 'f1', chunks: [[2_001_750, 'e30K']], ends: true, error: 'cancelled' }]);
  // A reconnect the server refuses: the worker's EventSource tries again (told with the error).
  fake.emit(
    7,
    'Network.requestWillBeSent',
    { requestId: 'w2', type: 'EventSource', request: { url }, wallTime: 2003, timestamp: 23 },
    'W1',
  );
  fake.emit(
    7,
    'Network.loadingFailed',
    { requestId: 'w2', timestamp: 23.5, errorText: 'net::ERR_CONNECTION_REFUSED' },
    'W1',
  );
  expect(streams[2]?.[1]).toEqual(
    expect.objectContaining({
      request: 'w2',
      stream: 'eventsource',
      error: 'net::ERR_CONNECTION_REFUSED',
      time: 2_003_500,
    }),
  );
  // The worker ends: its requests are no longer followed.
  fake.emit(7, 'Target.detachedFromTarget', { sessionId: 'W1' });
  fake.emit(
    7,
    'Network.requestWillBeSent',
    { requestId: 'w3', type: 'EventSource', request: { url }, wallTime: 2004, timestamp: 24 },
    'W1',
  );
  fake.emit(
    7,
    'Network.responseReceived',
    { requestId: 'w3', timestamp: 24, response: { url, status: 200, headers: {} } },
    'W1',
  );
  expect(streams).toHaveLength(3);
  capture.unwatch(7);
});

test('workers: a shared worker a followed tab owns is found once started and attached by its target, another origin’s is not; its streams are the tab’s, said to be followed late', async () => {
  const fake = fakeDebugger();
  const { capture, streams, batches, seen } = captureOver(fake);
  fake.targets.push(
    { id: 'S1', type: 'worker', url: 'http://a/shw.js' },
    { id: 'S2', type: 'worker', url: 'http://elsewhere/shw.js' },
    { id: 'D1', type: 'other', url: 'http://a/dw.js' },
    { id: 'P1', type: 'page', url: 'http://a/', tabId: 7 },
  );
  await capture.watch(7);
  await settle(20);
  // Only the one a tab owns (of its origin, the outlet says): not another origin's.
  expect([...fake.attached]).toEqual([7, 'S1']);
  expect(capture.sharedWorkers).toEqual([{ tabId: 7, url: 'http://a/shw.js' }]);
  expect(fake.commands).toContainEqual(['S1', 'Network.enable', {}]);
  expect(seen).toEqual([
    { type: 'worker', worker: { kind: 'shared', url: 'http://a/shw.js' }, time: expect.any(Number), late: true },
  ]);
  const url = 'http://a/shared-sse';
  fake.emitTarget('S1', 'Network.requestWillBeSent', {
    requestId: 's1',
    type: 'EventSource',
    request: { url },
    wallTime: 3000,
    timestamp: 30,
  });
  fake.emitTarget('S1', 'Network.responseReceived', {
    requestId: 's1',
    timestamp: 30.5,
    response: { url, status: 200, headers: { 'Content-Type': 'text/event-stream' } },
  });
  fake.emitTarget('S1', 'Network.dataReceived', { requestId: 's1', timestamp: 30.75, data: 'YQ==' });
  await settle(40);
  expect(streams.map(([to, s]) => [to, s.request, s.worker])).toEqual([
    [{ tabId: 7, frameId: 0 }, 's1', { kind: 'shared', url: 'http://a/shw.js' }],
  ]);
  expect(batches).toEqual([{ request: 's1', chunks: [[3_000_750, 'YQ==']] }]);
  // Looked for again: attached once only.
  await settle(SHARED_POLL_WAIT);
  expect(fake.commands.filter(([to, method]) => to === 'S1' && method === 'Network.enable')).toHaveLength(1);
  // Unwatched: the shared worker is let go with the tab.
  capture.unwatch(7);
  await settle();
  expect(fake.attached.size).toBe(0);
  expect(batches[1]).toEqual({ request: 's1', chunks: [], ends: true });
});
