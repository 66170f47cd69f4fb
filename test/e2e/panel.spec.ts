import { readFile } from 'node:fs/promises';
/**
 * The panel's features, end to end on panel.html?tabId=N: connection selection, type chips, text
 * and regex filters, the timeline's brush, zoom and click, the JSON tree, the raw block, copy,
 * keyboard, pause, clear, preserve log, theme, time format, narrow widths and the empty state.
 */
import type { Page } from 'playwright-core';
import { expect, test } from '../support/fixtures';
import { runPage, waitUntilDone } from '../support/page-log';
import { eventCount, openPanel, readConnections, readEvents, tabIdOf } from '../support/panel';

const chips = (panel: Page) =>
  panel.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.filterbar [data-chip]'), (chip) => ({
      type: chip.dataset.chip,
      count: chip.querySelector('.count')?.textContent ?? '',
      on: chip.getAttribute('aria-pressed') === 'true',
    })),
  );

const shownData = async (panel: Page) => (await readEvents(panel)).map((e) => e.data);

/** The feed page (3 connections, 8 events) with a panel on it. */
async function feedPanel(extension: Parameters<typeof openPanel>[0], origin: string) {
  const { page } = await runPage(extension.context, `${origin}/pages/feed.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(8);
  return { page, panel };
}

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

test('type chips show counts that follow the other filters, and choose types', async ({ extension, server }) => {
  const { panel } = await feedPanel(extension, server.origin);
  expect(await chips(panel)).toEqual([
    { type: '', count: '', on: true },
    { type: 'message', count: '2', on: false },
    { type: 'alert', count: '1', on: false },
    { type: 'status', count: '2', on: false },
    { type: 'tick', count: '3', on: false },
  ]);
  await panel.locator('[data-chip="tick"]').click();
  expect(await shownData(panel)).toEqual(['alpha 1', 'alpha 2', 'beta 3']);
  await panel.locator('[data-chip="alert"]').click();
  expect(await shownData(panel)).toEqual(['alpha 1', 'Disk almost full', 'alpha 2', 'beta 3']);
  await panel.locator('[data-action="filter"]').fill('alpha');
  await expect(panel.locator('[data-summary]')).toHaveText('2 of 8 events');
  expect((await chips(panel)).map((c) => `${c.type}:${c.count}`)).toEqual([
    ':',
    'message:0',
    'alert:0',
    'status:0',
    'tick:2',
  ]);
  await panel.locator('[data-chip=""]').click();
  expect((await chips(panel)).filter((c) => c.on).map((c) => c.type)).toEqual(['']);
  expect(await shownData(panel)).toEqual(['alpha 1', 'alpha 2']);
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

test('the text filter narrows by text, /regex/, type:, id:, url: and -exclusion', async ({ extension, server }) => {
  const { panel } = await feedPanel(extension, server.origin);
  const errors: string[] = [];
  panel.on('pageerror', (error) => errors.push(error.message));
  const filter = panel.locator('[data-action="filter"]');
  await filter.fill('ALPHA');
  expect(await shownData(panel)).toEqual(['alpha 1', 'alpha 2']);
  await filter.fill('/^(beta|amber)\\b/');
  expect(await shownData(panel)).toEqual(['amber', 'beta 3']);
  await filter.fill('/"roles":\\["ADMIN"/i');
  expect(await shownData(panel)).toEqual([
    '{"user":{"name":"ada","roles":["admin","dev"]},"count":3,"ok":true,"none":null}',
  ]);
  // Network-style terms, all of which must match.
  await filter.fill('type:tick -alpha');
  expect(await shownData(panel)).toEqual(['beta 3']);
  await filter.fill('url:/sse/status');
  expect(await shownData(panel)).toEqual(['green', 'amber']);
  await filter.fill('id:3 -type:tick');
  expect(await shownData(panel)).toEqual(['second\nline two']);
  await filter.fill('/(unclosed/');
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
  // The browser's message, said once.
  await expect(panel.locator('[data-filter-error]')).toHaveText(
    'Invalid regular expression: /(unclosed/: Unterminated group',
  );
  await expect(panel.locator('[data-summary]')).toHaveText('3 connections, 8 events');
  await filter.fill('nothing like this');
  await expect(panel.locator('[data-empty="filtered"]')).toHaveText(/No events match the filters/);
  await panel.locator('[data-empty="filtered"] button').click();
  await expect(filter).toHaveValue('');
  await expect(panel.locator('[data-summary]')).toHaveText('3 connections, 8 events');
  expect(errors).toEqual([]);
});

test('the timeline filters by a brushed range, selects on a click, zooms and fits', async ({ extension, server }) => {
  const { panel } = await feedPanel(extension, server.origin);
  // The axis's labels end before the zoom buttons begin: none hides under them.
  const labelsEnd = Number(await panel.locator('.timeline canvas').getAttribute('data-labels-end'));
  const canvasBox = await panel.locator('.timeline canvas').boundingBox();
  const controls = await panel.locator('.timeline-controls').boundingBox();
  expect(labelsEnd).toBeGreaterThan(0);
  expect((canvasBox?.x ?? 0) + labelsEnd).toBeLessThanOrEqual(controls?.x ?? 0);
  await panel.locator('tr[data-connection="1"]').click();
  await expect(panel.locator('[data-summary]')).toHaveText('6 of 8 events');
  const times = await panel.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.rows [data-col="time"]'), (cell) => Number(cell.dataset.time)),
  );
  const canvas = panel.locator('.timeline canvas');
  const geometry = async () => {
    const box = await canvas.boundingBox();
    const data = await canvas.evaluate((c) => ({ ...(c as HTMLElement).dataset }));
    if (!box) throw new Error('no timeline');
    const start = Number(data.start);
    const end = Number(data.end);
    const gutter = Number(data.gutter);
    const xOf = (time: number) => box.x + gutter + ((time - start) * (box.width - gutter - 8)) / (end - start);
    const laneY = (ordinal: number) => box.y + Number(data.axis) + (ordinal - 0.5) * Number(data.lane);
    return { start, end, xOf, laneY, box };
  };
  const { xOf, laneY, box } = await geometry();
  // The feed's second burst comes 600 ms after the first: brush from the gap to the right edge.
  const gap = ((times[2] as number) + (times[3] as number)) / 2;
  await panel.mouse.move(xOf(gap), laneY(1));
  await panel.mouse.down();
  await panel.mouse.move(xOf(gap) + 40, laneY(2), { steps: 4 });
  await panel.mouse.move(box.x + box.width - 2, laneY(2), { steps: 4 });
  await panel.mouse.up();
  expect(await shownData(panel)).toEqual(['alpha 2', 'second\nline two', 'beta 3']);
  await expect(panel.locator('[data-clear="range"]')).toBeVisible();
  await panel.locator('[data-clear="range"]').click();
  await expect(panel.locator('[data-summary]')).toHaveText('6 of 8 events');

  // A click on a tick selects that event: the status stream's second event, alone in its lane.
  await panel.locator('tr[data-connection="1"]').click();
  await expect(panel.locator('[data-summary]')).toHaveText('3 connections, 8 events');
  const amber = await panel.evaluate(() =>
    Number(
      Array.from(document.querySelectorAll<HTMLElement>('.rows .row'))
        .find((row) => row.querySelector('[data-col="data"]')?.textContent === 'amber')
        ?.querySelector<HTMLElement>('[data-col="time"]')?.dataset.time,
    ),
  );
  // The axis runs to now while the streams are live: paused, it stands still (and the click is
  // tried again should it still move between reading the geometry and the click).
  await panel.locator('button.capture').click();
  await expect(async () => {
    const now = await geometry();
    await panel.mouse.click(now.xOf(amber), now.laneY(2));
    await expect(panel.locator('.rows .row.selected [data-col="data"]')).toHaveText('amber', { timeout: 500 });
  }).toPass({ timeout: 10_000 });

  await canvas.focus();
  const before = await geometry();
  await panel.keyboard.press('+');
  const zoomed = await geometry();
  expect((zoomed.end - zoomed.start) / (before.end - before.start)).toBeCloseTo(1 / 1.5, 3);
  await panel.locator('[data-action="zoom-fit"]').click();
  const fitted = await geometry();
  expect(fitted.start).toBeLessThanOrEqual(times[0] as number);
  expect(fitted.end).toBeGreaterThanOrEqual(times[5] as number);
  await panel.screenshot({ path: test.info().outputPath('timeline.png') });
});

test('the detail pane shows an event as a JSON tree, raw and for copying', async ({ extension, server }) => {
  await extension.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { panel } = await feedPanel(extension, server.origin);
  await panel.locator('tr[data-connection="1"]').click();
  const table = panel.getByRole('grid', { name: 'Events' });
  await table.focus();
  await panel.keyboard.press('Home');
  const detail = panel.locator('.detail');
  await expect(detail.locator('[role="tab"][aria-selected="true"]')).toHaveText('JSON');
  const tree = detail.locator('.json-tree');
  await expect(tree.locator('> li > .json-summary')).toHaveText('{4 keys}');
  await expect(tree.locator('.json-key')).toHaveText(['user: ', 'name: ', 'roles: ', 'count: ', 'ok: ', 'none: ']);
  const roles = tree.locator('li', { has: panel.locator('> .json-key', { hasText: 'roles' }) });
  await expect(roles.locator('> .json-summary')).toHaveText('Array(2)');
  await roles.locator('> .json-toggle').click();
  await expect(roles.locator('li')).toHaveText(['0: "admin"', '1: "dev"']);

  const copied = async (name: string) => {
    await detail.locator(`[data-copy="${name}"]`).click();
    await expect(detail.locator(`[data-copy="${name}"]`)).toHaveText('Copied');
    return panel.evaluate(() => navigator.clipboard.readText());
  };
  expect(JSON.parse(await copied('json'))).toEqual({
    user: { name: 'ada', roles: ['admin', 'dev'] },
    count: 3,
    ok: true,
    none: null,
  });
  expect(await copied('json')).toContain('\n  "user": {\n    "name": "ada",');

  await detail.locator('[data-tab="raw"]').click();
  await expect(detail.locator('[data-raw-label]')).toHaveText(/^Rebuilt from the event/);
  const raw = () => detail.locator('pre.raw').textContent();
  expect(await raw()).toBe(
    'id: 1\ndata: {"user":{"name":"ada","roles":["admin","dev"]},"count":3,"ok":true,"none":null}\n\n',
  );
  await table.focus();
  await panel.keyboard.press('ArrowDown');
  expect(await raw()).toBe('event: tick\nid: 2\ndata: alpha 1\n\n');
  await panel.keyboard.press('ArrowDown');
  // The alert left the id alone: no id line.
  expect(await raw()).toBe('event: alert\ndata: Disk almost full\n\n');
  expect(await copied('raw')).toBe('event: alert\ndata: Disk almost full\n\n');
  await table.focus();
  await panel.keyboard.press('ArrowDown');
  await panel.keyboard.press('ArrowDown');
  expect(await raw()).toBe('data: second\ndata: line two\n\n');
  await detail.locator('[data-tab="data"]').click();
  expect(await copied('data')).toBe('second\nline two');
  // An event without JSON has no JSON tab.
  await expect(detail.locator('[role="tab"]')).toHaveText(['Data', 'Raw block', 'Response', 'Insights']);
  await expect(detail.locator('pre.data')).toHaveText('second\nline two');

  await table.focus();
  await panel.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await panel.keyboard.press('Enter');
  await expect(detail.locator('pre.data')).toHaveText('second\nline two');
  await panel.keyboard.press('End');
  await expect(detail.locator('pre.data')).toHaveText('beta 3');
  await panel.screenshot({ path: test.info().outputPath('detail.png') });

  // DevTools habits: closed, a single click on a row opens the detail again; PageUp and PageDown
  // move a screen; Ctrl+F goes to the filter box; Esc or a click outside closes a menu.
  await table.focus();
  await panel.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await panel.locator('.rows .row', { hasText: 'alpha 2' }).click();
  await expect(detail.locator('pre.data')).toHaveText('alpha 2');
  await table.focus();
  await panel.keyboard.press('End');
  await panel.keyboard.press('PageUp');
  // A screen of rows up: here the first event (the marks above it are skipped).
  await expect(panel.locator('.rows .row.selected')).toContainText('"user"');
  await panel.keyboard.press('PageDown');
  await expect(detail.locator('pre.data')).toHaveText('beta 3');
  await panel.keyboard.press('Control+f');
  await expect(panel.locator('[data-action="filter"]')).toBeFocused();
  await panel.locator('[data-action="settings"]').click();
  await expect(panel.locator('[data-settings]')).toBeVisible();
  await panel.keyboard.press('Escape');
  await expect(panel.locator('[data-settings]')).toHaveCount(0);
  await panel.locator('[data-action="export"]').click();
  await expect(panel.locator('[data-export-menu]')).toBeVisible();
  await panel.locator('.rows').click({ position: { x: 5, y: 5 } });
  await expect(panel.locator('[data-export-menu]')).toHaveCount(0);
});

test('right-click menus on events and connections copy, narrow and export', async ({ extension, server }) => {
  const { panel } = await feedPanel(extension, server.origin);
  const menuItem = (id: string) => panel.locator(`[data-context-menu] [data-menu-item="${id}"]`);
  // What the menu copies, as it hands it to the clipboard (headless Chromium refuses to read it back after a right-click).
  await panel.evaluate(() => {
    const copied: string[] = [];
    (window as unknown as { __copied: string[] }).__copied = copied;
    navigator.clipboard.writeText = async (text: string) => {
      copied.push(text);
    };
  });
  const clipboard = () => panel.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1));
  const row = panel.locator('.rows .row', { hasText: 'alpha 1' });
  await row.click({ button: 'right' });
  await expect(panel.locator('[data-context-menu]')).toBeVisible();
  await menuItem('copy-data').click();
  await expect(panel.locator('[data-context-menu]')).toHaveCount(0);
  await expect.poll(clipboard).toBe('alpha 1');
  await row.click({ button: 'right' });
  await menuItem('copy-raw').click();
  await expect.poll(clipboard).toBe('event: tick\nid: 2\ndata: alpha 1\n\n');
  await row.click({ button: 'right' });
  await menuItem('filter-type').click();
  expect(await shownData(panel)).toEqual(['alpha 1', 'alpha 2', 'beta 3']);
  await panel.locator('[data-chip=""]').click();
  // The connection's own menu: its URL, its request as cURL, only it.
  const feed = panel.locator('tr[data-connection="1"]');
  await feed.click({ button: 'right' });
  await menuItem('copy-url').click();
  await expect.poll(clipboard).toBe(`${server.origin}/sse/feed`);
  await feed.click({ button: 'right' });
  await menuItem('copy-curl').click();
  await expect
    .poll(clipboard)
    .toBe(
      `curl '${server.origin}/sse/feed' \\\n  --globoff \\\n  -N \\\n  -H 'Accept: text/event-stream' \\\n  -H 'Cache-Control: no-cache' \\\n  -H 'Last-Event-ID: 4'`,
    );
  await panel.locator('tr[data-connection="2"]').click({ button: 'right' });
  await menuItem('only-connection').click();
  expect(await shownData(panel)).toEqual(['green', 'amber']);
  // Esc closes a menu without doing anything.
  await feed.click({ button: 'right' });
  await panel.keyboard.press('Escape');
  await expect(panel.locator('[data-context-menu]')).toHaveCount(0);
  const [download] = await Promise.all([
    panel.waitForEvent('download'),
    (async () => {
      await feed.click({ button: 'right' });
      await menuItem('export-connection').click();
    })(),
  ]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(file.connections.map((c: { url: string; events: unknown[] }) => [c.url, c.events.length])).toEqual([
    [`${server.origin}/sse/feed`, 6],
  ]);
});

test('pause holds new events until resume; clear keeps the live connections', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await page.goto(`${server.origin}/pages/slow.html?n=80&gap=80`);
  await expect.poll(() => eventCount(panel)).toBeGreaterThanOrEqual(3);

  await panel.locator('[data-action="capture"]').click();
  await expect(panel.locator('[data-action="capture"]')).toHaveAttribute('aria-pressed', 'false');
  const frozen = await eventCount(panel);
  await expect(panel.locator('[data-held]')).toHaveText(/^Paused: \d+ new events? held$/);
  // New events came while paused (the held count grew), and the table still shows none of them.
  const held = async () => Number(/\d+/.exec((await panel.locator('[data-held]').textContent()) ?? '')?.[0]);
  const heldAtFirst = await held();
  await expect.poll(held).toBeGreaterThanOrEqual(heldAtFirst + 3);
  expect(await eventCount(panel)).toBe(frozen);
  await panel.locator('[data-action="capture"]').click();
  await expect.poll(() => eventCount(panel)).toBeGreaterThan(frozen);
  await expect(panel.locator('[data-held]')).toHaveCount(0);

  // The page listens for `done`, which comes last: its chip shows at 0 until a clear, then not until one comes.
  await expect(panel.locator('[data-chip="done"]')).toHaveCount(1);
  await panel.locator('[data-action="clear"]').click();
  const afterClear = await eventCount(panel);
  expect(afterClear).toBeLessThan(3);
  await expect(panel.locator('.connections tbody tr')).toHaveCount(1);
  await expect(panel.locator('[data-chip="done"]')).toHaveCount(0);
  await waitUntilDone(page);
  await expect(panel.locator('[data-chip="done"]')).toHaveCount(1);
  const log = await page.evaluate(() => (window as unknown as { __log: { what: string; data: string }[] }).__log);
  const pageData = log.filter((e) => e.what === 'event').map((e) => e.data);
  await expect.poll(async () => (await readConnections(panel))[0]?.state).toBe('closed');
  const shown = await shownData(panel);
  // Everything after the clear, nothing before it.
  expect(shown.length).toBeGreaterThan(5);
  expect(pageData.slice(-shown.length)).toEqual(shown);
  expect(Number((await readConnections(panel))[0]?.events)).toBe(shown.length);
});

test('preserve log keeps the old page across a navigation, with a divider', async ({ extension, server }) => {
  const { page } = await runPage(extension.context, `${server.origin}/pages/messages.html`);
  const tabId = await tabIdOf(extension, page);
  const panel = await openPanel(extension, tabId);
  await expect.poll(() => eventCount(panel)).toBe(3);
  await panel.locator('[data-action="preserve-log"]').check();
  await page.goto(`${server.origin}/pages/named.html`);
  await waitUntilDone(page);
  await expect.poll(() => eventCount(panel)).toBe(8);
  await expect(panel.locator('.row.navigation')).toHaveText(`Navigated to ${server.origin}/pages/named.html`);
  expect((await readConnections(panel)).map((c) => new URL(c.url).pathname)).toEqual(['/sse/messages', '/sse/named']);
  expect(await shownData(panel)).toEqual([
    'one',
    'two',
    'three',
    '{"time":1}',
    'updated',
    'plain message',
    '{"time":2}',
    'bye',
  ]);
  await panel.screenshot({ path: test.info().outputPath('preserve-log.png') });

  // A second panel (no settings reset) opens with the log preserved.
  const second = await extension.context.newPage();
  await second.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}`);
  await expect(second.locator('[data-action="preserve-log"]')).toBeChecked();
  await second.close();
  await panel.locator('[data-action="preserve-log"]').uncheck();
  await page.goto(`${server.origin}/pages/messages.html`);
  await waitUntilDone(page);
  await expect.poll(() => eventCount(panel)).toBe(3);
  await expect(panel.locator('.row.navigation')).toHaveCount(0);
});

test('light and dark follow the system unless the settings choose', async ({ extension, server }) => {
  const { panel } = await feedPanel(extension, server.origin);
  const background = () => panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await panel.emulateMedia({ colorScheme: 'light' });
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  await panel.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).toBe('rgb(32, 33, 36)');
  await panel.screenshot({ path: test.info().outputPath('dark.png') });
  await panel.locator('[data-action="settings"]').click();
  await panel.locator('[data-settings] input[name="theme"][value="light"]').check();
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  await panel.emulateMedia({ colorScheme: 'light' });
  await panel.locator('[data-settings] input[name="theme"][value="dark"]').check();
  await expect.poll(background).toBe('rgb(32, 33, 36)');
  await panel.locator('[data-settings] input[name="time-format"][value="absolute"]').check();
  await panel.locator('[data-settings] button', { hasText: 'Done' }).click();
  const firstTime = panel.locator('.rows [data-col="time"]').first();
  await expect(firstTime).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/);
  await expect(firstTime).toHaveAttribute('title', /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d\d:\d\d:\d\d\.\d{3}$/);
  await panel.locator('[data-action="time-format"]').click();
  await expect(firstTime).toHaveText('+0.000 s');
  // The feed's last event came after its 600 ms pause (a slow machine may have run the test long
  // enough for the feed to end and reconnect: the first 'beta 3' is the one meant).
  const lastEvent = panel.locator('.rows .row', { hasText: 'beta 3' }).first().locator('[data-col="time"]');
  // (Counted from the first event of any connection, which may be another stream's: a few hundred ms.)
  await expect(lastEvent).toHaveText(/^\+0\.[1-9]\d\d s$|^\+[1-9]\.\d{3} s$/);
});

test('docked narrow or short, the panel stacks its detail and never scrolls sideways', async ({
  extension,
  server,
}) => {
  const { panel } = await feedPanel(extension, server.origin);
  // Docked at the side, the toolbar keeps to one line and nothing in it is pushed out.
  for (const width of [550, 420, 400]) {
    await panel.setViewportSize({ width, height: 720 });
    const toolbar = await panel.locator('.toolbar').evaluate((bar) => ({
      height: bar.getBoundingClientRect().height,
      overflow: bar.scrollWidth - bar.clientWidth,
      settings: (bar.querySelector('[data-action="settings"]') as HTMLElement).getBoundingClientRect().right,
    }));
    expect(toolbar.height, `at ${width} px`).toBeLessThanOrEqual(34);
    expect(toolbar.overflow, `at ${width} px`).toBeLessThanOrEqual(0);
    expect(toolbar.settings, `at ${width} px`).toBeLessThanOrEqual(width);
  }
  await panel.locator('.rows .row').first().click();
  const table = await panel.locator('.events').boundingBox();
  const detail = await panel.locator('.detail').boundingBox();
  expect(detail && table && detail.y >= table.y + table.height - 1).toBe(true);
  expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  await expect(panel.locator('.connections th[data-col="frame"]')).toBeHidden();
  // The lifecycle rows keep the events' columns.
  const left = (selector: string) =>
    panel
      .locator(selector)
      .first()
      .evaluate((cell) => Math.round(cell.getBoundingClientRect().left));
  expect(await left('.rows .lifecycle-row [data-lifecycle-col="connection"]')).toBe(
    await left('.rows .row [data-col="connection"]'),
  );
  expect(await left('.rows .lifecycle-row [data-lifecycle-col="type"]')).toBe(
    await left('.rows .row [data-col="type"]'),
  );
  // A URL too long for its cell gives up its origin before its path.
  const cut = await panel
    .locator('.connections tbody tr')
    .first()
    .evaluate((row) => {
      const origin = row.querySelector<HTMLElement>('.url-origin');
      const rest = row.querySelector<HTMLElement>('.url-rest');
      return {
        origin: origin && origin.scrollWidth > origin.clientWidth,
        rest: rest && rest.scrollWidth > rest.clientWidth,
      };
    });
  expect(cut).toEqual({ origin: true, rest: false });
  await panel.screenshot({ path: test.info().outputPath('narrow.png') });

  // Docked at the bottom and short: the table keeps most of the room.
  await panel.setViewportSize({ width: 1100, height: 300 });
  await panel.locator('[data-action="close-detail"]').click();
  const short = await panel.locator('.events .scroller').boundingBox();
  expect(short?.height).toBeGreaterThanOrEqual(100);
  await panel.screenshot({ path: test.info().outputPath('short.png') });
});

test('an empty panel says what to do, and its reload button captures from the start', async ({ extension, server }) => {
  const { page } = await runPage(extension.context, `${server.origin}/pages/late.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect(panel.getByRole('status')).toContainText(
    'No SSE connections yet — reload the page to capture from the start.',
  );
  await panel.locator('[data-action="reload"]').click();
  await expect.poll(() => eventCount(panel)).toBe(3);
  expect((await readConnections(panel)).map((c) => new URL(c.url).pathname)).toEqual(['/sse/messages']);
});
