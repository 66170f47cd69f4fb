/** Replay rules as the e2e tests see them: the worker's stored list for a tab, the badge, and the panel's rules view. */
import type { Page } from 'playwright-core';
import type { ReplayRule } from '../../src/core/replay-rule';
import type { ExtensionBrowser } from '../harness/launch';
import { expect } from './fixtures';

type Chrome = {
  chrome: {
    storage: { session: { get(key: null): Promise<Record<string, unknown>> } };
    action: { getBadgeText(details: object): Promise<string> };
  };
};

/** The tab's rules as the worker keeps them in session storage (undefined: none). */
export const storedRules = (extension: ExtensionBrowser, tabId: number) =>
  extension.worker.evaluate(
    async (tab) =>
      (await (globalThis as unknown as Chrome).chrome.storage.session.get(null))[`replay/${tab}`] as
        | ReplayRule[]
        | undefined,
    tabId,
  );

export const badgeText = (extension: ExtensionBrowser, tabId: number) =>
  extension.worker.evaluate(
    (tab) => (globalThis as unknown as Chrome).chrome.action.getBadgeText({ tabId: tab }),
    tabId,
  );

/** Makes a rule from the connection row `ordinal` with its context menu; waits until the view lists it. */
export async function replayFromRow(panel: Page, ordinal: number): Promise<void> {
  // In front: a background tab's animation frames are throttled, and every click waits for two.
  await panel.bringToFront();
  const before = await panel.locator('[data-replay-rules] li[data-rule]').count();
  await panel.locator(`tr[data-connection="${ordinal}"]`).click({ button: 'right' });
  await panel.locator('[data-menu-item="replay"]').click();
  await expect(panel.locator('[data-replay-rules] li[data-rule]')).toHaveCount(before + 1);
}

type Steps = {
  chrome: { tabs: { sendMessage(tabId: number, message: unknown, ...rest: unknown[]): Promise<unknown> } };
  __replaySteps?: { tabId: number; rule: string; step: string }[];
  __sendMessage?: Steps['chrome']['tabs']['sendMessage'];
};

/** Records the replay steps the worker sends to tabs (the polyfill calls `chrome.tabs.sendMessage` as it is at each call). */
export const watchSteps = (extension: ExtensionBrowser) =>
  extension.worker.evaluate(() => {
    const g = globalThis as unknown as Steps;
    const tabs = g.chrome.tabs;
    const original = tabs.sendMessage;
    g.__sendMessage = original;
    g.__replaySteps = [];
    tabs.sendMessage = (tabId, message, ...rest) => {
      const m = message as { type?: string; rule: string; step: string };
      if (m?.type === 'replay-step') g.__replaySteps?.push({ tabId, rule: m.rule, step: m.step });
      return original.call(tabs, tabId, message, ...rest);
    };
  });

export const stepsSeen = (extension: ExtensionBrowser) =>
  extension.worker.evaluate(() => (globalThis as unknown as Steps).__replaySteps ?? []);

export const unwatchSteps = (extension: ExtensionBrowser) =>
  extension.worker.evaluate(() => {
    const g = globalThis as unknown as Steps;
    if (g.__sendMessage) g.chrome.tabs.sendMessage = g.__sendMessage;
    delete g.__sendMessage;
    delete g.__replaySteps;
  });
