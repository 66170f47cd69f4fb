// Runs as the extension's background service worker (MV3): routes captures from the tabs' relays to the panels.

import { EXACT_BYTES } from '../core/model';
import { browser, type Runtime, requestHeaderOptions, streamFilters, type WebRequest } from '../platform/browser';
import { watchStoredSetting } from '../platform/stored-setting';
import { type BackgroundToTab, message, PortName } from '../protocol/messages';
import { HttpObserver, type Recipient, type RequestDetails, type SubscribeToRequests } from './http-observer';
import { receiveOneShot } from './one-shot';
import { ResponseTap } from './response-tap';
import { type PortLike, Router } from './router';
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

// Firefox only: the exact bytes of EventSource responses, when the user turned it on.
const filters = streamFilters();
const tap = filters
  ? new ResponseTap(filters, async (to, batch) => {
      const answer = await browser.tabs.sendMessage(
        to.tabId,
        message<BackgroundToTab>({ type: 'bytes', ...batch }),
        targetOf(to),
      );
      return answer === true;
    })
  : undefined;

const http = new HttpObserver(
  subscribeToRequests,
  (to, observation) => {
    browser.tabs
      .sendMessage(to.tabId, message<BackgroundToTab>({ type: 'http', observation }), targetOf(to))
      .catch(() => undefined); // the document is gone
  },
  tap ? (requestId, to) => tap.tap(requestId, to) : undefined,
);
if (tap) watchStoredSetting(EXACT_BYTES.key, (on) => http.setTapping(on === true));

const router = new Router(
  async (tabId) => {
    const answer = await browser.tabs.sendMessage(tabId, message<BackgroundToTab>({ type: 'attach' }));
    return answer === true;
  },
  (tabId, watching) => (watching ? http.watch(tabId) : http.unwatch(tabId)),
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
  {
    load: async () => (await browser.storage.session.get('tabs')).tabs as never,
    save: (state) => browser.storage.session.set({ tabs: state }),
  },
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
    },
  ),
);
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') void summaries.navigated(tabId, Date.now());
});
browser.tabs.onRemoved.addListener((tabId) => void summaries.closed(tabId));

// For tests and diagnostics, from the worker's console: `census(tabId)`, and `tapping()` (Firefox's exact bytes).
Object.assign(globalThis, {
  census: (tabId: number) => router.census(tabId),
  tapping: () => ({ on: http.tappingOn, active: tap?.active ?? 0 }),
});
