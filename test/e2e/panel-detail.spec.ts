/**
 * The detail pane and the menus end to end: an event as a JSON tree, its raw block, copy buttons,
 * keyboard navigation; right-click menus on events and connections.
 */
import { readFile } from 'node:fs/promises';
import { feedPanel, shownData } from '../support/feed-panel';
import { expect, test } from '../support/fixtures';

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
