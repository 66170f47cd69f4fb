/**
 * Firefox serves a replay rule to a page's own EventSource: the worker redirects its requests to
 * the page's URL and writes the recording in place of that answer's body. What the page sees is
 * what it sees of the server's stream — readyState at every event, ids, the reconnect with
 * Last-Event-ID, the final failure — with trusted events; the server sees requests for the page's
 * URL instead. And the paces, steps, rules going off, and a cross-origin EventSource (the stand-in).
 */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Browser, Page } from 'puppeteer-core';
import { probeRule } from '../fixtures/replay-routes';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { type SseServer, startSseServer } from '../harness/sse-server';
import { waitWatched } from '../support/firefox-driver';
import { setRules as setRulesFrom } from '../support/replay';
import { expect, test } from './fixtures';

type Probe = { log: unknown[]; trusted: boolean[] };
const probe = (page: Page, url: string) =>
  page.evaluate(
    (u) => (window as unknown as { probe(u: string): { done: Promise<Probe> } }).probe(u).done,
    url,
  ) as Promise<Probe>;
const closeAtFirst = (page: Page, url: string) =>
  page.evaluate((u) => (window as unknown as { closeAtFirst(u: string): Promise<unknown[]> }).closeAtFirst(u), url);

/** The panel's port, from an add-on page, as support/replay.ts speaks it in Chromium (Firefox has `chrome` too). */
const setRules = (panel: Page, tabId: number, rules: unknown) =>
  setRulesFrom(panel as unknown as PlaywrightPage, tabId, rules);

/** A tab on the probe page of a fresh server, and a panel watching it. */
async function probePage(browser: Browser) {
  const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  const page = await browser.newPage();
  await page.goto(`${server.origin}/pages/replay-probe.html`);
  const tabId = await firefoxTabIdOf(browser, page);
  const panel = await openExtensionPage(browser, `panel.html?tabId=${tabId}`);
  await waitWatched(panel, tabId);
  const close = async () => {
    await setRules(panel, tabId, []);
    await panel.close();
    await page.close();
    await server.close();
  };
  return { server, page, tabId, panel, close };
}

const streamRequests = (server: SseServer) =>
  server.requests
    .filter((r) => r.accept === 'text/event-stream')
    .map(({ path, lastEventId }) => ({ path, lastEventId }));

test('a native replayed EventSource looks as the server’s, trusted events too', async ({ withAddon }) => {
  test.setTimeout(60_000);
  const { server, page, tabId, panel, close } = await probePage(withAddon);
  try {
    const original = await probe(page, '/sse/probe');
    const closedOriginal = await closeAtFirst(page, '/sse/probe?close');
    expect(original.log).toContainEqual({ type: 'error', rs: 2, handler: 'function' });
    expect(original.trusted.every((t) => t)).toBe(true);
    const before = streamRequests(server).length;

    await setRules(panel, tabId, [probeRule(`${server.origin}/sse/probe`)]);
    await page.goto(`${server.origin}/pages/replay-probe.html`);
    const replayed = await probe(page, '/sse/probe');
    expect(replayed.log).toEqual(original.log);
    expect(replayed.trusted).toEqual(original.trusted);
    expect(await closeAtFirst(page, '/sse/probe?close')).toEqual(closedOriginal);
    // The server saw the page's URL asked for twice (the reconnect resuming after id 2), then the
    // one closed at its first event; never the stream's URL. The third of the first was cancelled.
    const page_ = '/pages/replay-probe.html';
    expect(streamRequests(server).slice(before)).toEqual([
      { path: page_, lastEventId: undefined },
      { path: page_, lastEventId: '2' },
      { path: page_, lastEventId: undefined },
    ]);
  } finally {
    await close();
  }
});
