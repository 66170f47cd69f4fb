/**
 * Firefox's network capture of workers' streams, through the HTTP observer's listeners: a request
 * no document made is shown in the watched tab of the worker's origin with network capture on, as a
 * stream of its own when its answer is one, and its bytes are read.
 */
import { expect, test } from '@playwright/test';
import { HttpObserver } from '../../src/background/http-observer';
import { FirefoxCapture } from '../../src/background/network-capture/firefox/firefox-capture';
import type { RequestDetails, RequestHandlers } from '../../src/background/request-listeners';
import type { Recipient } from '../../src/background/tab-messages';
import type { BackgroundToTab, HttpObservation, Unbranded } from '../../src/messages/messages';
import type { StreamFilter } from '../../src/platform/browser';

function setup() {
  let handlers: RequestHandlers | undefined;
  const read: string[] = [];
  const sent: [Recipient, Unbranded<BackgroundToTab>][] = [];
  const observed: HttpObservation[] = [];
  const capture = new FirefoxCapture(
    (requestId) => {
      read.push(requestId);
      return { write: () => undefined } as unknown as StreamFilter;
    },
    // Workers of origin http://a are tab 1's, if it is a candidate.
    {
      tabFor: (url, _named, tabs) => (url.startsWith('http://a/') && [...tabs].includes(1) ? { tabId: 1 } : undefined),
    },
    { bytes: async () => true, toTab: (to, message) => sent.push([to, message]) },
  );
  const observer = new HttpObserver(
    (h) => {
      handlers = h;
      return () => {
        handlers = undefined;
      };
    },
    (_to, observation) => observed.push(observation),
    capture.requests,
  );
  const watched = new Set<number>();
  let on: ReadonlySet<number> = new Set();
  return {
    on: () => handlers as RequestHandlers,
    read,
    sent,
    observed,
    watch(tabId: number) {
      watched.add(tabId);
      capture.follow(tabId, watched, on);
      observer.watch(tabId);
    },
    unwatch(tabId: number) {
      watched.delete(tabId);
      capture.follow(tabId, watched, on);
      observer.unwatch(tabId);
    },
    setCapture(tabs: number[]) {
      on = new Set(tabs);
      capture.update(watched, on);
      observer.listen();
    },
  };
}

const workerRequest = (id: string, fields: Partial<RequestDetails> = {}): RequestDetails => ({
  requestId: id,
  tabId: -1,
  frameId: 0,
  originUrl: 'http://a/worker.js',
  url: 'http://a/s',
  timeStamp: 100,
  requestHeaders: [{ name: 'Accept', value: 'text/event-stream' }],
  ...fields,
});
const answered = (id: string, status: number, type: string) =>
  workerRequest(id, { timeStamp: 110, statusCode: status, responseHeaders: [{ name: 'Content-Type', value: type }] });

test('a worker’s EventSource and its stream fetch are streams of the tab of its origin, read; its other fetch is not', () => {
  const { on, read, sent, watch, setCapture } = setup();
  watch(1);
  setCapture([1]);
  on().sendHeaders(workerRequest('es'));
  on().headersReceived(answered('es', 200, 'text/event-stream'));
  const fetchOf = (id: string) =>
    workerRequest(id, { method: 'POST', requestHeaders: [{ name: 'Accept', value: '*/*' }] });
  on().sendHeaders(fetchOf('ndjson'));
  on().headersReceived({
    ...fetchOf('ndjson'),
    statusCode: 200,
    responseHeaders: [{ name: 'content-type', value: 'application/x-ndjson' }],
  });
  on().sendHeaders(fetchOf('json'));
  on().headersReceived({
    ...fetchOf('json'),
    statusCode: 200,
    responseHeaders: [{ name: 'content-type', value: 'application/json' }],
  });
  on().sendHeaders(workerRequest('other-origin', { originUrl: 'http://b/worker.js' }));
  on().headersReceived({ ...answered('other-origin', 200, 'text/event-stream'), originUrl: 'http://b/worker.js' });
  expect(read).toEqual(['es', 'ndjson']);
  expect(sent.map(([to, m]) => [to, m.type, 'stream' in m && m.stream, 'request' in m && m.request])).toEqual([
    [{ tabId: 1, frameId: 0 }, 'worker-stream', 'eventsource', 'es'],
    [{ tabId: 1, frameId: 0 }, 'worker-stream', 'fetch', 'ndjson'],
  ]);
  expect(sent[0]?.[1]).toMatchObject({ worker: { kind: 'worker', url: 'http://a/worker.js' }, status: 200, time: 110 });
});

test('a worker’s EventSource that fails before an answer is said to have failed; a cut one is not', () => {
  const { on, sent, watch, setCapture } = setup();
  watch(1);
  setCapture([1]);
  on().sendHeaders(workerRequest('refused'));
  on().errorOccurred(workerRequest('refused', { error: 'NS_ERROR_CONNECTION_REFUSED' }));
  on().sendHeaders(workerRequest('cut'));
  on().headersReceived(answered('cut', 200, 'text/event-stream'));
  on().errorOccurred(workerRequest('cut', { error: 'NS_BINDING_ABORTED' }));
  expect(sent.map(([, m]) => ('error' in m ? m.error : undefined))).toEqual(['NS_ERROR_CONNECTION_REFUSED', undefined]);
});

test('control: with network capture off, or its tab no longer watched, a worker’s request is not followed', () => {
  const { on, read, sent, observed, watch, unwatch, setCapture } = setup();
  watch(1);
  watch(2);
  // A dedicated worker's request, whose tab the browser names: the HTTP observer's, as without capture.
  on().sendHeaders(workerRequest('off', { tabId: 1 }));
  on().headersReceived({ ...answered('off', 200, 'text/event-stream'), tabId: 1 });
  expect(observed.map((o) => o.request)).toEqual(['off']);
  setCapture([1]);
  on().sendHeaders(workerRequest('left'));
  unwatch(1);
  on().headersReceived(answered('left', 200, 'text/event-stream'));
  expect([read, sent]).toEqual([[], []]);
});
