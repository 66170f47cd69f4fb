/**
 * Network capture in Firefox against a hostile page (two sites: 127.0.0.1 and localhost): a page's
 * claim to have started another site's worker must not bring that worker's streams into its tab
 * (Firefox names no tab for a shared worker's requests), while the victim's own watched tab still
 * gets them; and the blocking response listener, which could rewrite any response, exists only
 * while a watched tab has network capture on.
 */
import type { Browser, Page } from 'puppeteer-core';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { readConnections } from '../harness/panel-reader';
import { type SseServer, startSseServer } from '../harness/sse-server';
import { diagnose, waitWatched } from '../support/firefox-driver';
import { type LogEntry, waitUntilDone } from '../support/page-log';
import { expect, exportedCapture, setNetworkCapture, test } from './fixtures';

const other = (server: SseServer) => server.origin.replace('127.0.0.1', 'localhost');

/** A tab on `url`, watched by a panel; network capture switched on there when `capture`. */
async function watched(browser: Browser, url: string, capture: boolean) {
  const page = await browser.newPage();
  await page.goto(url);
  const tabId = await firefoxTabIdOf(browser, page);
  const panel = await openExtensionPage(browser, `panel.html?tabId=${tabId}`);
  await waitWatched(panel, tabId);
  if (capture) await setNetworkCapture(panel, true);
  return { page, panel, tabId };
}

/** The hostile tab (localhost, network capture on), once its page has claimed the victim's shared worker. */
async function hostileTab(browser: Browser, server: SseServer) {
  const hostile = await watched(browser, `${other(server)}/pages/index.html`, true);
  const script = encodeURIComponent(`${server.origin}/pages/stream-worker.js?who=shw`);
  await hostile.page.goto(`${other(server)}/pages/claims-workers.html?script=${script}`);
  await waitUntilDone(hostile.page);
  const log = (await hostile.page.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log)) as LogEntry[];
  // Firefox's constructors fail later, with an error event; its register rejects.
  expect(log.filter((e) => e.conn !== 'own').map((e) => [e.conn, e.data])).toEqual([
    ['shared', 'none'],
    ['dedicated', 'none'],
    ['service', 'SecurityError'],
  ]);
  return hostile;
}

const runVictim = async (victim: Page, server: SseServer) => {
  await victim.goto(`${server.origin}/pages/workers.html?which=shw`);
  await waitUntilDone(victim);
};

const workerUrls = async (panel: Page) =>
  (await readConnections(panel)).map((c) => c.url).filter((url) => url.includes('/sse/worker'));

test('a page claiming another site’s shared worker gets none of its streams', async ({ withAddon }) => {
  const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  try {
    const hostile = await hostileTab(withAddon, server);
    await runVictim(await withAddon.newPage(), server);
    await expect.poll(async () => (await readConnections(hostile.panel)).length).toBe(1);
    expect(await workerUrls(hostile.panel)).toEqual([]);
    const file = await exportedCapture(hostile.panel);
    expect(file.connections.map((c: { url: string; worker?: unknown }) => [c.url, c.worker])).toEqual([
      [`${other(server)}/sse/who-asked?round=own`, undefined],
    ]);
    // The victim's tab came to the front: a click in a tab behind it waits on its throttled frames.
    await hostile.panel.bringToFront();
    await setNetworkCapture(hostile.panel, false);
  } finally {
    await server.close();
  }
});

test('control: the victim’s own tab shows its shared worker’s streams', async ({ withAddon }) => {
  const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  try {
    const hostile = await hostileTab(withAddon, server);
    const victim = await watched(withAddon, `${server.origin}/pages/index.html`, true);
    await runVictim(victim.page, server);
    await expect
      .poll(async () => (await workerUrls(victim.panel)).sort())
      .toEqual([`${server.origin}/sse/worker-fetch?who=shw`, `${server.origin}/sse/worker?who=shw`]);
    expect(await workerUrls(hostile.panel)).toEqual([]);
  } finally {
    await server.close();
  }
});

test('the blocking response listener lives only while a tab is network-captured', async ({ withAddon }) => {
  const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  try {
    // A page of ours that watches nothing (outside DevTools it adds no panel), to ask the background page.
    const view = await openExtensionPage(withAddon, 'devtools.html');
    const listener = async () => (await diagnose(view, 'networkCapture')).listener;
    // (The panels of the tests before may have just closed.)
    await expect.poll(listener).toEqual({ registered: false, blocking: false });
    // Capture on for one tab, whose panel then goes: it stays on for that tab, and nothing listens.
    const captured = await watched(withAddon, `${server.origin}/pages/index.html`, true);
    expect(await listener()).toEqual({ registered: true, blocking: true });
    await captured.panel.close();
    await expect.poll(listener).toEqual({ registered: false, blocking: false });
    // Another tab watched without capture: its listener does not block, though the first tab's setting is on.
    const plain = await watched(withAddon, `${server.origin}/pages/index.html?plain`, false);
    expect(await listener()).toEqual({ registered: true, blocking: false });
    // Switched on there and off again: blocking only meanwhile.
    await setNetworkCapture(plain.panel, true);
    expect(await listener()).toEqual({ registered: true, blocking: true });
    await setNetworkCapture(plain.panel, false);
    expect(await listener()).toEqual({ registered: true, blocking: false });
    await plain.panel.close();
    await expect.poll(listener).toEqual({ registered: false, blocking: false });
  } finally {
    await server.close();
  }
});
