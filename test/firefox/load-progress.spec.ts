/**
 * A large backlog in Firefox: the relay sends it in slices, a task each, the next one asked for
 * through a MessageChannel in the content script's sandbox (the first slice carries a few of its
 * fifty batches: the rest come only if the channel works there). Every record arrives, and the
 * progress bar, as far as it is seen (the panel can be there only after loading began: every
 * state is checked in Chromium, test/e2e/load-progress.spec.ts), says the right counts and goes.
 */
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { backlogServer, barWords } from '../support/backlog-page';
import { expect, test } from './fixtures';

test('Firefox, a large backlog: sent in slices, every record arrives, the bar goes', async ({ withAddon }) => {
  test.setTimeout(120_000);
  const n = 100_000;
  const server = await backlogServer(n);
  try {
    const page = await withAddon.newPage();
    await page.goto(`${server.origin}/pages/bench-feed.html?n=${n}`);
    await page.waitForFunction(() => (window as { __result?: number }).__result, { timeout: 90_000 });
    const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
    // From as soon as the panel is there: every state of the bar.
    await panel.evaluate(() => {
      const seen: { loading: string | null; text: string | null }[] = [];
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-loading]');
        const loading = bar?.getAttribute('data-loading') ?? null;
        if (loading === null || seen[seen.length - 1]?.loading === loading) return;
        seen.push({
          loading,
          text: bar?.textContent ?? null,
        });
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const rows = () => panel.evaluate(() => document.querySelector('.events')?.getAttribute('aria-rowcount'));
    await expect.poll(rows, { timeout: 60_000 }).toBe(String(n));
    // The bar goes at the next render after the last record (renders come every 250 ms while loading).
    await expect.poll(() => panel.evaluate(() => document.querySelectorAll('[data-loading]').length)).toBe(0);
    const seen = await panel.evaluate(
      () => (window as unknown as { __seen: { loading: string; text: string }[] }).__seen,
    );
    // The page hook hands an EventSource's events to the relay once the burst is over, in short
    // turns: a panel opened at once may begin with part of them (what the relay held then), and
    // get the rest live.
    for (const { loading, text: words } of seen) {
      const [done, total] = loading.split('/').map(Number) as [number, number];
      expect(total).toBeGreaterThan(1000);
      expect(total).toBeLessThan(n + 10);
      expect(done).toBeLessThan(total);
      expect(words).toBe(barWords(done, total));
    }
    await page.close();
    await panel.close();
  } finally {
    await server.close();
  }
});
