/** What the worker sends to a tab's documents: a frame's, or one document's where the browser names it. */

import {
  type BackgroundToTab,
  type ByteBatchMessage,
  type HttpObservation,
  message,
  type Unbranded,
} from '../messages/messages';
import { browser } from '../platform/browser';

export interface Recipient {
  tabId: number;
  frameId: number;
  documentId?: string;
}

const targetOf = (to: Recipient) =>
  to.documentId !== undefined ? { documentId: to.documentId } : { frameId: to.frameId };

/** A response's bytes; resolves to whether the document wants them (it answers false for a request not its own). */
export const sendBytes = async (to: Recipient, batch: Omit<ByteBatchMessage, 'type'>) => {
  const answer = await browser.tabs.sendMessage(
    to.tabId,
    message<BackgroundToTab>({ type: 'bytes', ...batch }),
    targetOf(to),
  );
  return answer === true;
};

export const sendObservation = (to: Recipient, observation: HttpObservation) => {
  browser.tabs
    .sendMessage(to.tabId, message<BackgroundToTab>({ type: 'http', observation }), targetOf(to))
    .catch(() => undefined); // the document is gone
};

/** A message for a tab's document (network capture's findings go to the top frame's relay). */
export const sendToTab = (to: Recipient, msg: Unbranded<BackgroundToTab>) => {
  browser.tabs.sendMessage(to.tabId, message<BackgroundToTab>(msg), targetOf(to)).catch(() => undefined);
};
