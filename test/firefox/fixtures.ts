/**
 * Fixtures for the Firefox tests: per worker, one Firefox with the add-on (dist/firefox/) and one
 * without; per test, a fresh fixture server on 127.0.0.1 (the Chromium tests' fixture). Without a
 * Firefox they are skipped, and the preflight of `npm test` says what to install.
 */
import { expect } from '@playwright/test';
import type { Browser, Page } from 'puppeteer-core';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { findFirefox, firefoxTabIdOf, launchFirefox, openExtensionPage } from '../harness/firefox';
import type { SseServer } from '../harness/sse-server';
import { startSseServer } from '../harness/sse-server';
import { track } from '../support/driver';
import { diagnose, firefoxDriver, firefoxExtensionDriver, waitWatched } from '../support/firefox-driver';
import { test as base } from '../support/fixtures';
import { type LogEntry, logByConnection, runPage, withFreshServer } from '../support/page-log';

interface WorkerFixtures {
  withAddon: Browser;
  withoutAddon: Browser;
}

/** A Firefox, closed with the worker; what a test leaves open in it is closed after the test. */
async function firefox(extension: boolean, use: (browser: Browser) => Promise<void>): Promise<void> {
  const browser = await launchFirefox({ extension });
  const untrack = track(firefoxDriver(browser));
  await use(browser);
  untrack();
  await browser.close();
}

/**
 * The Chromium fixtures' `server` and cleanup, two Firefoxes, and the drivers of shared specs on
 * them (Chromium starts only for a test that asks).
 */
export const test = base.extend<object, WorkerFixtures>({
  withAddon: [({}, use) => firefox(true, use), { scope: 'worker' }],
  withoutAddon: [({}, use) => firefox(false, use), { scope: 'worker' }],
  driver: async ({ withAddon }, use) => {
    await use(firefoxExtensionDriver(withAddon));
  },
  plainDriver: async ({ withoutAddon }, use) => {
    await use(firefoxDriver(withoutAddon));
  },
});

test.skip(!findFirefox(), 'no Firefox here: sudo apt-get install firefox-esr');

/**
 * The server's requests without times, as a sorted list: Firefox starts frames' requests in no fixed
 * order. A service worker's script fetched again is the browser checking it for an update, which
 * Firefox does or not as it likes (once in ten runs, without the add-on): not the page's behaviour.
 */
export function requestSet(server: SseServer): string[] {
  return server.requests
    .filter(({ serviceWorker, attempt }) => !(serviceWorker && attempt > 1))
    .map(({ method, path, attempt, accept, lastEventId, body }) =>
      JSON.stringify({ method, path, attempt, accept, lastEventId, body }),
    )
    .sort();
}

/** A page's log by connection (the server's origin written ORIGIN), whatever shape the page logs. */
export function comparable(log: unknown, origin: string): unknown {
  return Array.isArray(log)
    ? logByConnection(log as LogEntry[], origin)
    : JSON.parse(JSON.stringify(log).replaceAll(origin, 'ORIGIN'));
}

/**
 * A page on a fresh server: its log by connection and what the server saw. `inspect`, when given,
 * sees the page and its log before it closes (to check the panel on the same run).
 */
export function runFresh(
  browser: Browser,
  path: string,
  inspect?: (page: Page, log: unknown) => Promise<void>,
): Promise<{ log: unknown; requests: string[] }> {
  return withFreshServer(async (server) => {
    const { page, log } = await runPage(browser, server.origin + path);
    if (inspect) await inspect(page, log);
    await page.close();
    return { log: comparable(log, server.origin), requests: requestSet(server) };
  });
}

/** Turns network capture on or off in the panel's settings, and waits until the worker follows. */
export async function setNetworkCapture(panel: Page, on: boolean): Promise<void> {
  if (!(await panel.$('[data-settings]'))) await panel.click('[data-action="settings"]');
  const box = '[data-setting="network-capture"]';
  await panel.waitForSelector(`${box}:not([disabled])`);
  if ((await panel.$eval(box, (e) => (e as HTMLInputElement).checked)) !== on) await panel.click(box);
  await expect.poll(async () => (await diagnose(panel, 'networkCapture')).on).toBe(on);
  await panel.click('[data-action="close-settings"]');
}

/**
 * A fresh server, and a tab on its index page that a panel watches with network capture on: what
 * the network-capture and fault tests start from (each then takes the tab to its own page).
 */
export async function watchedWithNetworkCapture(browser: Browser) {
  const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  const page = await browser.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const tabId = await firefoxTabIdOf(browser, page);
  const panel = await openExtensionPage(browser, `panel.html?tabId=${tabId}`);
  await waitWatched(panel, tabId);
  await setNetworkCapture(panel, true);
  return { server, page, panel };
}

/** Exports the panel's capture as JSON and returns the file, as the download would hold it (the Blob handed to URL.createObjectURL). */
export async function exportedCapture(panel: Page) {
  await panel.evaluate(() => {
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => {
      (window as { __exported?: Promise<string> }).__exported = blob.text();
      return original.call(URL, blob);
    };
  });
  await panel.click('[data-action="export"]');
  await panel.click('[data-export="json"]');
  await expect
    .poll(() => panel.evaluate(() => (window as { __exported?: unknown }).__exported !== undefined))
    .toBe(true);
  return JSON.parse(await panel.evaluate(() => (window as unknown as { __exported: Promise<string> }).__exported));
}

export { expect };
