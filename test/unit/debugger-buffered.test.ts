/**
 * Chrome's network capture of what the browser buffered: bytes that came before the answer was
 * seen, before streamResourceContent answered, or a whole body read at the end, each in order.
 */
import { expect, test } from '@playwright/test';
import { captureOver, fakeDebugger, settle } from '../support/fake-debugger';

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
