/**
 * The DevTools habits of the panel, in Firefox too: sort a column, resize one by its edge, a row's
 * right-click menu, Network-style filter terms, Ctrl+F, and Esc closing a menu.
 */
import type { Page } from 'puppeteer-core';
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { eventCount, readEvents } from '../harness/panel-reader';
import { runPage } from '../support/page-log';
import { expect, test } from './fixtures';

const order = (panel: Page) =>
  panel.$$eval('.connections tbody tr', (rows) => rows.map((r) => Number((r as HTMLElement).dataset.connection)));
const widthOf = (panel: Page, selector: string) =>
  panel.$eval(selector, (element) => Math.round(element.getBoundingClientRect().width));
const shownData = async (panel: Page) => (await readEvents(panel)).map((e) => e.data);
const summary = (panel: Page) => panel.$eval('[data-summary]', (element) => element.textContent);

test('sort, resize, a right-click menu, filter terms, Ctrl+F and Esc, as in Chromium', async ({
  withAddon,
  server,
}) => {
  const { page } = await runPage(withAddon, `${server.origin}/pages/feed.html`);
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
  await expect.poll(() => eventCount(panel)).toBe(8);

  await panel.click('.connections th[data-sort="events"]');
  await expect.poll(() => order(panel)).toEqual([3, 2, 1]);
  await panel.click('.connections th[data-sort="ordinal"]');
  await expect.poll(() => order(panel)).toEqual([1, 2, 3]);

  // Drag the URL header's edge 100 px to the right.
  const url = '.connections th[data-sort="url"]';
  const before = await widthOf(panel, url);
  const handle = await panel.$eval('.connections [data-resizer="url"]', (element) => {
    const box = element.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  });
  await panel.mouse.move(handle.x, handle.y);
  await panel.mouse.down();
  await panel.mouse.move(handle.x + 50, handle.y);
  await panel.mouse.move(handle.x + 100, handle.y);
  await panel.mouse.up();
  await expect.poll(() => widthOf(panel, url)).toBe(before + 100);
  expect(await widthOf(panel, '.connections tbody td.url')).toBe(before + 100);
  expect(await panel.$eval(url, (th) => th.getAttribute('aria-sort'))).toBe('none');

  // A connection's menu: only its events.
  await panel.click('tr[data-connection="2"]', { button: 'right' });
  await panel.waitForSelector('[data-context-menu] [data-menu-item="only-connection"]');
  await panel.click('[data-context-menu] [data-menu-item="only-connection"]');
  await expect.poll(() => shownData(panel)).toEqual(['green', 'amber']);
  await panel.click('[data-clear="connections"]');
  await expect.poll(() => summary(panel)).toBe('3 connections, 8 events');

  // Ctrl+F goes to the filter; terms as the Network panel has them.
  await panel.click('.rows .row');
  await panel.keyboard.down('Control');
  await panel.keyboard.press('f');
  await panel.keyboard.up('Control');
  expect(await panel.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('filter');
  await panel.keyboard.type('type:tick -beta');
  await expect.poll(() => shownData(panel)).toEqual(['alpha 1', 'alpha 2']);

  // Esc closes the export menu.
  await panel.click('[data-action="export"]');
  await panel.waitForSelector('[data-export-menu]');
  await panel.keyboard.press('Escape');
  await expect.poll(() => panel.$('[data-export-menu]')).toBeNull();

  // The widths go back to fitting their content (the settings outlive this test).
  await panel.click('.connections [data-resizer="url"]', { count: 2 });
  await expect.poll(() => panel.$eval('.connections table', (t) => t.className)).toBe('');
  await panel.close();
  await page.close();
});
