/**
 * Lifecycles in Firefox: frames that leave mid-stream, a page kept in the back/forward cache and
 * restored, and the event page (Firefox's background, which it suspends when idle, as Chrome stops
 * its worker) suspended mid-stream. Nothing captured is lost while the page lives.
 */
import type { Browser, Page } from 'puppeteer-core';
import { firefoxTabIdOf, launchFirefox, openExtensionPage } from '../harness/firefox';
import { readConnections } from '../harness/panel-reader';
import { expectGoneExactlyThoseThatLeft } from '../support/leaving-frames';
import { eventsByUrl, type LogEntry, logByConnection, runPage, waitUntilDone } from '../support/page-log';
import { panelEventsByUrl } from '../support/panel';
import { leaveAndReturn } from '../support/scenarios';
import { expect, runFresh, test } from './fixtures';

const pageLog = (page: Page) => page.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log);
const seenCount = (log: LogEntry[]) => log.filter((entry) => entry.what === 'event').length;
const openPanel = async (browser: Browser, page: Page) =>
  openExtensionPage(browser, `panel.html?tabId=${await firefoxTabIdOf(browser, page)}`);

for (const when of ['open', 'opened afterwards']) {
  test(`frames leaving, panel ${when}: events stay, connections read gone`, async ({ withAddon, server }) => {
    const page = await withAddon.newPage();
    await page.goto(`${server.origin}/pages/index.html`);
    let panel = when === 'open' ? await openPanel(withAddon, page) : undefined;
    await page.goto(`${server.origin}/pages/many-frames.html`);
    await waitUntilDone(page, 30_000);
    const log = await pageLog(page);
    const seen = eventsByUrl(log);
    expect(seen.size).toBe(15);
    panel ??= await openPanel(withAddon, page);
    expect(await panelEventsByUrl(panel, seenCount(log))).toEqual(seen);
    expectGoneExactlyThoseThatLeft(await readConnections(panel));
    await panel.close();
    await page.close();
  });
}

test('back and forward mid-stream: the page behaves the same, in the panel too', async ({
  withAddon,
  withoutAddon,
  driver,
  plainDriver,
  server,
}) => {
  const plainPage = await withoutAddon.newPage();
  const without = logByConnection(await leaveAndReturn(plainDriver, plainPage, server), server.origin);
  await plainPage.close();
  // Unlike Chrome, Firefox keeps no page with a stream open in the cache: going back loads it afresh.
  expect(without.page).toEqual([{ conn: 'page', what: 'pageshow', persisted: false }]);
  const page = await withAddon.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(withAddon, page);
  const log = await leaveAndReturn(driver, page, server);
  expect(logByConnection(log, server.origin)).toEqual(without);
  expect(await panelEventsByUrl(panel, seenCount(log))).toEqual(eventsByUrl(log));
  const [connection] = await readConnections(panel);
  expect([connection?.gone, connection?.badge]).toEqual([false, 'closed']);
  await panel.close();
  await page.close();
});

test.describe('the event page suspended mid-stream', () => {
  // Firefox suspends an idle event page after 30 s; here after 1 s, so that it happens mid-stream.
  let browser: Browser;
  test.beforeAll(async () => {
    browser = await launchFirefox({ extension: true, prefs: { 'extensions.background.idle.timeout': 1000 } });
  });
  test.afterAll(async () => {
    await browser?.close();
  });

  /** Marks the running event page; false once it was suspended and started again (a diagnostic of its own). */
  const sameBackground = (view: Page, mark?: boolean) =>
    view.evaluate(async (set) => {
      const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<object> } } }).browser;
      const background = (await api.runtime.getBackgroundPage()) as { __mark?: boolean };
      if (set) background.__mark = true;
      return background.__mark === true;
    }, mark === true);

  for (const panelOpen of [false, true]) {
    test(`${panelOpen ? 'with' : 'with no'} panel open, nothing is lost`, async ({ server }) => {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/pages/index.html`);
      const helper = await openExtensionPage(browser, 'popup.html?tabId=0');
      let panel = panelOpen ? await openPanel(browser, page) : undefined;
      await sameBackground(helper, true);
      await page.goto(`${server.origin}/pages/slow.html?n=100&gap=40`);
      await waitUntilDone(page, 30_000);
      // Quiet for longer than the idle timeout: the event page goes, then the panel wakes it.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      panel ??= await openPanel(browser, page);
      const log = await pageLog(page);
      expect(await panelEventsByUrl(panel, 101)).toEqual(eventsByUrl(log));
      expect(await sameBackground(helper), 'the event page was suspended and started again').toBe(false);
      await helper.close();
      await panel.close();
      await page.close();
    });
  }
});

test('a flood of 100,000 events: the page sees the same, the panel has every one', async ({
  withAddon,
  withoutAddon,
  server,
}) => {
  test.setTimeout(120_000);
  const without = await runFresh(withoutAddon, '/pages/flood.html');
  const withExtension = await runFresh(withAddon, '/pages/flood.html');
  expect(withExtension).toEqual(without);
  const { page, log } = await runPage(withAddon, `${server.origin}/pages/flood.html`);
  const saw = { what: 'summary', count: 100_000, inOrder: true, lastId: '99999' };
  expect(log).toEqual([
    expect.objectContaining({ conn: 'eventsource', ...saw }),
    expect.objectContaining({ conn: 'fetch', ...saw }),
  ]);
  const panel = await openPanel(withAddon, page);
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => [c.kind, c.events]), { timeout: 60_000 })
    .toEqual([
      ['EventSource', '100,001'],
      ['fetch GET', '100,001'],
    ]);
  await panel.close();
  await page.close();
});
