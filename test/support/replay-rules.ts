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
