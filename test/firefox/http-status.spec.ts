/**
 * Firefox's webRequest, seen through the panel: why each connection failed (204, 404, a wrong
 * content type) and the Last-Event-ID each reconnect sent — which Firefox shows without Chrome's
 * `extraHeaders` option.
 */

import type { Browser, Page } from 'puppeteer-core';
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { readConnections } from '../harness/panel-reader';
import { waitUntilDone } from '../support/page-log';
import { expect, test, waitWatched } from './fixtures';

/** Opens the panel on the tab first, so that the network side is watched, then runs the page. */
async function watchThenRun(browser: Browser, url: string): Promise<{ page: Page; panel: Page }> {
  const page = await browser.newPage();
  await page.goto(url.replace(/\/pages\/.*/, '/pages/index.html'));
  const tabId = await firefoxTabIdOf(browser, page);
  const panel = await openExtensionPage(browser, `panel.html?tabId=${tabId}`);
  await waitWatched(panel, tabId);
  await page.goto(url);
  await waitUntilDone(page);
  return { page, panel };
}

test('why each connection failed: 204 stops it, 404 and a wrong content type fail it', async ({
  withAddon,
  server,
}) => {
  const { page, panel } = await watchThenRun(withAddon, `${server.origin}/pages/status.html`);
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => [c.badge, c.status]))
    .toEqual([
      ['stopped (204)', '204'],
      ['failed (404)', '404'],
      ['failed (type)', '200'],
    ]);
  const reasons = (await readConnections(panel)).map((c) => c.reason);
  expect(reasons[0]).toMatch(/answered 204 No Content/);
  expect(reasons[1]).toMatch(/answered HTTP 404/);
  expect(reasons[2]).toMatch(/Content-Type is "text\/plain", not text\/event-stream/);
  await panel.close();
  await page.close();
});

test('each reconnect’s Last-Event-ID, and the 204 that ends it', async ({ withAddon, server }) => {
  const { page, panel } = await watchThenRun(withAddon, `${server.origin}/pages/resume.html`);
  await expect.poll(async () => (await readConnections(panel))[0]?.badge).toBe('stopped (204)');
  const [connection] = await readConnections(panel);
  expect(connection).toEqual(expect.objectContaining({ state: 'failed', reconnects: 2, status: '204' }));
  expect(connection?.statusDetail).toBe(`HTTP 204 from ${server.origin}/sse/resume; the request sent Last-Event-ID: 5`);
  await panel.close();
  await page.close();
});

test('with no panel watching, the page’s resource timing tells why each connection failed, and says so', async ({
  withAddon,
  server,
}) => {
  const page = await withAddon.newPage();
  await page.goto(`${server.origin}/pages/status.html`);
  await waitUntilDone(page);
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => [c.badge, c.status]))
    .toEqual([
      ['stopped (204)', '204'],
      ['failed (404)', '404'],
      ['failed (type)', '200'],
    ]);
  const connections = await readConnections(panel);
  const told = " (Told by the page's resource timing, after the fact: no panel watched the request.)";
  expect(connections.map((c) => c.reason)).toEqual([
    `Stopped by the server: it answered 204 No Content, which tells the browser to stop reconnecting.${told}`,
    `Failed: the server answered HTTP 404; only 200 opens a stream. The browser will not reconnect.${told}`,
    `Failed: the response's Content-Type is "text/plain", not text/event-stream. The browser will not reconnect.${told}`,
  ]);
  expect(connections[1]?.statusDetail).toBe(
    `HTTP 404 from ${server.origin}/sse/not-found (the page's resource timing)`,
  );
  await panel.close();
  await page.close();
});
