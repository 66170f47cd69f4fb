// Runs as the extension's background service worker (MV3): routes captures from the tabs' relays to the panels.

import { NETWORK_CAPTURE } from '../core/model';
import { knownOrigin } from '../core/origin';
import {
  browser,
  debuggerApi,
  type Runtime,
  requestHeaderOptions,
  streamFilters,
  type WebRequest,
} from '../platform/browser';
import { updateStoredTabs, watchStoredSetting } from '../platform/stored-setting';
import { type BackgroundToTab, type HttpObservation, message, PortName, type Unbranded } from '../protocol/messages';
import { HttpObserver, type Recipient, type RequestDetails, type SubscribeToRequests } from './http-observer';
import { NetworkTap } from './network-tap';
import { receiveOneShot } from './one-shot';
import { type ByteBatch, ResponseTap } from './response-tap';
import { type PortLike, Router } from './router';
import { StartedWorkers } from './started-workers';
import { TabSummaries } from './tab-summaries';

/** The shape the four webRequest events share, as far as this file uses them. */
interface RequestEvent {
  addListener(listener: (details: RequestDetails) => void, filter: WebRequest.RequestFilter, extra?: string[]): void;
  removeListener(listener: (details: RequestDetails) => void): void;
}

const subscribeToRequests: SubscribeToRequests = (handlers, { blocking }) => {
  const filter: WebRequest.RequestFilter = { urls: ['<all_urls>'], types: ['xmlhttprequest'] };
  const events = browser.webRequest as unknown as Record<string, RequestEvent>;
  const listeners: [RequestEvent, (details: RequestDetails) => void, string[]?][] = [
    [
      events.onSendHeaders as RequestEvent,
      handlers.sendHeaders,
      requestHeaderOptions(['requestHeaders', 'extraHeaders']),
    ],
    // Blocking only for the response tap, which must start its filter before the body flows.
    [
      events.onHeadersReceived as RequestEvent,
      handlers.headersReceived,
      blocking ? ['responseHeaders', 'blocking'] : ['responseHeaders'],
    ],
    [events.onCompleted as RequestEvent, handlers.finished],
    [events.onErrorOccurred as RequestEvent, handlers.errorOccurred],
  ];
  // Firefox refuses an explicit `undefined` for the options.
  for (const [event, listener, extra] of listeners) {
    if (extra) event.addListener(listener, filter, extra);
    else event.addListener(listener, filter);
  }
  return () => {
    for (const [event, listener] of listeners) event.removeListener(listener);
  };
};

const targetOf = (to: Recipient) =>
  to.documentId !== undefined ? { documentId: to.documentId } : { frameId: to.frameId };

const sendBytes = async (to: Recipient, batch: ByteBatch) => {
  const answer = await browser.tabs.sendMessage(
    to.tabId,
    message<BackgroundToTab>({ type: 'bytes', ...batch }),
    targetOf(to),
  );
  return answer === true;
};
const sendObservation = (to: Recipient, observation: HttpObservation) => {
  browser.tabs
    .sendMessage(to.tabId, message<BackgroundToTab>({ type: 'http', observation }), targetOf(to))
    .catch(() => undefined); // the document is gone
};

/** A message for a tab's document (network capture's findings go to the top frame's relay). */
const sendToTab = (to: Recipient, msg: Unbranded<BackgroundToTab>) => {
  browser.tabs.sendMessage(to.tabId, message<BackgroundToTab>(msg), targetOf(to)).catch(() => undefined);
};

// Network capture, when the user turned it on: Firefox reads EventSource responses through stream
// filters (the response tap); Chrome through the debugger, in each watched tab's top frame.
const filters = streamFilters();
const tap = filters ? new ResponseTap(filters, sendBytes) : undefined;
const debuggee = debuggerApi();
/** Tabs a panel watches. */
const watched = new Set<number>();
/** The workers each tab's pages started, as their page hooks told. */
const started = new StartedWorkers();
/** Tabs network capture is on for. */
let networkTabs: ReadonlySet<number> = new Set();
/** The debugger's requests of frames below the top one, and webRequest's view of each (its id and document). */
const bridges = new Map<string, Promise<{ id: string; to: Recipient } | undefined>>();

async function findAnswered(tabId: number, url: string, requestTime: number) {
  // webRequest may tell of the answer a while after the debugger, on a busy machine.
  for (let wait = 0; wait < 40; wait++) {
    const found = http.answered(tabId, url, requestTime);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

const network = debuggee
  ? new NetworkTap(debuggee, {
      bytes: sendBytes,
      arrivals: sendToTab,
      workerStream: sendToTab,
      workerSeen: sendToTab,
      tabOrigin: async (tabId) => knownOrigin((await browser.tabs.get(tabId)).url),
      pageBytes: async (tabId, request, batch) => {
        // The frame's document and webRequest's id for the request, which its relay matched the connection by.
        const key = `${tabId}/${request.id}`;
        let found = bridges.get(key);
        if (!found) {
          found = findAnswered(tabId, request.url, request.requestTime);
          bridges.set(key, found);
          if (bridges.size > 256) bridges.delete(bridges.keys().next().value as string);
        }
        const answered = await found;
        if (batch.ends) bridges.delete(key);
        return answered ? sendBytes(answered.to, { ...batch, request: answered.id }) : false;
      },
      startedBy: (url) => [...networkTabs].find((tabId) => started.kind(tabId, url) !== undefined),
    })
  : undefined;

const http = new HttpObserver(
  subscribeToRequests,
  sendObservation,
  tap ? (requestId, to) => tap.tap(requestId, to) : undefined,
  tap
    ? {
        // Firefox names no tab for most of a worker's requests: a watched tab of the worker's origin shows them.
        tabFor: (workerUrl, tabId) => {
          // The tab whose page started the worker (as its page hook told), else the one the browser names.
          const teller = [...networkTabs].find(
            (candidate) => watched.has(candidate) && started.kind(candidate, workerUrl),
          );
          if (teller !== undefined) return { tabId: teller, kind: started.kind(teller, workerUrl) };
          if (tabId >= 0) return { tabId, kind: 'dedicated' };
          // Else a watched tab of the worker's origin (a worker started before the page hook could tell).
          const origin = knownOrigin(workerUrl);
          for (const candidate of networkTabs)
            if (watched.has(candidate) && knownOrigin(router.topUrl(candidate)) === origin) return { tabId: candidate };
          return undefined;
        },
        deliver: sendToTab,
      }
    : undefined,
);

function follow(tabId: number, watching: boolean): void {
  if (watching) watched.add(tabId);
  else watched.delete(tabId);
  if (watching) http.watch(tabId);
  else http.unwatch(tabId);
  if (!network) return;
  if (watching && networkTabs.has(tabId)) void network.watch(tabId);
  else network.unwatch(tabId);
}

watchStoredSetting(
  NETWORK_CAPTURE.key,
  (stored) => {
    networkTabs = new Set(Array.isArray(stored) ? stored.filter((id) => Number.isSafeInteger(id)) : []);
    http.setTapping(networkTabs);
    for (const tabId of watched) follow(tabId, true);
    for (const tabId of network?.tabIds ?? []) if (!networkTabs.has(tabId)) network?.unwatch(tabId);
  },
  NETWORK_CAPTURE.area,
);

const router = new Router(
  async (tabId) => {
    const answer = await browser.tabs.sendMessage(tabId, message<BackgroundToTab>({ type: 'attach' }));
    return answer === true;
  },
  (tabId, watching) => follow(tabId, watching),
);

function adapt(port: Runtime.Port): PortLike {
  return {
    postMessage(msg) {
      try {
        port.postMessage(msg);
      } catch {
        // The other side is gone; its onDisconnect cleans up.
      }
    },
    disconnect: () => port.disconnect(),
  };
}

browser.runtime.onConnect.addListener((port) => {
  if (port.sender?.id !== browser.runtime.id) return port.disconnect();
  const tabId = port.sender.tab?.id;
  const handlers =
    port.name === PortName.relay && tabId !== undefined
      ? router.connectRelay(adapt(port), tabId, port.sender.frameId ?? 0)
      : port.name === PortName.panel
        ? router.connectPanel(adapt(port))
        : undefined;
  if (!handlers) return port.disconnect();
  port.onMessage.addListener((msg: unknown) => handlers.onMessage(msg));
  port.onDisconnect.addListener(() => handlers.onDisconnect());
});

const BADGE_COLOR = '#1a73e8';

const summaries = new TabSummaries(
  browser.storage.session,
  (tabId, open) => {
    browser.action.setBadgeText({ tabId, text: open > 0 ? String(open) : '' }).catch(() => undefined);
    browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }).catch(() => undefined);
  },
  (counts) => router.setOrigins(counts),
);

browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) =>
  receiveOneShot(
    msg,
    { ours: sender.id === browser.runtime.id, tabId: sender.tab?.id, frameId: sender.frameId },
    {
      summaries,
      toTopFrame: (tabId, forward) => {
        browser.tabs.sendMessage(tabId, forward, { frameId: 0 }).catch(() => undefined); // the page went too
      },
      workerStarted: (tabId, worker) => {
        started.add(tabId, worker);
        // Chrome finds a shared worker only once it runs: look now rather than at the next round.
        if (worker.kind === 'shared' && networkTabs.has(tabId)) network?.lookForSharedWorkers();
      },
    },
  ),
);
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') void summaries.navigated(tabId, Date.now());
});
browser.tabs.onRemoved.addListener((tabId) => {
  started.forget(tabId);
  void summaries.closed(tabId);
  void updateStoredTabs(NETWORK_CAPTURE.key, NETWORK_CAPTURE.area, tabId, false).catch(() => undefined);
});

// For tests and diagnostics, from the worker's console: `census(tabId)`, and `tapping()` (network capture).
Object.assign(globalThis, {
  census: (tabId: number) => router.census(tabId),
  tapping: () => ({ on: http.tappingOn, active: tap?.active ?? 0, debugging: network?.attached ?? [] }),
});
