/**
 * The backlog's progress bar in Firefox, as in Chromium (test/e2e/load-progress.spec.ts): the
 * relay sends a large backlog in slices (a task each, through a MessageChannel in the content
 * script's sandbox), the panel shows a bar with counts and what has arrived, then everything.
 */
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { backlogServer, barWords } from '../support/backlog-page';
import { expect, test } from './fixtures';

test('Firefox, a large backlog: a bar with counts, what arrived shown meanwhile', async ({ withAddon }) => {
  test.setTimeout(120_000);
  const n = 100_000;
  const server = await backlogServer(n);
  try {
    const page = await withAddon.newPage();
    await page.goto(`${server.origin}/pages/bench-feed.html?n=${n}`);
    await page.waitForFunction(() => (window as { __result?: number }).__result, { timeout: 90_000 });
    const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
    // From as soon as the panel is there: every state of the bar, with the table's row count then.
    await panel.evaluate(() => {
      const seen: { loading: string | null; text: string | null; rows: string | null }[] = [];
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-loading]');
        const loading = bar?.getAttribute('data-loading') ?? null;
        if (loading === null || seen[seen.length - 1]?.loading === loading) return;
        seen.push({
          loading,
          text: bar?.textContent ?? null,
          rows: document.querySelector('.events')?.getAttribute('aria-rowcount') ?? null,
        });
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const rows = () => panel.evaluate(() => document.querySelector('.events')?.getAttribute('aria-rowcount'));
    await expect.poll(rows, { timeout: 60_000 }).toBe(String(n));
    expect(await panel.evaluate(() => document.querySelectorAll('[data-loading]').length)).toBe(0);
    const seen = await panel.evaluate(
      () => (window as unknown as { __seen: { loading: string; text: string; rows: string | null }[] }).__seen,
    );
    expect(seen.length, 'the bar was seen').toBeGreaterThanOrEqual(1);
    for (const { loading, text: words } of seen) {
      const [done, total] = loading.split('/').map(Number) as [number, number];
      expect(total).toBeGreaterThanOrEqual(n);
      expect(total).toBeLessThan(n + 10);
      expect(done).toBeLessThan(total);
      expect(words).toBe(barWords(done, total));
    }
    // What had arrived was shown while the rest loaded.
    expect(seen.some((s) => Number(s.rows) > 0)).toBe(true);
    await page.close();
    await panel.close();
  } finally {
    await server.close();
  }
});
