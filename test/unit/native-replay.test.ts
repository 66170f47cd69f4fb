/**
 * Firefox's native replay, as the worker decides it: which requests a tab's rules steer (redirect
 * to the document's URL, with a fragment naming the connection), which response each reconnect
 * gets, the cancel past the recording, and what goes when rules go off or the tab closes.
 */
import { expect, test } from '@playwright/test';
import { NativeReplay } from '../../src/background/native-replay/native-replay';
import type { ReplayHandlers, ReplayRequest } from '../../src/background/native-replay/replay-listeners';
import type { ReplayRule } from '../../src/core/replay-rule';
import type { StreamFilter } from '../../src/platform/browser';

const PAGE = 'http://a/page';
const rule: ReplayRule = {
  id: 'r',
  name: 'r',
  on: true,
  match: 'http://a/sse',
  pace: 'instant',
  responses: [0, 1].map((n) => ({
    status: 200,
    contentType: 'text/event-stream',
    chunks: [{ at: 0, text: `data: ${n}\n\n` }],
    end: { at: 0, how: 'close' as const },
  })),
};

function setup() {
  let handlers: ReplayHandlers | undefined;
  const written: string[] = [];
  const filters: (StreamFilter & { closed?: boolean })[] = [];
  const replay = new NativeReplay(
    () => {
      const filter = {
        write: (data: Uint8Array) => written.push(new TextDecoder().decode(data)),
        close: () => {
          filter.closed = true;
        },
      } as unknown as StreamFilter & { closed?: boolean };
      filters.push(filter);
      return filter;
    },
    (h) => {
      handlers = h;
      return () => {
        handlers = undefined;
      };
    },
  );
  let id = 0;
  const request = (url: string, over: Partial<ReplayRequest> = {}): ReplayRequest => ({
    requestId: String(++id),
    tabId: 1,
    frameId: 0,
    documentId: 'doc',
    documentUrl: `${PAGE}#top`,
    url,
    ...over,
  });
  /** A request through both listeners, as Firefox makes it: how each steered it; the filter started. */
  const send = (d: ReplayRequest) => {
    const before = handlers?.beforeRequest(d);
    if (before && !('redirectUrl' in before)) return before;
    const headers = handlers?.headersReceived({
      ...d,
      url: before?.redirectUrl ?? d.url,
      statusCode: 200,
      responseHeaders: [
        { name: 'Content-Type', value: 'text/html' },
        { name: 'Content-Length', value: '9' },
      ],
    });
    if (!headers) return before;
    filters.at(-1)?.onstart?.({ data: new ArrayBuffer(0) });
    return { before, headers };
  };
  return { replay, written, filters, request, send, listening: () => handlers !== undefined };
}

/** The players' timers (an instant pace still writes in a later task). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

test('a rule’s EventSource is redirected to its page; each reconnect gets the next response, then a cancel', async () => {
  const { replay, written, filters, request, send, listening } = setup();
  expect(listening()).toBe(false);
  replay.setRules(1, [rule]);
  expect(listening()).toBe(true);
  const first = send(request('http://a/sse?x'));
  const to = (first as { before: { redirectUrl: string } }).before.redirectUrl;
  expect(to).toMatch(/^http:\/\/a\/page#sse-scope-replay-[0-9a-f]{24}$/);
  expect((first as { headers: unknown }).headers).toEqual({
    responseHeaders: [{ name: 'Content-Type', value: 'text/event-stream' }],
  });
  await settle();
  expect(written).toEqual(['data: 0\n\n']);
  expect(filters[0]?.closed).toBe(true);
  // Firefox reconnects to the URL it was redirected to: served in place, no redirect.
  expect(send(request(to))).toMatchObject({ before: undefined });
  await settle();
  expect(written).toEqual(['data: 0\n\n', 'data: 1\n\n']);
  expect(send(request(to))).toEqual({ cancel: true });
  expect(replay.state).toEqual({ listening: true, serving: 0, connections: 0 });
});

test('other tabs, other origins, another document’s fragment and unknown ones are left alone', () => {
  const { replay, request, send } = setup();
  replay.setRules(1, [rule]);
  expect(send(request('http://a/sse', { tabId: 2 }))).toBeUndefined();
  expect(send(request('http://b/sse', { documentUrl: PAGE }))).toBeUndefined();
  expect(send(request('http://a/other'))).toBeUndefined();
  const { before } = send(request('http://a/sse')) as { before: { redirectUrl: string } };
  expect(send(request(before.redirectUrl, { documentId: 'another' }))).toBeUndefined();
  expect(send(request(`${PAGE}#sse-scope-replay-0`))).toBeUndefined();
});

test('rules off: listeners go, and a connection’s reconnect returns to its own URL', () => {
  const { replay, request, send, listening } = setup();
  replay.setRules(1, [rule, { ...rule, id: 'other', match: 'http://a/other' }]);
  const { before } = send(request('http://a/sse?x')) as { before: { redirectUrl: string } };
  replay.setRules(1, [{ ...rule, id: 'other', match: 'http://a/other' }]);
  expect(send(request(before.redirectUrl))).toEqual({ redirectUrl: 'http://a/sse?x' });
  replay.setRules(1, []);
  expect(listening()).toBe(false);
  replay.setRules(1, [rule]);
  send(request('http://a/sse'));
  replay.forget(1);
  expect(replay.state).toEqual({ listening: false, serving: 0, connections: 0 });
});
