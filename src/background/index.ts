// Runs as the extension's background service worker (MV3): routes captures from the tabs' relays to the panels.

import { NETWORK_CAPTURE } from '../core/capture-settings';
import type { ReplayRule } from '../core/replay-rule';
import {
  type BackgroundToPanel,
  type BackgroundToTab,
  message,
  PortName,
  type ReplayRules as ReplayRulesMessage,
} from '../messages/messages';
import { browser, debuggerApi, type Runtime, streamFilters } from '../platform/browser';
import { updateStoredTabs, watchStoredSetting } from '../platform/stored-setting';
import { Adoptions } from './adoptions';
import { Badges } from './badges';
import { HeldCaptures } from './held-captures';
import { HttpObserver } from './http-observer';
import { NativeReplay } from './native-replay/native-replay';
import { listenForReplay } from './native-replay/replay-listeners';
import { ChromeCapture } from './network-capture/chrome/chrome-capture';
import { FirefoxCapture } from './network-capture/firefox/firefox-capture';
import { StartedWorkers } from './network-capture/started-workers';
import { TabOrigins } from './network-capture/tab-origins';
import type { NetworkCapture } from './network-capture/types';
import { WorkerOwners } from './network-capture/worker-owners';
import { receiveOneShot } from './one-shot';
import { ReplayRules, rulesOn } from './replay-rules';
import { headersListener, subscribeToRequests } from './request-listeners';
import { type PortLike, Router } from './router';
import { isExtensionPage, senderOrigin } from './senders';
import { sendBytes, sendObservation, sendToTab } from './tab-messages';
import { TabSummaries } from './tab-summaries';

/** Tabs a panel watches. */
const watched = new Set<number>();
/** Tabs network capture is on for. */
let networkTabs: ReadonlySet<number> = new Set();
/** The workers each tab's pages started, as their page hooks told (a hint), and the origin of each tab's page (the browser's word). */
const started = new StartedWorkers();
const origins = new TabOrigins();
const owners = new WorkerOwners(started, origins);

// Network capture, when the user turned it on: Chrome's through the debugger, Firefox's through stream filters.
const outlets = { bytes: sendBytes, toTab: sendToTab };
const debuggee = debuggerApi();
const filters = streamFilters();
const network: NetworkCapture | undefined = debuggee
  ? new ChromeCapture(debuggee, owners, outlets)
  : filters
    ? new FirefoxCapture(filters, owners, outlets)
    : undefined;

const http = new HttpObserver(subscribeToRequests, sendObservation, network?.requests);

function follow(tabId: number, watching: boolean): void {
  if (watching && !watched.has(tabId))
    browser.tabs.get(tabId).then(
      (tab) => origins.setTop(tabId, tab.url),
      () => undefined, // closed already
    );
  if (watching) watched.add(tabId);
  else watched.delete(tabId);
  // Before the observer listens again: whether its headers listener blocks is network capture's to say.
  network?.follow(tabId, watched, networkTabs);
  if (watching) http.watch(tabId);
  else http.unwatch(tabId);
}

watchStoredSetting(
  NETWORK_CAPTURE.key,
  (stored) => {
    networkTabs = new Set(Array.isArray(stored) ? stored.filter((id) => Number.isSafeInteger(id)) : []);
    network?.update(watched, networkTabs);
    http.listen();
  },
  NETWORK_CAPTURE.area,
);

/** To every frame of a tab; a tab with no frame of ours (yet) learns at its documents' start. */
const toEveryFrame = (tabId: number, msg: BackgroundToTab) =>
  browser.tabs.sendMessage(tabId, msg).catch(() => undefined);

/** Firefox serves a replay rule to a page's own EventSource (of its document's origin) through a stream filter. */
const nativeReplay = filters ? new NativeReplay(filters, listenForReplay) : undefined;
/** The rules on in a tab, as its documents get them. */
const rulesForTab = (rules: ReplayRule[]): ReplayRulesMessage =>
  nativeReplay ? { rules, nativeEventSource: true } : { rules };

const replay = new ReplayRules(browser.storage.session, {
  toTab: (tabId, rules) => {
    nativeReplay?.setRules(tabId, rules);
    toEveryFrame(tabId, message<BackgroundToTab>({ type: 'replay', ...rulesForTab(rules) }));
  },
  toPanels: (tabId, rules) => router.toPanels(tabId, message<BackgroundToPanel>({ type: 'replay-rules', rules })),
  badge: (tabId, on) => badges.replaying(tabId, on),
  stepTab: (tabId, rule, step) => {
    nativeReplay?.step(tabId, rule, step);
    toEveryFrame(tabId, message<BackgroundToTab>({ type: 'replay-step', rule, step }));
  },
});

const router = new Router(
  async (tabId) => {
    const answer = await browser.tabs.sendMessage(tabId, message<BackgroundToTab>({ type: 'attach' }));
    return answer === true;
  },
  (tabId, watching) => follow(tabId, watching),
  (tabId, url, fault, applied, details) => {
    if (networkTabs.has(tabId) && watched.has(tabId)) network?.fault(tabId, url, fault, applied, details);
  },
  replay,
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
const adoptions = new Adoptions({
  pageUrl: (tabId) =>
    browser.tabs.get(tabId).then(
      (tab) => tab.url ?? '',
      () => undefined,
    ),
  toTopFrame: (tabId, adoption) =>
    browser.tabs.sendMessage(tabId, message<BackgroundToTab>(adoption), { frameId: 0 }).then(
      () => undefined,
      () => undefined,
    ),
  hold: (tabId, adoption) => held.add(tabId, adoption),
});

const badges = new Badges(browser.action, (count) => browser.i18n.getMessage('action_replaying', [String(count)]));
void replay.replaying().then(async (counts) => {
  for (const [tabId, on] of counts) {
    badges.replaying(tabId, on);
    // A restarted worker serves the rules it kept.
    nativeReplay?.setRules(tabId, rulesOn(await replay.rules(tabId)));
  }
});

const summaries = new TabSummaries(
  browser.storage.session,
  (tabId, open) => badges.open(tabId, open),
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
      adopt: (tabId, origin, adoption) => void adoptions.place(tabId, origin, adoption),
      workerStarted: (tabId, worker, origin) => {
        if (started.add(tabId, worker, origin)) network?.workerStarted(tabId, worker, networkTabs);
      },
      replayRules: (tabId) => replay.rules(tabId).then((rules) => rulesForTab(rulesOn(rules))),
      tabs: async () => {
        const [tabs, replaying] = await Promise.all([summaries.list(), replay.replaying()]);
        const listed = tabs.map((tab) => ({
          ...tab,
          ...(replaying.has(tab.tabId) ? { replaying: replaying.get(tab.tabId) } : {}),
        }));
        for (const [tabId, on] of replaying)
          if (!tabs.some((tab) => tab.tabId === tabId)) listed.push({ tabId, open: 0, connections: 0, replaying: on });
        return listed;
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
  void replay.forget(tabId);
  nativeReplay?.forget(tabId);
  badges.forget(tabId);
  origins.forget(tabId);
  void summaries.closed(tabId);
  void updateStoredTabs(NETWORK_CAPTURE.key, NETWORK_CAPTURE.area, tabId, false).catch(() => undefined);
});

// For tests and diagnostics, from the worker's console: `census(tabId)`, and network capture's state
// (the headers listener as the browser has it, what stream filters read, what the debugger is attached to).
const networkCapture = () => ({
  on: http.blocking,
  listener: headersListener(),
  ...(network?.state() ?? { active: 0, debugging: [], sharedWorkers: [], faultsWaiting: 0 }),
});
Object.assign(globalThis, {
  census: (tabId: number) => ({ ...router.census(tabId), held: held.count(tabId) }),
  networkCapture,
  nativeReplay: () => nativeReplay?.state,
});
