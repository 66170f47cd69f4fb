/**
 * Lifecycles: frames that leave mid-stream, a panel closed and opened again, a page kept in the
 * back/forward cache and restored, a tab closed. Nothing captured is lost while the page lives,
 * nothing is shown twice, and nothing is kept once the tab is gone.
 */
import type { Page } from 'playwright-core';
import type { ChromeGlobal, ExtensionBrowser } from '../harness/launch';
import { expect, test } from '../support/fixtures';
import { expectGoneExactlyThoseThatLeft } from '../support/leaving-frames';
import { eventsByUrl, isDone, type LogEntry, logByConnection, runPage, waitUntilDone } from '../support/page-log';
import {
  eventCount,
  expectPanelShowsPage,
  openPanel,
  panelEventsByUrl,
  readConnections,
  tabIdOf,
} from '../support/panel';
import { leaveAndReturn } from '../support/scenarios';
import { stopServiceWorker, wakeServiceWorker } from '../support/worker';

/** The worker's diagnostic of a tab: its relays, panels, and the captures it holds for it. */
interface Census {
  census(tabId: number): { relays: number; panels: number; held: number };
}

const pageLog = (page: Page) => page.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log);
const seenCount = (log: LogEntry[]) => log.filter((entry) => entry.what === 'event').length;

test('frames leaving mid-stream, panel open: events stay, connections read gone', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const tabId = await tabIdOf(extension, page);
  let panel = await openPanel(extension, tabId);
  await page.goto(`${server.origin}/pages/many-frames.html`);
  await waitUntilDone(page, 30_000);
  const log = await pageLog(page);
  const seen = eventsByUrl(log);
  expect(seen.size).toBe(15);

  for (let opening = 1; opening <= 2; opening++) {
    expect(await panelEventsByUrl(panel, seenCount(log)), `panel opening ${opening}`).toEqual(seen);
    expectGoneExactlyThoseThatLeft(await readConnections(panel));
    // Closed and opened again: the relays, the top frame's among them for the frames that left, serve it all.
    await panel.close();
    panel = await openPanel(extension, tabId);
  }
});

test('frames leaving mid-stream, no panel open: their captures outlast a restart', async ({ extension, server }) => {
  const { page, log } = await runPage(extension.context, `${server.origin}/pages/many-frames.html`);
  const tabId = await tabIdOf(extension, page);
  // x2 (removed) and x3 (navigated away) are of another site than the page: their captures stay
  // out of the page's renderer, with the worker; the five of the page's origin went to its top frame.
  const census = () =>
    extension.worker.evaluate((id) => (globalThis as unknown as Census).census(id), tabId).catch(() => undefined);
  await expect.poll(async () => (await census())?.held).toBe(2);
  await stopServiceWorker(extension);
  const panel = await openPanel(extension, tabId);
  const seen = await expectPanelShowsPage(panel, log);
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => c.url).sort())
    .toEqual([...seen.keys()].sort());
  expectGoneExactlyThoseThatLeft(await readConnections(panel));
  expect((await census())?.held).toBe(2);
});

test('a panel closed and opened again mid-stream, twice, ends with every event once', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const tabId = await tabIdOf(extension, page);
  let panel = await openPanel(extension, tabId);
  // The stream stops after event 120 until the test has closed and opened the panel twice.
  await page.goto(`${server.origin}/pages/slow.html?n=150&gap=40&gate=reopened&gateAt=120`);
  for (const atLeast of [10, 60]) {
    await expect.poll(() => eventCount(panel)).toBeGreaterThanOrEqual(atLeast);
    await panel.close();
    await page.waitForFunction((n) => (window as unknown as { __log: unknown[] }).__log.length > n, atLeast + 20);
    panel = await openPanel(extension, tabId);
  }
  expect(await isDone(page), 'the stream is still running').toBe(false);
  server.open('reopened');
  await waitUntilDone(page);
  const log = await pageLog(page);
  expect(await panelEventsByUrl(panel, 151)).toEqual(eventsByUrl(log));
});

test('a page restored from the back/forward cache behaves the same, in the panel too', async ({
  plainDriver,
  extension,
  driver,
  server,
}) => {
  const plainPage = await plainDriver.newPage();
  const without = logByConnection(await leaveAndReturn(plainDriver, plainPage, server), server.origin);
  await plainDriver.close(plainPage);
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  const log = await leaveAndReturn(driver, page, server);
  expect(logByConnection(log, server.origin)).toEqual(without);
  expect(without.page, 'the page was kept in the cache and restored, with its stream open').toEqual([
    { conn: 'page', what: 'pageshow', persisted: false },
    { conn: 'page', what: 'pagehide', persisted: true, readyState: 1 },
    { conn: 'page', what: 'pageshow', persisted: true, readyState: 1 },
  ]);
  expect(await panelEventsByUrl(panel, 41)).toEqual(eventsByUrl(log));
  const [connection] = await readConnections(panel);
  expect([connection?.gone, connection?.badge]).toEqual([false, 'closed']);
});

/** What the worker holds for a tab: its ports, and its summary in session storage. */
function workerHolds(extension: ExtensionBrowser, tabId: number) {
  return extension.worker.evaluate(async (id) => {
    const global = globalThis as unknown as ChromeGlobal & Census;
    const key = `summary/${id}`;
    return { ...global.census(id), summary: (await global.chrome.storage.session.get(key))[key] !== undefined };
  }, tabId);
}

test('a closed tab is let go: the worker keeps no port and no summary of it', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/slow.html?n=200&gap=20`);
  const tabId = await tabIdOf(extension, page);
  const panel = await openPanel(extension, tabId);
  await expect.poll(() => eventCount(panel)).toBeGreaterThanOrEqual(5);
  await expect.poll(() => workerHolds(extension, tabId)).toEqual({ relays: 1, panels: 1, held: 0, summary: true });
  await panel.close();
  await page.close();
  await wakeServiceWorker(extension);
  await expect.poll(() => workerHolds(extension, tabId)).toEqual({ relays: 0, panels: 0, held: 0, summary: false });
});
