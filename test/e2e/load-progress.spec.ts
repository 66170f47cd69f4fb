/**
 * While the panel loads a large backlog (opened on a tab that captured 100,000 events) or reads a
 * large file (200,000 events), it shows a determinate bar with counts, shows what has arrived
 * meanwhile, and takes the bar away when all is in.
 */
import type { Page } from 'playwright-core';
import { backlogServer, barWords } from '../support/backlog-page';
import { connection, fileOf } from '../support/big-capture';
import { expect, test } from '../support/fixtures';
import { tabIdOf } from '../support/panel';

/** Every state of the bar as the panel renders it (from the panel's first script on), with the table's row count then. */
interface Seen {
  loading: string | null;
  text: string | null;
  rows: string | null;
}

async function watchedPanel(
  extension: { context: import('playwright-core').BrowserContext; extensionId: string },
  tabId: number,
): Promise<Page> {
  const panel = await extension.context.newPage();
  await panel.addInitScript(() => {
    localStorage.removeItem('sse-scope:settings');
    const seen: Seen[] = [];
    (window as unknown as { __seen: Seen[] }).__seen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-loading]');
      const state = {
        loading: bar?.getAttribute('data-loading') ?? null,
        text: bar?.textContent ?? null,
        rows: document.querySelector('.events')?.getAttribute('aria-rowcount') ?? null,
      };
      const last = seen[seen.length - 1];
      if (!last || last.loading !== state.loading || last.rows !== state.rows) seen.push(state);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await panel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}`);
  return panel;
}

const seenOf = (panel: Page) => panel.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);

/**
 * The bar's states: each `done/total`, one total, done rising, and its words saying the same. How
 * many states a backlog shows depends on how its messages come (on a loaded run, one before all):
 * at least one is required; a file's parts are counted by the caller.
 */
function checkBar(seen: Seen[], words: (done: number, total: number) => string): { done: number; total: number }[] {
  const states = seen.filter((s) => s.loading !== null);
  const counts = [...new Set(states.map((s) => s.loading))].map((l) => {
    const [done, total] = (l as string).split('/').map(Number) as [number, number];
    return { done, total };
  });
  expect(counts.length, JSON.stringify(seen.slice(0, 20))).toBeGreaterThanOrEqual(1);
  expect(new Set(counts.map((c) => c.total)).size).toBe(1);
  for (let i = 1; i < counts.length; i++) expect(counts[i]?.done).toBeGreaterThan(counts[i - 1]?.done as number);
  for (const { done, total } of counts) expect(done).toBeLessThan(total);
  for (const state of states) {
    const [done, total] = (state.loading as string).split('/').map(Number) as [number, number];
    expect(state.text).toBe(words(done, total));
  }
  // What has arrived is shown while the rest loads.
  expect(states.some((s) => Number(s.rows) > 0)).toBe(true);
  return counts;
}

test('a large backlog: a bar with counts, what arrived shown meanwhile, then all', async ({ extension }) => {
  test.setTimeout(90_000);
  const n = 100_000;
  const server = await backlogServer(n);
  try {
    const page = await extension.context.newPage();
    await page.goto(`${server.origin}/pages/bench-feed.html?n=${n}`);
    await page.waitForFunction(() => (window as { __result?: number }).__result, null, { timeout: 60_000 });
    const panel = await watchedPanel(extension, await tabIdOf(extension, page));
    await expect(panel.locator('.events')).toHaveAttribute('aria-rowcount', String(n), { timeout: 30_000 });
    await expect(panel.locator('[data-loading]')).toHaveCount(0);
    const counts = checkBar(await seenOf(panel), barWords);
    // Every record the relay held when the panel came: the page hook hands an EventSource's events
    // over once the burst is over, in short turns, so a panel opened at once may find part of them
    // (the rest come live); a backlog it is, all the same.
    expect(counts[0]?.total).toBeGreaterThan(1000);
    expect(counts[0]?.total).toBeLessThan(n + 10);
    await page.close();
  } finally {
    await server.close();
  }
});

test('a large file: a bar with its name and counts, what is read shown meanwhile', async ({ extension, server }) => {
  test.setTimeout(90_000);
  const n = 200_000;
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await watchedPanel(extension, await tabIdOf(extension, page));
  const buffer = Buffer.from(JSON.stringify(fileOf([connection(1, n)])));
  await panel
    .locator('[data-action="import"]')
    .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer });
  await expect(panel.locator('[data-imported]')).toContainText('big.json');
  await expect(panel.locator('.events')).toHaveAttribute('aria-rowcount', String(n), { timeout: 30_000 });
  await expect(panel.locator('[data-loading]')).toHaveCount(0);
  const counts = checkBar(
    await seenOf(panel),
    (done, total) =>
      `Reading big.json — records loaded: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`,
  );
  // Its events and its connection's three records (it began, opened, closed), in parts of 50,000.
  expect(counts[0]?.total).toBe(n + 3);
  expect(counts.map((c) => c.done)).toEqual([50_000, 100_000, 150_000, 200_000]);
  await page.close();
});
