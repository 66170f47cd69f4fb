import type { Page } from 'playwright-core';
import { feedPanel, shownData } from '../support/feed-panel';
import { expect, test } from '../support/fixtures';
import { eventCount, openPanel, readConnections, readEvents, tabIdOf } from '../support/panel';

test('the connections pane shows each connection; a selection filters the events', async ({ extension, server }) => {
  // The panel watches while the feed loads, so it sees why the third connection fails.
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await page.goto(`${server.origin}/pages/feed.html`);
  await expect.poll(() => eventCount(panel)).toBe(8);
  const connections = await readConnections(panel);
  expect(connections.map((c) => [c.ordinal, new URL(c.url).pathname, c.state])).toEqual([
    [1, '/sse/feed', 'open'],
    [2, '/sse/status', 'open'],
    [3, '/sse/not-found', 'failed'],
  ]);
  const cells = (n: number, col: string) => panel.locator(`tr[data-connection="${n}"] [data-col="${col}"]`);
  await expect(cells(1, 'kind')).toHaveText('EventSource');
  await expect(cells(1, 'rate')).toHaveText(/^\d+(\.\d)?\/s$/);
  await expect(cells(1, 'duration')).toHaveText(/^\d+(\.\d)? s$|^\d+ ms$/);
  await expect(cells(1, 'age')).toHaveText(/ ago$/);
  await expect(cells(3, 'rate')).toHaveText('–');
  const failed = panel.locator('tr[data-connection="3"]');
  await expect(failed).toHaveClass(/failed/);
  await expect(failed.locator('.reason')).toHaveText(/^Failed: the server answered HTTP 404/);
  await expect(failed.locator('.reason')).toBeVisible();

  await panel.locator('tr[data-connection="2"]').click();
  await expect(panel.locator('[data-summary]')).toHaveText('2 of 8 events');
  expect(await shownData(panel)).toEqual(['green', 'amber']);
  await panel.locator('tr[data-connection="1"]').click({ modifiers: ['Control'] });
  await expect(panel.locator('[data-summary]')).toHaveText('8 of 8 events');
  await expect(panel.locator('[data-clear="connections"]')).toHaveText('2 connections ✕');
  await panel.locator('tr[data-connection="2"]').click({ modifiers: ['Control'] });
  expect((await readEvents(panel)).every((e) => e.connection === 1)).toBe(true);
  await expect(panel.locator('[data-summary]')).toHaveText('6 of 8 events');
  await panel.locator('[data-clear="connections"]').click();
  await expect(panel.locator('[data-summary]')).toHaveText('3 connections, 8 events');
});

test('the connections table sorts by a clicked column, both ways, and remembers it', async ({ extension, server }) => {
  const { page, panel } = await feedPanel(extension, server.origin);
  const order = () =>
    panel
      .locator('.connections tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.connection)));
  expect(await order()).toEqual([1, 2, 3]);
  await panel.locator('.connections th[data-sort="events"]').click();
  expect(await order()).toEqual([3, 2, 1]);
  await expect(panel.locator('.connections th[data-sort="events"]')).toHaveAttribute('aria-sort', 'ascending');
  await panel.locator('.connections th[data-sort="events"]').click();
  expect(await order()).toEqual([1, 2, 3]);
  await expect(panel.locator('.connections th[data-sort="events"]')).toHaveAttribute('aria-sort', 'descending');
  await panel.locator('.connections th[data-sort="url"]').click();
  expect(await order()).toEqual([1, 3, 2]);
  // A panel opened again (keeping the settings, unlike openPanel) sorts the same way.
  const again = await extension.context.newPage();
  await again.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${await tabIdOf(extension, page)}`);
  await expect.poll(() => eventCount(again)).toBe(8);
  expect(
    await again
      .locator('.connections tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.connection))),
  ).toEqual([1, 3, 2]);
  // Right-click a header: columns to show or hide, remembered too.
  await again.locator('.connections th[data-sort="bytes"]').click({ button: 'right' });
  await expect(again.locator('[data-menu-item="column-bytes"]')).toHaveText('✓ Bytes');
  await again.locator('[data-menu-item="column-bytes"]').click();
  await expect(again.locator('.connections th[data-col="bytes"]')).toBeHidden();
  await expect(again.locator('.connections tbody td[data-col="bytes"]').first()).toBeHidden();
  await again.locator('.connections th[data-sort="url"]').click({ button: 'right' });
  await expect(again.locator('[data-menu-item="column-bytes"]')).not.toHaveText(/✓/);
  await again.locator('[data-menu-item="column-bytes"]').click();
  await expect(again.locator('.connections th[data-col="bytes"]')).toBeVisible();
  // Back to the order they were made in (other tests share these settings).
  await again.locator('.connections th[data-sort="ordinal"]').click();
  expect(
    await again
      .locator('.connections tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.connection))),
  ).toEqual([1, 2, 3]);
});

test("columns resize by dragging a header's edge, and the widths are remembered", async ({ extension, server }) => {
  const { page, panel } = await feedPanel(extension, server.origin);
  const width = async (p: Page, selector: string) =>
    Math.round((await p.locator(selector).first().boundingBox())?.width ?? 0);
  const drag = async (p: Page, resizer: string, dx: number) => {
    const box = await p.locator(`.${resizer}`).boundingBox();
    if (!box) throw new Error(`no ${resizer}`);
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await p.mouse.move(x, y);
    await p.mouse.down();
    await p.mouse.move(x + dx / 2, y);
    await p.mouse.move(x + dx, y);
    await p.mouse.up();
  };
  const urlHeader = '.connections th[data-sort="url"]';
  const before = await width(panel, urlHeader);
  const stateBefore = await width(panel, '.connections th[data-sort="state"]');
  await drag(panel, 'connections [data-resizer="url"]', 150);
  await expect(panel.locator('.connections table')).toHaveClass(/fixed/);
  expect(await width(panel, urlHeader)).toBe(before + 150);
  // The cells follow their header, and the other columns keep the widths they had.
  expect(await width(panel, '.connections tbody td.url')).toBe(before + 150);
  expect(await width(panel, '.connections th[data-sort="state"]')).toBe(stateBefore);
  // Narrower than its text, a URL is cut, not wrapped, and the row keeps its height.
  await drag(panel, 'connections [data-resizer="url"]', -(before + 150 - 60));
  expect(await width(panel, urlHeader)).toBe(60);
  const row = await panel.locator('.connections tbody tr').first().boundingBox();
  expect(row?.height).toBeLessThan(30);
  // The drag sorted nothing.
  await expect(panel.locator(urlHeader)).toHaveAttribute('aria-sort', 'none');
  expect(
    await panel
      .locator('.connections tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.connection)),
  ).toEqual(['1', '2', '3']);

  // The events table: the Type column, its cells with it.
  const typeBefore = await width(panel, '.events .header [data-resize-col="type"]');
  await drag(panel, 'events [data-resizer="type"]', 80);
  expect(await width(panel, '.events .header [data-resize-col="type"]')).toBe(typeBefore + 80);
  expect(await width(panel, '.rows .row [data-col="type"]')).toBe(typeBefore + 80);
  // The dragged resizer has the focus: → widens by 10 px, Shift+← narrows by 50.
  await panel.keyboard.press('ArrowRight');
  await panel.keyboard.press('Shift+ArrowLeft');
  expect(await width(panel, '.events .header [data-resize-col="type"]')).toBe(typeBefore + 40);
  await panel.keyboard.press('ArrowRight');
  await panel.keyboard.press('ArrowRight');
  await panel.keyboard.press('ArrowRight');
  await panel.keyboard.press('ArrowRight');
  expect(await width(panel, '.rows .row [data-col="type"]')).toBe(typeBefore + 80);

  // Another panel opens with the same widths.
  const again = await extension.context.newPage();
  await again.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${await tabIdOf(extension, page)}`);
  await expect.poll(() => eventCount(again)).toBe(8);
  expect(await width(again, urlHeader)).toBe(60);
  expect(await width(again, '.rows .row [data-col="type"]')).toBe(typeBefore + 80);
  // The header's menu fits the columns again; so does a double-click on a resizer.
  await again.locator(urlHeader).click({ button: 'right' });
  await again.locator('[data-menu-item="fit-columns"]').click();
  await expect(again.locator('.connections table')).not.toHaveClass(/fixed/);
  // Fitted to its content again (the other columns' content, times and rates, moved on meanwhile).
  expect(Math.abs((await width(again, urlHeader)) - before)).toBeLessThanOrEqual(10);
  await again.locator('.events [data-resizer="type"]').dblclick();
  expect(await width(again, '.events .header [data-resize-col="type"]')).toBe(typeBefore);
  await again.close();
});
