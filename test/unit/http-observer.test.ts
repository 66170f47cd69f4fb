import { expect, test } from '@playwright/test';
import { HttpObserver, type RequestFollower } from '../../src/background/http-observer';
import { FirefoxCapture } from '../../src/background/network-capture/firefox/firefox-capture';
import type { RequestDetails, RequestHandlers } from '../../src/background/request-listeners';
import type { Recipient } from '../../src/background/tab-messages';
import type { HttpObservation } from '../../src/messages/messages';
import type { StreamFilter } from '../../src/platform/browser';

/**
 * An observer over fake listeners, wired as the worker's entry wires it. `canRead`: with Firefox's
 * network capture following its requests (stream filters stand in), else with a follower that logs
 * what it is told (as Chrome's pairs the debugger's view with it).
 */
function setup({ canRead = false } = {}) {
  let handlers: RequestHandlers | undefined;
  let subscriptions = 0;
  let blocking: boolean | undefined;
  /** Every subscription's options, and whether it is still there. */
  const made: { blocking: boolean; live: boolean }[] = [];
  const delivered: [Recipient, HttpObservation][] = [];
  /** The requests a stream filter was made for, and where their bytes went. */
  const read: string[] = [];
  const filters = new Map<string, StreamFilter>();
  const bytesTo: [string, Recipient][] = [];
  const logged: unknown[][] = [];
  const log: RequestFollower = {
    sent: (...args) => logged.push(['sent', ...args]),
    answered: (requestId, _to, status) => logged.push(['answered', requestId, status]),
    ended: (requestId) => logged.push(['ended', requestId]),
  };
  const capture = canRead
    ? new FirefoxCapture(
        (requestId) => {
          read.push(requestId);
          const filter = { write: () => undefined, close: () => undefined, disconnect: () => undefined };
          filters.set(requestId, filter as unknown as StreamFilter);
          return filter as unknown as StreamFilter;
        },
        { tabFor: () => undefined },
        {
          bytes: async (to, batch) => {
            bytesTo.push([batch.request, to]);
            return true;
          },
          toTab: () => undefined,
        },
      )
    : undefined;
  const observer = new HttpObserver(
    (h, options) => {
      const subscription = { blocking: options.blocking, live: true };
      made.push(subscription);
      handlers = h;
      blocking = options.blocking;
      subscriptions++;
      return () => {
        subscription.live = false;
        handlers = undefined;
        blocking = undefined;
      };
    },
    (to, observation) => delivered.push([to, observation]),
    capture?.requests ?? log,
  );
  const watched = new Set<number>();
  let on: ReadonlySet<number> = new Set();
  return {
    observer,
    on: () => handlers as RequestHandlers,
    /** A panel watches a tab, or stops: network capture is told first, as the entry does. */
    watch(tabId: number) {
      watched.add(tabId);
      capture?.follow(tabId, watched, on);
      observer.watch(tabId);
    },
    unwatch(tabId: number) {
      watched.delete(tabId);
      capture?.follow(tabId, watched, on);
      observer.unwatch(tabId);
    },
    /** The user turns network capture on for these tabs. */
    setCapture(tabs: number[]) {
      on = new Set(tabs);
      capture?.update(watched, on);
      observer.listen();
    },
    delivered,
    read,
    /** The response ends: where its stream filter sent its last bytes. */
    end: (requestId: string) => {
      (filters.get(requestId) as StreamFilter).onstop?.({ data: new ArrayBuffer(0) });
      return bytesTo.find(([id]) => id === requestId)?.[1];
    },
    logged,
    blocking: () => blocking,
    subscriptions: () => subscriptions,
    subscribed: () => handlers !== undefined,
    /** The subscriptions still there, by whether they block. */
    live: () => made.filter((m) => m.live).map((m) => m.blocking),
  };
}

const request = (id: string, fields: Partial<RequestDetails> = {}): RequestDetails => ({
  requestId: id,
  tabId: 1,
  frameId: 0,
  documentId: 'DOC',
  url: 'http://a/s',
  timeStamp: 100,
  requestHeaders: [{ name: 'Accept', value: 'text/event-stream' }],
  ...fields,
});

test('listens only while a tab is watched', () => {
  const { observer, subscribed, subscriptions } = setup();
  expect(subscribed()).toBe(false);
  observer.watch(1);
  observer.watch(2);
  expect(subscriptions()).toBe(1);
  observer.unwatch(1);
  expect(subscribed()).toBe(true);
  observer.unwatch(2);
  expect(subscribed()).toBe(false);
});

test('an SSE response reaches the document that asked, with status, type, headers (credentials masked) and the Last-Event-ID sent', () => {
  const { observer, on, delivered } = setup();
  observer.watch(1);
  on().sendHeaders(
    request('r1', {
      requestHeaders: [
        { name: 'Accept', value: 'text/event-stream' },
        { name: 'Last-Event-ID', value: '42' },
      ],
    }),
  );
  on().headersReceived(
    request('r1', {
      timeStamp: 130,
      statusCode: 200,
      responseHeaders: [
        { name: 'content-type', value: 'text/event-stream' },
        { name: 'Set-Cookie', value: 'sid=12345' },
      ],
    }),
  );
  on().finished(request('r1'));
  expect(delivered).toEqual([
    [
      expect.objectContaining({ tabId: 1, frameId: 0, documentId: 'DOC' }),
      {
        time: 130,
        url: 'http://a/s',
        requestedUrl: 'http://a/s',
        requestTime: 100,
        lastEventId: '42',
        status: 200,
        contentType: 'text/event-stream',
        headers: [
          ['content-type', 'text/event-stream'],
          ['Set-Cookie', '••••'],
        ],
        request: 'r1',
      },
    ],
  ]);
});

test('other requests, other tabs and redirect hops are not reported; the final answer is', () => {
  const { observer, on, delivered } = setup();
  observer.watch(1);
  on().sendHeaders(request('json', { requestHeaders: [{ name: 'Accept', value: 'application/json' }] }));
  on().headersReceived(request('json', { statusCode: 200 }));
  on().sendHeaders(request('other-tab', { tabId: 2 }));
  on().headersReceived(request('other-tab', { tabId: 2, statusCode: 200 }));
  on().sendHeaders(request('moved'));
  on().headersReceived(request('moved', { statusCode: 307 }));
  on().sendHeaders(request('moved', { url: 'http://b/s' }));
  on().headersReceived(request('moved', { url: 'http://b/s', statusCode: 404 }));
  expect(delivered.map(([, o]) => [o.requestedUrl, o.url, o.status])).toEqual([['http://a/s', 'http://b/s', 404]]);
});

test('a network error is reported when no response came, not when a stream is cut later', () => {
  const { observer, on, delivered } = setup();
  observer.watch(1);
  on().sendHeaders(request('refused'));
  on().errorOccurred(request('refused', { error: 'net::ERR_CONNECTION_REFUSED', timeStamp: 120 }));
  on().sendHeaders(request('cut'));
  on().headersReceived(request('cut', { statusCode: 200 }));
  on().errorOccurred(request('cut', { error: 'net::ERR_ABORTED' }));
  expect(delivered.map(([, o]) => o.error ?? o.status)).toEqual(['net::ERR_CONNECTION_REFUSED', 200]);
});

const answer = (id: string, status: number, type: string, fields: Partial<RequestDetails> = {}) =>
  request(id, { statusCode: status, responseHeaders: [{ name: 'Content-Type', value: type }], ...fields });

test('network capture: on for a tab, the headers listener blocks and each SSE stream that opens in that tab is read', () => {
  const { watch, setCapture, on, read, end, blocking, subscriptions } = setup({ canRead: true });
  watch(1);
  watch(2);
  expect(blocking()).toBe(false);
  // On for tab 1 only.
  setCapture([1]);
  expect([blocking(), subscriptions()]).toEqual([true, 2]);
  on().sendHeaders(request('stream'));
  on().headersReceived(answer('stream', 200, 'text/event-stream; charset=utf-8'));
  on().sendHeaders(request('missing'));
  on().headersReceived(answer('missing', 404, 'text/event-stream'));
  on().sendHeaders(request('html'));
  on().headersReceived(answer('html', 200, 'text/html'));
  on().sendHeaders(request('json', { requestHeaders: [{ name: 'Accept', value: 'application/json' }] }));
  on().headersReceived(answer('json', 200, 'text/event-stream'));
  on().sendHeaders(request('other-tab', { tabId: 2 }));
  on().headersReceived(answer('other-tab', 200, 'text/event-stream', { tabId: 2 }));
  expect(read).toEqual(['stream']);
  expect(end('stream')).toEqual({ tabId: 1, frameId: 0, documentId: 'DOC' });

  setCapture([]);
  expect([blocking(), subscriptions()]).toEqual([false, 3]);
  on().sendHeaders(request('later'));
  on().headersReceived(answer('later', 200, 'text/event-stream'));
  expect(read).toHaveLength(1);
});

test('network capture: nothing is read, and nothing blocks, where the browser has no stream filter', () => {
  const { observer, watch, setCapture, on, read, blocking } = setup();
  setCapture([1]);
  watch(1);
  expect(blocking()).toBe(false);
  expect(observer.blocking).toBe(false);
  on().sendHeaders(request('stream'));
  on().headersReceived(answer('stream', 200, 'text/event-stream'));
  expect(read).toEqual([]);
});

test('network capture: turned on before any tab is watched, the first subscription blocks', () => {
  const { watch, setCapture, blocking, subscriptions } = setup({ canRead: true });
  setCapture([1]);
  expect(subscriptions()).toBe(0);
  watch(1);
  expect([blocking(), subscriptions()]).toEqual([true, 1]);
});

test('network capture: the headers listener blocks only while a watched tab has capture on; never a stale one', () => {
  const { observer, watch, unwatch, setCapture, live, subscriptions } = setup({ canRead: true });
  // On for tabs 1 and 2 before anything is watched: no listener at all.
  setCapture([1, 2]);
  expect(live()).toEqual([]);
  // Watching a tab with capture off: listening, not blocking.
  watch(3);
  expect(live()).toEqual([false]);
  // A tab with capture on is watched: blocking, the old listener gone.
  watch(1);
  expect(live()).toEqual([true]);
  watch(2);
  expect([live(), subscriptions()]).toEqual([[true], 2]);
  // Its panels go: one tab of capture still watched, then none: no longer blocking.
  unwatch(1);
  expect(live()).toEqual([true]);
  unwatch(2);
  expect(live()).toEqual([false]);
  // Capture switched on for the watched tab, then off everywhere.
  setCapture([3]);
  expect(live()).toEqual([true]);
  setCapture([]);
  expect(live()).toEqual([false]);
  expect(observer.blocking).toBe(false);
  // On again, then its last panel goes: nothing is left listening.
  setCapture([3]);
  expect([live(), observer.blocking]).toEqual([[true], true]);
  unwatch(3);
  expect([live(), observer.blocking]).toEqual([[], false]);
});

test('a page’s SSE request is logged as it goes, answered and ended, with its document and origin (for the debugger’s view to find it)', () => {
  const { observer, on, logged } = setup();
  observer.watch(1);
  on().sendHeaders(request('p1', { frameId: 4, documentId: 'F', initiator: 'http://b:8' }));
  on().sendHeaders(request('p2', { initiator: 'null' }));
  on().headersReceived(request('p1', { statusCode: 307 }));
  on().headersReceived(request('p1', { statusCode: 200 }));
  on().errorOccurred(request('p2', { error: 'net::ERR_FAILED' }));
  on().finished(request('p1'));
  expect(logged).toEqual([
    [
      'sent',
      'p1',
      { tabId: 1, frameId: 4, documentId: 'F', url: 'http://a/s', requestTime: 100, origin: 'http://b:8' },
    ],
    ['sent', 'p2', { tabId: 1, frameId: 0, documentId: 'DOC', url: 'http://a/s', requestTime: 100, origin: undefined }],
    ['answered', 'p1', 200],
    ['ended', 'p2'],
    ['ended', 'p1'],
  ]);
});
