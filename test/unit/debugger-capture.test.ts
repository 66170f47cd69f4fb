/**
 * Chrome's network capture without a browser: the debugger's Network events of a tab's EventSources
 * become batches of bytes for their documents (webRequest tells the answer); fetch streams' arrival
 * times; frames below the top one; other requests are left alone; off detaches (workers:
 * ./debugger-workers.test.ts; what the browser buffered: ./debugger-buffered.test.ts).
 */
import { expect, test } from '@playwright/test';
import { captureOver, fakeDebugger, settle } from '../support/fake-debugger';

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
