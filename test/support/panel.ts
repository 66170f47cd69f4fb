/** Opens the panel as an ordinary tab (`panel.html?tabId=N`) and reads what it shows. */
export { eventCount, type PanelConnection, readConnections, readEvents } from '../harness/panel-reader';

import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, tabIdOf as tabIdOfAwakePage } from '../harness/launch';
import { type Page as Evaluates, eventCount, readEvents } from '../harness/panel-reader';
import { eventsByUrl, type LogEntry, type SeenEvent } from './page-log';
import { wakeServiceWorker } from './worker';

/** The tab id of a page; wakes the worker first, in case MV3 (or a test) stopped it. */
export async function tabIdOf(extension: ExtensionBrowser, page: Page): Promise<number> {
  await wakeServiceWorker(extension);
  return tabIdOfAwakePage(extension, page);
}

/** Opens the panel with default settings (panels share the extension's localStorage). */
export async function openPanel(extension: ExtensionBrowser, tabId: number): Promise<Page> {
  const panel = await extension.context.newPage();
  await panel.addInitScript(() => localStorage.removeItem('sse-scope:settings'));
  await panel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}`);
  return panel;
}

/** Chooses the panel's language in its settings (remembered, as a user's choice is). */
export async function chooseLanguage(panel: Page, code: string): Promise<void> {
  await panel.locator('[data-action="settings"]').click();
  await panel.locator('[data-setting="language"]').selectOption(code);
  // The panel renders again in a new language, its settings closed; in the same one they stay open.
  await expect(panel.locator('html')).toHaveAttribute('lang', code);
  if (await panel.locator('[data-settings]').isVisible()) await panel.locator('[data-action="close-settings"]').click();
}

/** Waits until the panel shows `count` events, then returns them grouped by connection URL. */
export async function panelEventsByUrl(panel: Evaluates, count: number): Promise<Map<string, SeenEvent[]>> {
  await expect.poll(() => eventCount(panel), { message: 'events shown in the panel' }).toBe(count);
  const events = await readEvents(panel);
  expect(events).toHaveLength(count);
  const byUrl = new Map<string, SeenEvent[]>();
  for (const { url, type, data, id } of events) {
    const list = byUrl.get(url) ?? [];
    list.push({ type, data, id });
    byUrl.set(url, list);
  }
  return byUrl;
}

/**
 * The page-versus-panel comparison, for Chromium and Firefox alike: the panel shows exactly the
 * events the page's log says it saw, connection by connection, and none of a connection the page
 * never had. Returns the page's events by URL.
 */
export async function expectPanelShowsPage(panel: Evaluates, log: LogEntry[]): Promise<Map<string, SeenEvent[]>> {
  const seen = eventsByUrl(log);
  const count = [...seen.values()].reduce((sum, events) => sum + events.length, 0);
  const shown = await panelEventsByUrl(panel, count);
  for (const [url, events] of seen) expect(shown.get(url) ?? [], `events of ${url}`).toEqual(events);
  expect(
    [...shown.keys()].filter((url) => !seen.has(url)),
    'connections the page never had',
  ).toEqual([]);
  return seen;
}

/** Exports from the panel's export menu with `button`; returns the downloaded file. */
export async function exported(panel: Page, button: string): Promise<{ name: string; text: string; path: string }> {
  if (!(await panel.locator('[data-export-menu]').isVisible())) await panel.locator('[data-action="export"]').click();
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.locator(button).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8'), path };
}
