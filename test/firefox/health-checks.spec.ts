/**
 * The health checks issue 33 added, in Firefox: a compressed event stream and duplicate event ids
 * each raise their finding on the page that triggers it, and not on its clean twin
 * (test/e2e/insights.spec.ts runs every check in Chromium).
 */
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { readConnections } from '../harness/panel-reader';
import { healthOf, settledPast } from '../support/health-cells';
import { waitUntilDone } from '../support/page-log';
import { expect, test } from './fixtures';

for (const rule of ['compressed-stream', 'duplicate-id']) {
  test(`${rule}: its page raises it in Firefox, its clean twin does not`, async ({ withAddon, server }) => {
    const page = await withAddon.newPage();
    await page.goto(`${server.origin}/pages/index.html`);
    const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
    try {
      await page.goto(`${server.origin}/pages/insights.html?rule=${rule}`);
      await waitUntilDone(page);
      await expect.poll(async () => (await readConnections(panel)).length).toBe(1);
      await expect.poll(async () => (await healthOf(panel)).flat()).toContain(rule);
      await page.goto(`${server.origin}/pages/index.html`);
      await expect.poll(async () => (await readConnections(panel)).length).toBe(0);
      await page.goto(`${server.origin}/pages/insights.html?rule=${rule}&clean=1`);
      await waitUntilDone(page);
      await expect.poll(async () => (await readConnections(panel)).length).toBe(1);
      await expect.poll(() => settledPast(panel, 1)).toBe(true);
      expect((await healthOf(panel)).flat()).not.toContain(rule);
    } finally {
      await panel.close();
      await page.close();
    }
  });
}
