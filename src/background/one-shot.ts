/**
 * One-shot messages to the worker (`runtime.sendMessage`): a relay's count of live connections
 * (for the badge and the popup), a frame's capture handed over as the frame goes away (to be served
 * from then on by the tab's top frame, or by the worker when the frame was of another origin), a
 * worker the page started (for network capture), a document asking for its tab's replay rules as it
 * starts, and the popup asking which tabs have connections. Anything else, or from another
 * extension, is ignored; so is the popup's question from anything but one of our pages (a content
 * script speaks in a page's renderer, for its own document only).
 */

import { isPopupToBackground, validateRelayToBackgroundOneShot } from '../messages/guards';
import type { Adoption, ReplayRules, TabSummary, WorkerInfo } from '../messages/messages';
import type { TabSummaries } from './tab-summaries';

export interface OneShotSender {
  /** Whether it is one of our own pages or content scripts. */
  ours: boolean;
  /** Whether it is one of our pages (the panel, the popup), as its URL tells. */
  page: boolean;
  tabId?: number;
  frameId?: number;
  /** The origin of the sending document, as the browser tells it. */
  origin?: string;
}

export interface OneShotRoutes {
  summaries: Pick<TabSummaries, 'update'>;
  /** A frame of the tab (of `origin`, the browser's word) went away and hands over a part of its capture. */
  adopt(tabId: number, origin: string | undefined, adoption: Adoption): void;
  /** A document of the tab (of `origin`, the browser's word) says it started a worker. */
  workerStarted(tabId: number, worker: WorkerInfo, origin: string | undefined): void;
  /** The replay rules on in the tab (its own tab's only: the browser says which tab asks). */
  replayRules(tabId: number): Promise<ReplayRules>;
  /** The popup's list of tabs. */
  tabs(): Promise<TabSummary[]>;
}

/** Handles a one-shot message; a Promise is the answer (the popup's list of tabs). */
export function receiveOneShot(
  msg: unknown,
  sender: OneShotSender,
  routes: OneShotRoutes,
): Promise<TabSummary[] | ReplayRules> | undefined {
  if (!sender.ours) return undefined;
  const fromRelay = validateRelayToBackgroundOneShot(msg);
  const { tabId, frameId } = sender;
  if (fromRelay && tabId !== undefined) {
    if (fromRelay.type === 'summary') void routes.summaries.update(tabId, fromRelay.summary);
    else if (fromRelay.type === 'worker') routes.workerStarted(tabId, fromRelay.worker, sender.origin);
    else if (fromRelay.type === 'replay-rules') return routes.replayRules(tabId);
    else if (frameId)
      routes.adopt(tabId, sender.origin, { ...fromRelay, doc: { ...fromRelay.doc, gone: { frameId } } });
    return undefined;
  }
  // The popup asks which tabs have connections.
  if (sender.page && isPopupToBackground(msg)) return routes.tabs();
  return undefined;
}
