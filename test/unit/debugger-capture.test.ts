/**
 * Chrome's network capture without a browser: the debugger's Network events of a tab's EventSources
 * become batches of bytes for their documents (webRequest tells the answer); fetch streams' arrival
 * times; workers' streams; other requests are left alone; off detaches.
 */
import { expect, test } from '@playwright/test';
import { DebuggerCapture } from '../../src/background/network-capture/chrome/debugger-capture';
import type { ByteBatch } from '../../src/background/network-capture/types';
import type { Recipient } from '../../src/background/tab-messages';
import type { Debuggee, DebuggerApi, DebuggerTarget } from '../../src/platform/browser';
import type { Unbranded, WorkerSeenMessage, WorkerStreamMessage } from '../../src/protocol/messages';

function fakeDebugger() {
  const commands: [number | string | undefined, string, object | undefined][] = [];
  const listeners: ((source: Debuggee, method: string, params?: object) => void)[] = [];
  const detachers: ((source: Debuggee, reason: string) => void)[] = [];
  const attached = new Set<number | string>();
  const targets: DebuggerTarget[] = [];
  const api: DebuggerApi = {
    attach: async ({ tabId, targetId }) => {
      if (tabId === 666) throw new Error('Cannot access a chrome:// URL');
      attached.add((tabId ?? targetId) as number | string);
    },
    detach: async ({ tabId, targetId }) => {
      attached.delete((tabId ?? targetId) as number | string);
    },
    sendCommand: async ({ tabId, sessionId, targetId }, method, params) => {
      commands.push([sessionId ?? targetId ?? tabId, method, params]);
      if (method === 'Page.getFrameTree') return { frameTree: { frame: { id: 'TOP' } } };
      if (method === 'Network.streamResourceContent') return { bufferedData: '' };
      return {};
    },
    getTargets: async () => targets,
    onEvent: { addListener: (l) => listeners.push(l) },
    onDetach: { addListener: (l) => detachers.push(l) },
  };
  const emit = (tabId: number, method: string, params: object, sessionId?: string) => {
    for (const l of listeners) l(sessionId === undefined ? { tabId } : { tabId, sessionId }, method, params);
  };
  const emitTarget = (targetId: string, method: string, params: object) => {
    for (const l of listeners) l({ targetId }, method, params);
  };
  return {
    api,
    commands,
    attached,
    targets,
    emit,
    emitTarget,
    detach: (tabId: number) => {
      for (const d of detachers) d({ tabId }, 'canceled_by_user');
    },
  };
}

/** A capture over the fake, with everything it hands on collected. */
function captureOver(fake: ReturnType<typeof fakeDebugger>, wanted = true) {
  const got = {
    batches: [] as ByteBatch[],
    arrivals: [] as unknown[],
    streams: [] as [Recipient, Unbranded<WorkerStreamMessage>][],
    seen: [] as Unbranded<WorkerSeenMessage>[],
    /** Page EventSources' batches, with the request as the debugger knows it. */
    pages: [] as [unknown, ByteBatch][],
  };
  const capture = new DebuggerCapture(fake.api, {
    bytes: async (_to, batch) => {
      got.batches.push(batch);
      return wanted;
    },
    arrivals: (_to, batch) => got.arrivals.push(batch),
    workerStream: (to, stream) => got.streams.push([to, stream]),
    workerSeen: (_to, seen) => got.seen.push(seen),
    // Shared workers of origin http://a are the first tab's.
    ownerOf: (url, tabIds) => (url.startsWith('http://a/') ? tabIds[0] : undefined),
    pageBytes: async (_tabId, request, batch) => {
      got.pages.push([request, batch]);
      return wanted;
    },
  });
  return { capture, ...got };
}

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

test('a top-frame EventSource: its bytes, timed on the page’s clock, for its document (its answer is webRequest’s to tell); a fetch stream’s arrival times', async () => {
  const fake = fakeDebugger();
  const { capture, batches, pages, arrivals, streams } = captureOver(fake);
  expect(await capture.watch(7)).toBe(true);
  expect(await capture.watch(666)).toBe(false);
  expect(capture.attached).toEqual([7]);
  const url = 'http://a/sse';
  fake.emit(7, 'Network.requestWillBeSent', {
    requestId: 'r1',
    type: 'EventSource',
    frameId: 'TOP',
    documentURL: 'http://a/page',
    request: { url },
    wallTime: 1000,
    timestamp: 10,
  });
  // A fetch whose answer is no stream: let go once answered. An EventSource of a frame below: its bytes too (a later test).
  fake.emit(7, 'Network.requestWillBeSent', {
    requestId: 'r2',
    type: 'Fetch',
    frameId: 'TOP',
    request: { url },
    wallTime: 1,
    timestamp: 1,
  });
  fake.emit(7, 'Network.requestWillBeSent', {
    requestId: 'r3',
    type: 'EventSource',
    frameId: 'SUB',
    request: { url },
    wallTime: 1,
    timestamp: 1,
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(fake.commands.filter(([, method]) => method === 'Network.streamResourceContent')).toEqual([
    [7, 'Network.streamResourceContent', { requestId: 'r1' }],
    [7, 'Network.streamResourceContent', { requestId: 'r3' }],
  ]);
  fake.emit(7, 'Network.responseReceived', {
    requestId: 'r1',
    timestamp: 10.5,
    response: {
      url,
      status: 200,
      mimeType: 'text/event-stream',
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8' },
    },
  });
  fake.emit(7, 'Network.dataReceived', { requestId: 'r1', timestamp: 10.625, data: 'ZGF0YTogYQoK' });
  fake.emit(7, 'Network.dataReceived', { requestId: 'r1', timestamp: 10.75, data: 'ZGF0YTogYgoK' });
  fake.emit(7, 'Network.loadingFinished', { requestId: 'r1', timestamp: 10.875 });
  // The last batch waits for streamResourceContent's answer (its buffered bytes go first).
  await settle();
  // Its frame (the top one), its document's origin and its status: what finds webRequest's view of it.
  expect(pages).toEqual([
    [
      { id: 'r1', url, requestTime: 1_000_000, top: true, origin: 'http://a', status: 200 },
      {
        request: 'r1',
        chunks: [
          [1_000_625, 'ZGF0YTogYQoK'],
          [1_000_750, 'ZGF0YTogYgoK'],
        ],
        ends: true,
      },
    ],
  ]);
  // A reconnect refused before any answer: webRequest tells the document; nothing goes from here.
  fake.emit(7, 'Network.requestWillBeSent', {
    requestId: 'r4',
    type: 'EventSource',
    frameId: 'TOP',
    request: { url },
    wallTime: 1001,
    timestamp: 11,
  });
  fake.emit(7, 'Network.loadingFailed', {
    requestId: 'r4',
    timestamp: 11.25,
    errorText: 'net::ERR_CONNECTION_REFUSED',
  });
  expect(pages).toHaveLength(1);
  // A fetch the page reads as a stream: when each piece arrived, and its size (no bytes, no observation).
  fake.emit(7, 'Network.requestWillBeSent', {
    requestId: 'f1',
    type: 'Fetch',
    frameId: 'TOP',
    request: { url },
    wallTime: 1002,
    timestamp: 12,
  });
  fake.emit(7, 'Network.requestWillBeSent', {
    requestId: 'f2',
    type: 'Fetch',
    frameId: 'TOP',
    request: { url: 'http://a/json' },
    wallTime: 1002,
    timestamp: 12,
  });
  fake.emit(7, 'Network.responseReceived', {
    requestId: 'f1',
    timestamp: 12.25,
    response: { url, status: 200, mimeType: 'text/event-stream' },
  });
  fake.emit(7, 'Network.responseReceived', {
    requestId: 'f2',
    timestamp: 12.25,
    response: { url: 'http://a/json', status: 200, mimeType: 'application/json' },
  });
  fake.emit(7, 'Network.dataReceived', { requestId: 'f1', timestamp: 12.5, dataLength: 40 });
  fake.emit(7, 'Network.dataReceived', { requestId: 'f2', timestamp: 12.5, dataLength: 9 });
  fake.emit(7, 'Network.dataReceived', { requestId: 'f1', timestamp: 12.75, dataLength: 13 });
  // Chromium reports a body read to its end with getReader() as cancelled.
  fake.emit(7, 'Network.loadingFailed', { requestId: 'f1', timestamp: 13, errorText: 'net::ERR_ABORTED' });
  expect(arrivals).toEqual([
    {
      type: 'arrivals',
      request: 'f1',
      url,
      requestTime: 1_002_000,
      chunks: [
        [1_002_500, 40],
        [1_002_750, 13],
      ],
      ends: true,
    },
  ]);
  expect([batches, streams]).toEqual([[], []]);
  expect(fake.commands.filter(([, method]) => method === 'Network.streamResourceContent')).toHaveLength(3);

  // The user cancels the debugging bar: nothing stays followed.
  fake.detach(7);
  expect(capture.attached).toEqual([]);
  expect(await capture.watch(7)).toBe(true);
  capture.unwatch(7);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(fake.attached.size).toBe(0);
});

test('a document that does not want the bytes (not its EventSource) stops the copying', async () => {
  const fake = fakeDebugger();
  const { capture, pages } = captureOver(fake, false);
  await capture.watch(1);
  fake.emit(1, 'Network.requestWillBeSent', {
    requestId: 'x',
    type: 'EventSource',
    frameId: 'TOP',
    request: { url: 'http://a/' },
    wallTime: 1,
    timestamp: 1,
  });
  fake.emit(1, 'Network.responseReceived', {
    requestId: 'x',
    timestamp: 1,
    response: { url: 'http://a/', status: 200, headers: {} },
  });
  fake.emit(1, 'Network.dataReceived', { requestId: 'x', timestamp: 1.125, data: 'YQ==' });
  await new Promise((resolve) => setTimeout(resolve, 40));
  fake.emit(1, 'Network.dataReceived', { requestId: 'x', timestamp: 1.2, data: 'Yg==' });
  fake.emit(1, 'Network.loadingFinished', { requestId: 'x', timestamp: 1.3 });
  expect(pages.map(([, batch]) => batch)).toEqual([{ request: 'x', chunks: [[1125, 'YQ==']] }]);
});

test('bytes the browser buffered before the answer was seen go once it is, not only at the end of the response', async () => {
  const fake = fakeDebugger();
  fake.api.sendCommand = async (_target, method) => {
    if (method === 'Page.getFrameTree') return { frameTree: { frame: { id: 'TOP' } } };
    if (method === 'Network.streamResourceContent') return { bufferedData: 'ZGF0YTogYQoK' };
    return {};
  };
  const { capture, pages } = captureOver(fake);
  await capture.watch(1);
  const url = 'http://a/sse';
  fake.emit(1, 'Network.requestWillBeSent', {
    requestId: 'b',
    type: 'EventSource',
    frameId: 'TOP',
    request: { url },
    wallTime: 1,
    timestamp: 1,
  });
  await new Promise((resolve) => setTimeout(resolve, 40));
  expect(pages).toEqual([]);
  fake.emit(1, 'Network.responseReceived', {
    requestId: 'b',
    timestamp: 1,
    response: { url, status: 200, headers: {} },
  });
  // The stream stays open: no more data, no end.
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(pages.map(([, b]) => [b.request, b.chunks.map(([, data]) => data), b.ends])).toEqual([
    ['b', ['ZGF0YTogYQoK'], undefined],
  ]);
});

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
        protocol: 'h2',
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

/** A little over the shared-worker poll's period. */
const SHARED_POLL_WAIT = 600;

test('a frame below the top one, in the page’s process or its own: its EventSource’s bytes go to its document by webRequest’s view of the request (found as another frame’s, of its document’s origin); its answer is left to webRequest', async () => {
  const fake = fakeDebugger();
  const { capture, batches, pages } = captureOver(fake);
  await capture.watch(7);
  fake.emit(7, 'Target.attachedToTarget', {
    sessionId: 'X1',
    targetInfo: { type: 'iframe', url: 'http://b/frame', targetId: 'T9' },
    waitingForDebugger: true,
  });
  await settle();
  expect(fake.commands.filter(([to]) => to === 'X1').map(([, method]) => method)).toEqual([
    'Network.enable',
    'Target.setAutoAttach',
    'Runtime.runIfWaitingForDebugger',
  ]);
  const requests: [string, string | undefined, object][] = [
    ['s1', undefined, { frameId: 'SUB', documentURL: 'http://b/frame' }],
    ['s2', 'X1', { frameId: 'OOP', documentURL: 'about:srcdoc' }],
  ];
  for (const [requestId, session, extra] of requests) {
    const emit = (method: string, params: object) => fake.emit(7, method, { requestId, ...params }, session);
    emit('Network.requestWillBeSent', {
      type: 'EventSource',
      request: { url: `http://b/${requestId}` },
      wallTime: 5,
      timestamp: 1,
      ...extra,
    });
    emit('Network.responseReceived', {
      timestamp: 1.5,
      response: { url: `http://b/${requestId}`, status: 200, headers: {} },
    });
    emit('Network.dataReceived', { timestamp: 1.75, data: 'YQ==' });
    emit('Network.loadingFinished', { timestamp: 2 });
  }
  // A frame's fetch is the page hook's: not followed.
  fake.emit(7, 'Network.requestWillBeSent', {
    requestId: 'f9',
    type: 'Fetch',
    frameId: 'SUB',
    request: { url: 'http://b/f' },
    wallTime: 5,
    timestamp: 1,
  });
  await settle();
  expect(fake.commands.filter(([, method]) => method === 'Network.streamResourceContent')).toEqual([
    [7, 'Network.streamResourceContent', { requestId: 's1' }],
    ['X1', 'Network.streamResourceContent', { requestId: 's2' }],
  ]);
  expect(batches).toEqual([]);
  expect(pages).toEqual([
    [
      { id: 's1', url: 'http://b/s1', requestTime: 5000, top: false, origin: 'http://b', status: 200 },
      { request: 's1', chunks: [[5750, 'YQ==']], ends: true },
    ],
    [
      // A srcdoc document tells no origin of its own.
      { id: 's2', url: 'http://b/s2', requestTime: 5000, top: false, origin: undefined, status: 200 },
      { request: 's2', chunks: [[5750, 'YQ==']], ends: true },
    ],
  ]);
  capture.unwatch(7);
});

test('a response over before streamResourceContent answered: the bytes it buffered go before the end, not after it', async () => {
  const fake = fakeDebugger();
  let answer: (value: unknown) => void = () => undefined;
  const send = fake.api.sendCommand;
  fake.api.sendCommand = (target, method, params) =>
    method === 'Network.streamResourceContent'
      ? new Promise((resolve) => {
          answer = resolve;
        })
      : send(target, method, params);
  const { capture, pages } = captureOver(fake);
  await capture.watch(1);
  const url = 'http://a/retry';
  fake.emit(1, 'Network.requestWillBeSent', {
    requestId: 'q',
    type: 'EventSource',
    frameId: 'TOP',
    request: { url },
    wallTime: 1,
    timestamp: 1,
  });
  fake.emit(1, 'Network.responseReceived', {
    requestId: 'q',
    timestamp: 1.25,
    response: { url, status: 200, headers: {} },
  });
  fake.emit(1, 'Network.loadingFinished', { requestId: 'q', timestamp: 1.5 });
  await settle(40);
  expect(pages).toEqual([]);
  answer({ bufferedData: 'cmV0cnk6IDQwMAoK' });
  await settle(40);
  expect(pages.map(([, b]) => [b.chunks.map(([, data]) => data), b.ends])).toEqual([[['cmV0cnk6IDQwMAoK'], true]]);
  capture.unwatch(1);
});

test('a response over before it could be streamed: its body, read whole at its end where the browser kept it, goes with the end', async () => {
  const fake = fakeDebugger();
  const send = fake.api.sendCommand;
  fake.api.sendCommand = async (target, method, params) => {
    if (method === 'Network.streamResourceContent') throw new Error('No resource with given identifier found');
    if (method === 'Network.getResponseBody') return { body: 'data: a\n\n', base64Encoded: false };
    return send(target, method, params);
  };
  const { capture, pages } = captureOver(fake);
  await capture.watch(1);
  const url = 'http://a/short';
  fake.emit(1, 'Network.requestWillBeSent', {
    requestId: 'z',
    type: 'EventSource',
    frameId: 'TOP',
    request: { url },
    wallTime: 1,
    timestamp: 1,
  });
  fake.emit(1, 'Network.responseReceived', {
    requestId: 'z',
    timestamp: 1.25,
    response: { url, status: 200, headers: {} },
  });
  fake.emit(1, 'Network.loadingFinished', { requestId: 'z', timestamp: 1.5 });
  await settle(40);
  expect(pages.map(([, b]) => [b.chunks.map(([, data]) => data), b.ends])).toEqual([[['ZGF0YTogYQoK'], true]]);
  capture.unwatch(1);
});
