/**
 * The worker's per-tab summaries against a page that makes frames by the hundred, each with an
 * EventSource (test/fixtures/pages/frame-storm.html): the badge and the popup's list of tabs stay
 * right, across a restart of the worker, and what it keeps in session storage stays small. Each
 * run has a control that makes few frames, where every document is kept one by one.
 */
import type { Page } from 'playwright-core';
import { ENDED_DOCUMENTS, LIVE_DOCUMENTS, type TabState } from '../../src/background/tab-state';
import type { ExtensionBrowser } from '../harness/launch';
import { expect, test } from '../support/fixtures';
import { waitUntilDone } from '../support/page-log';
import { tabIdOf } from '../support/panel';
import { stopServiceWorker, wakeServiceWorker } from '../support/worker';

interface Worker {
  chrome: {
    action: { getBadgeText(details: { tabId: number }): Promise<string> };
    storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
  };
}

const badge = (extension: ExtensionBrowser, tabId: number) =>
  extension.worker.evaluate((id) => (globalThis as unknown as Worker).chrome.action.getBadgeText({ tabId: id }), tabId);

/** What session storage holds for the tab, and its size as JSON. */
async function stored(extension: ExtensionBrowser, tabId: number) {
  const items = await extension.worker.evaluate(() =>
    (globalThis as unknown as Worker).chrome.storage.session.get(null),
  );
  const state = items[`summary/${tabId}`] as TabState | undefined;
  return { docs: state?.docs.length, folded: state?.folded?.connections, size: JSON.stringify(state ?? null).length };
}

/** The popup's line for a tab, as another tab's popup lists it. */
async function popupCounts(extension: ExtensionBrowser, from: Page, tabId: number): Promise<string> {
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${await tabIdOf(extension, from)}`);
  const text = await popup.locator(`.tabs li[data-tab="${tabId}"] [data-tab-counts]`).textContent();
  await popup.close();
  return text ?? '';
}

async function storm(extension: ExtensionBrowser, url: string): Promise<number> {
  const page = await extension.context.newPage();
  await page.goto(url);
  await waitUntilDone(page, 240_000);
  return tabIdOf(extension, page);
}

test('the badge and the popup count short-lived frames exactly', async ({ extension, server }) => {
  test.setTimeout(300_000);
  const other = await extension.context.newPage();
  await other.goto(`${server.origin}/pages/index.html`);
  // Control: 20 frames, each kept.
  const few = await storm(extension, `${server.origin}/pages/frame-storm.html?n=20&at=5`);
  await expect.poll(() => badge(extension, few)).toBe('1');
  await expect.poll(() => popupCounts(extension, other, few)).toBe('1 open · 21 connections');
  await expect.poll(() => stored(extension, few)).toMatchObject({ docs: 21, folded: undefined });
  // 120 frames: the ended ones past the last few are folded into a count.
  const many = await storm(extension, `${server.origin}/pages/frame-storm.html?n=120&at=5`);
  await expect.poll(() => badge(extension, many)).toBe('1');
  await expect.poll(() => popupCounts(extension, other, many)).toBe('1 open · 121 connections');
  const state = await stored(extension, many);
  expect(state).toMatchObject({ docs: 1 + ENDED_DOCUMENTS, folded: 120 - ENDED_DOCUMENTS });
  expect(state.size).toBeLessThan(4096);
  // A restarted worker reads the tabs back from session storage.
  await stopServiceWorker(extension);
  await wakeServiceWorker(extension);
  expect(await popupCounts(extension, other, many)).toBe('1 open · 121 connections');
  expect(await popupCounts(extension, other, few)).toBe('1 open · 21 connections');
});

test('past the bound on a hostile page’s frames, the badge counts the first ones', async ({ extension, server }) => {
  test.setTimeout(180_000);
  const other = await extension.context.newPage();
  await other.goto(`${server.origin}/pages/index.html`);
  // Control: 20 frames, each counted.
  const few = await storm(extension, `${server.origin}/pages/frame-storm.html?n=20&keep`);
  await expect.poll(() => badge(extension, few)).toBe('21');
  await expect.poll(() => popupCounts(extension, other, few)).toBe('21 open · 21 connections');
  // 90 frames: the top document and the first 64 frames with live connections are kept.
  const many = await storm(extension, `${server.origin}/pages/frame-storm.html?n=90&keep`);
  const kept = String(1 + LIVE_DOCUMENTS);
  await expect.poll(() => badge(extension, many)).toBe(kept);
  await expect.poll(() => popupCounts(extension, other, many)).toBe(`${kept} open · ${kept} connections`);
  const state = await stored(extension, many);
  expect(state.docs).toBe(1 + LIVE_DOCUMENTS);
  expect(state.size).toBeLessThan(16_384);
});
