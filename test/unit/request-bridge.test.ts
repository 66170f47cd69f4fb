/**
 * Chrome's network capture: the debugger's view of a page's EventSource request finds webRequest's
 * (its id and document) by tab, URL, frame, origin, status and start, and finds none where the
 * bytes could be another document's.
 */
import { expect, test } from '@playwright/test';
import type { SeenRequest } from '../../src/background/http-observer';
import { type DebuggerRequest, RequestBridge } from '../../src/background/network-capture/request-bridge';

const URL = 'http://127.0.0.1:8/sse/same';
const TOP = { tabId: 1, frameId: 0, documentId: 'TOP', url: URL, origin: 'http://127.0.0.1:8' };
const FRAME = { tabId: 1, frameId: 5, documentId: 'FRAME', url: URL, origin: 'http://localhost:8' };

/** webRequest saw a request go at `requestTime`, and its answer (unless `status` is null). */
function seen(bridge: RequestBridge, id: string, request: SeenRequest, status: number | null = 200) {
  bridge.sent(id, request);
  if (status !== null) bridge.answered(id, status);
}

const top = (requestTime: number, status = 200): DebuggerRequest => ({ url: URL, requestTime, top: true, status });
const framed = (requestTime: number, origin?: string, status = 200): DebuggerRequest => ({
  url: URL,
  requestTime,
  top: false,
  origin,
  status,
});

test('a top page and its cross-site frame open the same URL at the same moment: each debugger request finds its own document’s, whichever webRequest dated closer', () => {
  const bridge = new RequestBridge();
  // The frame's request went out first, closer to when the debugger dated the top's.
  seen(bridge, 'w-frame', { ...FRAME, requestTime: 1001 });
  seen(bridge, 'w-top', { ...TOP, requestTime: 1004 });
  expect(bridge.match(1, top(1000))).toEqual({ id: 'w-top', to: { tabId: 1, frameId: 0, documentId: 'TOP' } });
  expect(bridge.match(1, framed(1000, 'http://localhost:8'))).toEqual({
    id: 'w-frame',
    to: { tabId: 1, frameId: 5, documentId: 'FRAME' },
  });
  // A frame of another origin is not this one's.
  expect(bridge.match(1, framed(1000, 'http://elsewhere:8'))).toBe('wait');
});

test('where requests of two documents fit, none is taken: it waits while one is unanswered, and is unsure once both are', () => {
  const bridge = new RequestBridge();
  const other = { ...FRAME, frameId: 6, documentId: 'OTHER' };
  seen(bridge, 'a', { ...FRAME, requestTime: 1002 });
  seen(bridge, 'b', { ...other, requestTime: 1003 }, null);
  // The debugger knows no origin of its document (about:srcdoc, data:, a sandbox): either frame could be it.
  expect(bridge.match(1, framed(1000))).toBe('wait');
  bridge.answered('b', 200);
  expect(bridge.match(1, framed(1000))).toBe('unsure');
  // Its origin tells them apart when they differ; the top frame's is never another frame's.
  seen(bridge, 'c', { ...other, origin: 'http://c:8', requestTime: 1003 });
  expect(bridge.match(1, framed(1000, 'http://c:8'))).toEqual({
    id: 'c',
    to: { tabId: 1, frameId: 6, documentId: 'OTHER' },
  });
  expect(bridge.match(1, top(1000))).toBe('wait');
  // Two answers by another status than the debugger's are not candidates.
  expect(bridge.match(1, framed(1000, undefined, 204))).toBe('wait');
});

test('a reconnect finds its own request, not the earlier one still unclaimed: webRequest dates a request after the debugger does, and their statuses agree', () => {
  const bridge = new RequestBridge();
  seen(bridge, 'first', { ...TOP, requestTime: 1003 });
  // The reconnect (answered 204) is dated by the debugger after the first went; webRequest has not told of it yet.
  expect(bridge.match(1, top(1200, 204))).toBe('wait');
  // Another 200 later on: the earlier request is no candidate either.
  expect(bridge.match(1, top(1200))).toBe('wait');
  seen(bridge, 'second', { ...TOP, requestTime: 1202 }, 204);
  expect(bridge.match(1, top(1200, 204))).toMatchObject({ id: 'second' });
  // The debugger dated the first 1.4 s before its headers went (a busy machine): still it.
  expect(bridge.match(1, top(-397))).toMatchObject({ id: 'first' });
});

test('each webRequest request is found once, ended ones too; another tab or URL is none of them', async () => {
  const bridge = new RequestBridge();
  seen(bridge, 'w1', { ...TOP, requestTime: 1000 });
  bridge.ended('w1');
  expect(bridge.match(2, top(1000))).toBe('wait');
  expect(bridge.match(1, { ...top(1000), url: 'http://127.0.0.1:8/other' })).toBe('wait');
  expect(await bridge.find('1/r1', 1, top(1000))).toMatchObject({ id: 'w1' });
  // Asked again for the same debugger request: the same answer; for another: none is left.
  expect(await bridge.find('1/r1', 1, top(1000))).toMatchObject({ id: 'w1' });
  expect(bridge.match(1, top(1000))).toBe('wait');
  // A request that ended unanswered is forgotten.
  seen(bridge, 'w2', { ...TOP, requestTime: 2000 }, null);
  bridge.ended('w2');
  expect(bridge.match(1, top(2000))).toBe('wait');
});

test('find waits for webRequest’s answer, and gives up at once when unsure', async () => {
  const bridge = new RequestBridge();
  const found = bridge.find('1/late', 1, top(1000));
  await new Promise((resolve) => setTimeout(resolve, 120));
  seen(bridge, 'late', { ...TOP, requestTime: 1001 });
  expect(await found).toMatchObject({ id: 'late' });
  bridge.done('1/late');

  seen(bridge, 'x', { ...FRAME, requestTime: 3001 });
  seen(bridge, 'y', { ...FRAME, frameId: 7, documentId: 'Y', requestTime: 3001 });
  const started = Date.now();
  expect(await bridge.find('1/unsure', 1, framed(3000, 'http://localhost:8'))).toBeUndefined();
  expect(Date.now() - started).toBeLessThan(40);
});
