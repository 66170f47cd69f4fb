// Runs as the extension's background service worker (MV3): routes captures from the tabs' relays to the panels.

import { NETWORK_CAPTURE } from '../core/capture-settings';
import { knownOrigin } from '../core/origin';
import { browser, debuggerApi, type Runtime, streamFilters } from '../platform/browser';
import { updateStoredTabs, watchStoredSetting } from '../platform/stored-setting';
import { type BackgroundToTab, type HttpObservation, message, PortName, type Unbranded } from '../protocol/messages';
import { HeldCaptures } from './held-captures';
import { HttpObserver, type Recipient } from './http-observer';
import { NetworkTap } from './network-tap';
import { receiveOneShot } from './one-shot';
import { RequestBridge } from './request-bridge';
import { headersListener, subscribeToRequests } from './request-listeners';
import { type ByteBatch, ResponseTap } from './response-tap';
import { type PortLike, Router } from './router';
import { isExtensionPage, senderOrigin } from './senders';
import { StartedWorkers } from './started-workers';
import { TabOrigins } from './tab-origins';
import { TabSummaries } from './tab-summaries';
import { WorkerOwners } from './worker-owners';

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
/** The workers each tab's pages started, as their page hooks told (a hint), and the origin of each tab's page (the browser's word). */
const started = new StartedWorkers();
const origins = new TabOrigins();
const owners = new WorkerOwners(started, origins);
/** Tabs network capture is on for. */
let networkTabs: ReadonlySet<number> = new Set();
/** Chrome: webRequest's view of each page EventSource request, for the debugger's bytes of it. */
const bridge = debuggee ? new RequestBridge() : undefined;

const network = debuggee
  ? new NetworkTap(debuggee, {
      bytes: sendBytes,
      arrivals: sendToTab,
      workerStream: sendToTab,
      workerSeen: sendToTab,
      ownerOf: (url, tabIds) => owners.ownerOf(url, tabIds),
      pageBytes: async (tabId, request, batch) => {
        // The frame's document and webRequest's id for the request, which its relay matched the connection by.
        const key = `${tabId}/${request.id}`;
        const found = await bridge?.find(key, tabId, request);
        if (batch.ends) bridge?.done(key);
        return found ? sendBytes(found.to, { ...batch, request: found.id }) : false;
      },
    })
  : undefined;

const http = new HttpObserver(subscribeToRequests, sendObservation, {
  tap: tap ? (requestId, to) => tap.tap(requestId, to) : undefined,
  // Firefox names no tab for most of a worker's requests: a watched tab of the worker's origin shows them.
  workers: tap
    ? {
        tabFor: (workerUrl, tabId) =>
          owners.tabFor(
            workerUrl,
            tabId,
            [...networkTabs].filter((candidate) => watched.has(candidate)),
          ),
        deliver: sendToTab,
      }
    : undefined,
  log: bridge,
});

function follow(tabId: number, watching: boolean): void {
  if (watching && !watched.has(tabId))
    browser.tabs.get(tabId).then(
      (tab) => origins.setTop(tabId, tab.url),
      () => undefined, // closed already
    );
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

/** Whether a sender is one of our pages (the panel, the popup), not a content script speaking in a page's renderer. */
const fromOurPage = (sender: Runtime.MessageSender | undefined) =>
  sender !== undefined && isExtensionPage(sender, browser.runtime.id, browser.runtime.getURL(''));

browser.runtime.onConnect.addListener((port) => {
  if (port.sender?.id !== browser.runtime.id) return port.disconnect();
  const tabId = port.sender.tab?.id;
  const handlers =
    port.name === PortName.relay && tabId !== undefined
      ? router.connectRelay(adapt(port), tabId, port.sender.frameId ?? 0)
      : port.name === PortName.panel && fromOurPage(port.sender)
        ? router.connectPanel(adapt(port))
        : undefined;
  if (!handlers) return port.disconnect();
  port.onMessage.addListener((msg: unknown) => handlers.onMessage(msg));
  port.onDisconnect.addListener(() => handlers.onDisconnect());
});

/**
 * Captures of frames of another origin than their page's that went away: never handed to the
 * page's renderer, held here (and in session storage) and served to panels as a relay's are.
 */
const held = new HeldCaptures(browser.storage.session, (port, tabId, frameId) =>
  router.connectRelay(port, tabId, frameId),
);
/** Frames' captures being placed, one part after another. */
let adopting = Promise.resolve();

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
    {
      ours: sender.id === browser.runtime.id,
      page: fromOurPage(sender),
      tabId: sender.tab?.id,
      frameId: sender.frameId,
      origin: senderOrigin(sender),
    },
    {
      summaries,
      adopt: (tabId, origin, adoption) => {
        // In the order the frames sent them: a document's parts follow one another.
        adopting = adopting.then(async () => {
          const tab = await browser.tabs.get(tabId).catch(() => undefined);
          if (!tab) return; // the page went too
          if (origin !== undefined && knownOrigin(tab.url) === origin)
            await browser.tabs
              .sendMessage(tabId, message<BackgroundToTab>(adoption), { frameId: 0 })
              .catch(() => undefined);
          else held.add(tabId, adoption);
        });
      },
      workerStarted: (tabId, worker, origin) => {
        if (!started.add(tabId, worker, origin)) return;
        // Chrome finds a shared worker only once it runs: look now rather than at the next round.
        if (worker.kind === 'shared' && networkTabs.has(tabId)) network?.lookForSharedWorkers();
      },
    },
  ),
);
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url !== undefined) origins.setTop(tabId, change.url);
  if (change.status === 'loading') {
    void summaries.navigated(tabId, Date.now());
    held.navigated(tabId, Date.now());
  }
});
browser.tabs.onRemoved.addListener((tabId) => {
  started.forget(tabId);
  held.forget(tabId);
  origins.forget(tabId);
  void summaries.closed(tabId);
  void updateStoredTabs(NETWORK_CAPTURE.key, NETWORK_CAPTURE.area, tabId, false).catch(() => undefined);
});

// For tests and diagnostics, from the worker's console: `census(tabId)`, and `tapping()` (network capture:
// the response tap's listener as the browser has it, and what the debugger is attached to).
Object.assign(globalThis, {
  census: (tabId: number) => ({ ...router.census(tabId), held: held.count(tabId) }),
  tapping: () => ({
    on: http.tappingOn,
    listener: headersListener(),
    active: tap?.active ?? 0,
    debugging: network?.attached ?? [],
    sharedWorkers: network?.sharedWorkers ?? [],
  }),
});
