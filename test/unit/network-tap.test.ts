/**
 * Chrome's network capture without a browser: the debugger's Network events of a tab's top-frame
 * EventSources become HTTP observations (status, type, Last-Event-ID, the protocol's request id) and
 * batches of bytes under that id; other requests and frames are left alone; off detaches.
 */
import { expect, test } from '@playwright/test';
import type { Recipient } from '../../src/background/http-observer';
import { NetworkTap } from '../../src/background/network-tap';
import type { ByteBatch } from '../../src/background/response-tap';
import type { DebuggerApi } from '../../src/platform/browser';
import type { HttpObservation } from '../../src/protocol/messages';

function fakeDebugger() {
  const commands: [number, string, object | undefined][] = [];
  const listeners: ((source: { tabId?: number }, method: string, params?: object) => void)[] = [];
  const detachers: ((source: { tabId?: number }, reason: string) => void)[] = [];
  const attached = new Set<number>();
  const api: DebuggerApi = {
    attach: async ({ tabId }) => {
      if (tabId === 666) throw new Error('Cannot access a chrome:// URL');
      attached.add(tabId);
    },
    detach: async ({ tabId }) => {
      attached.delete(tabId);
    },
    sendCommand: async ({ tabId }, method, params) => {
      commands.push([tabId, method, params]);
      if (method === 'Page.getFrameTree') return { frameTree: { frame: { id: 'TOP' } } };
      if (method === 'Network.streamResourceContent') return { bufferedData: '' };
      return {};
    },
    onEvent: { addListener: (l) => listeners.push(l) },
    onDetach: { addListener: (l) => detachers.push(l) },
  };
  const emit = (tabId: number, method: string, params: object) => {
    for (const l of listeners) l({ tabId }, method, params);
  };
  return {
    api,
    commands,
    attached,
    emit,
    detach: (tabId: number) => {
      for (const d of detachers) d({ tabId }, 'canceled_by_user');
    },
  };
}

test('a top-frame EventSource: its answer with the Last-Event-ID sent, then its bytes, timed on the page’s clock', async () => {
  const fake = fakeDebugger();
  const observations: [Recipient, HttpObservation][] = [];
  const batches: ByteBatch[] = [];
  const arrivals: unknown[] = [];
  const detached: number[] = [];
  const tap = new NetworkTap(
    fake.api,
    (to, o) => observations.push([to, o]),
    async (_to, batch) => {
      batches.push(batch);
      return true;
    },
    (_to, batch) => arrivals.push(batch),
    (tabId) => detached.push(tabId),
  );
  expect(await tap.watch(7)).toBe(true);
  expect(await tap.watch(666)).toBe(false);
  expect(tap.attached).toEqual([7]);
  expect(tap.follows(7, 0)).toBe(true);
  expect(tap.follows(7, 3)).toBe(false);
  const url = 'http://a/sse';
  // The raw headers may come before the request itself.
  fake.emit(7, 'Network.requestWillBeSentExtraInfo', { requestId: 'r1', headers: { 'Last-Event-ID': 'three' } });
  fake.emit(7, 'Network.requestWillBeSent', {
    requestId: 'r1',
    type: 'EventSource',
    frameId: 'TOP',
    request: { url },
    wallTime: 1000,
    timestamp: 10,
  });
  // Not followed: a fetch, and an EventSource in a frame (webRequest still sees those).
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
  expect(observations).toEqual([
    [
      { tabId: 7, frameId: 0 },
      {
        time: 1_000_500,
        url,
        requestedUrl: url,
        requestTime: 1_000_000,
        status: 200,
        contentType: 'text/event-stream; charset=utf-8',
        lastEventId: 'three',
        request: 'r1',
      },
    ],
  ]);
  fake.emit(7, 'Network.dataReceived', { requestId: 'r1', timestamp: 10.625, data: 'ZGF0YTogYQoK' });
  fake.emit(7, 'Network.dataReceived', { requestId: 'r1', timestamp: 10.75, data: 'ZGF0YTogYgoK' });
  fake.emit(7, 'Network.loadingFinished', { requestId: 'r1', timestamp: 10.875 });
  expect(batches).toEqual([
    {
      request: 'r1',
      chunks: [
        [1_000_625, 'ZGF0YTogYQoK'],
        [1_000_750, 'ZGF0YTogYgoK'],
      ],
      ends: true,
    },
  ]);
  // A reconnect refused: its network error, with the Last-Event-ID it sent.
  fake.emit(7, 'Network.requestWillBeSentExtraInfo', { requestId: 'r4', headers: { 'last-event-id': 'four' } });
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
  expect(observations[1]?.[1]).toEqual({
    time: 1_001_250,
    url,
    requestedUrl: url,
    requestTime: 1_001_000,
    lastEventId: 'four',
    error: 'net::ERR_CONNECTION_REFUSED',
  });
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
  expect(observations).toHaveLength(2);
  expect(fake.commands.filter(([, method]) => method === 'Network.streamResourceContent')).toHaveLength(2);

  // The user cancels the debugging bar: the worker hears it, and nothing stays followed.
  fake.detach(7);
  expect(detached).toEqual([7]);
  expect(tap.attached).toEqual([]);
  expect(await tap.watch(7)).toBe(true);
  tap.unwatch(7);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(fake.attached.size).toBe(0);
});

test('a document that does not want the bytes (not its EventSource) stops the copying', async () => {
  const fake = fakeDebugger();
  const batches: ByteBatch[] = [];
  const tap = new NetworkTap(
    fake.api,
    () => undefined,
    async (_to, batch) => {
      batches.push(batch);
      return false;
    },
    () => undefined,
  );
  await tap.watch(1);
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
  expect(batches).toEqual([{ request: 'x', chunks: [[1125, 'YQ==']] }]);
});

test('bytes the browser buffered before the answer was seen go once it is, not only at the end of the response', async () => {
  const fake = fakeDebugger();
  fake.api.sendCommand = async (_target, method) => {
    if (method === 'Page.getFrameTree') return { frameTree: { frame: { id: 'TOP' } } };
    if (method === 'Network.streamResourceContent') return { bufferedData: 'ZGF0YTogYQoK' };
    return {};
  };
  const batches: ByteBatch[] = [];
  const tap = new NetworkTap(
    fake.api,
    () => undefined,
    async (_to, batch) => {
      batches.push(batch);
      return true;
    },
    () => undefined,
  );
  await tap.watch(1);
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
  expect(batches).toEqual([]);
  fake.emit(1, 'Network.responseReceived', {
    requestId: 'b',
    timestamp: 1,
    response: { url, status: 200, headers: {} },
  });
  // The stream stays open: no more data, no end.
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(batches.map((b) => [b.request, b.chunks.map(([, data]) => data), b.ends])).toEqual([
    ['b', ['ZGF0YTogYQoK'], undefined],
  ]);
});
