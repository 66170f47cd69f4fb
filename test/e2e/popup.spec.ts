/**
 * The toolbar popup (popup.html?tabId=N): the tab's connections live, the toolbar badge, the other
 * tabs with connections (a click switches), export from the popup, and the empty state.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '../support/fixtures';
import { runPage } from '../support/page-log';
import { tabIdOf } from '../support/panel';

test('the popup lists the tab’s connections live; the badge counts the open ones', async ({ extension, server }) => {
  const other = await extension.context.newPage();
  // The other tab's stream stays open (it waits at a gate nobody opens) for as long as the test needs it.
  await other.goto(`${server.origin}/pages/slow.html?n=200&gap=50&gate=never&gateAt=10`);
  const otherId = await tabIdOf(extension, other);
  const { page } = await runPage(extension.context, `${server.origin}/pages/feed.html`);
  const tabId = await tabIdOf(extension, page);

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`);
  const rows = popup.locator('.connections li');
  await expect(rows).toHaveCount(3);
  await expect(rows.locator('.url')).toHaveText([
    `${server.origin}/sse/feed`,
    `${server.origin}/sse/status`,
    `${server.origin}/sse/not-found`,
  ]);
  // The 404 came before anything watched: ended, not failed (nothing saw why).
  await expect(rows.locator('.badge')).toHaveText(['open', 'open', 'ended']);
  await expect(rows.nth(0).locator('[data-stats]')).toHaveText(/^6 events · \d+(\.\d)?\/s · last .* ago$/);
  await expect(rows.nth(2).locator('[data-stats]')).toHaveText('0 events · ended · no event yet');

  const badge = (id: number) =>
    extension.worker.evaluate(
      (tab) =>
        (
          globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
        ).chrome.action.getBadgeText({ tabId: tab }),
      id,
    );
  await expect.poll(() => badge(tabId)).toBe('2');
  await expect.poll(() => badge(otherId)).toBe('1');

  // The other tab by its title (the link), then its counts.
  const otherRow = popup.locator(`.tabs li[data-tab="${otherId}"]`);
  await expect(otherRow.locator('button')).toHaveText(await other.title());
  await expect(otherRow.locator('[data-tab-counts]')).toHaveText('1 open · 1 connection');
  await popup.screenshot({ path: test.info().outputPath('popup.png') });
  await otherRow.locator('button').click();
  await expect
    .poll(() =>
      extension.worker.evaluate(async () => {
        const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } })
          .chrome;
        return (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
      }),
    )
    .toBe(otherId);

  // Export from the popup.
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('[data-export="json"]').click()]);
  const capture = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(capture.connections).toHaveLength(3);
  await other.close();
  await popup.close();
});

test('an empty popup says what to do and that DevTools has the full view', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${await tabIdOf(extension, page)}`);
  await expect(popup.getByRole('status')).toHaveText(
    'No SSE connections in this tab yet. Reload the page to capture from its start. DevTools → SSE has the full view: timeline, filters, raw blocks.',
  );
});

test('the popup follows a live stream: its event count goes up while it is open', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  // The stream waits after its 20th event until the popup has counted: then it must count on.
  await page.goto(`${server.origin}/pages/slow.html?n=100&gap=40&gate=counted&gateAt=20`);
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${await tabIdOf(extension, page)}`);
  const stats = popup.locator('.connections li [data-stats]');
  const events = async () => Number((await stats.textContent())?.split(' ')[0]);
  await expect.poll(events).toBeGreaterThan(2);
  const before = await events();
  server.open('counted');
  await expect.poll(events).toBeGreaterThan(before + 5);
  await expect(stats).toHaveText(/^\d+ events · \d+(\.\d)?\/s · last .+ ago$/);
});
