import { feedPanel, shownData } from '../support/feed-panel';
import { expect, test } from '../support/fixtures';
import { runPage, waitUntilDone } from '../support/page-log';
import { eventCount, openPanel, readConnections, tabIdOf } from '../support/panel';

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
  // A URL too long for its cell gives up its origin and leading path before its last segment.
  const cut = await panel
    .locator('.connections tbody tr')
    .first()
    .evaluate((row) => {
      const lead = row.querySelector<HTMLElement>('.url-lead');
      const name = row.querySelector<HTMLElement>('.url-name');
      return {
        lead: lead && lead.scrollWidth > lead.clientWidth,
        name: name && name.scrollWidth > name.clientWidth,
      };
    });
  expect(cut).toEqual({ lead: true, name: false });
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
