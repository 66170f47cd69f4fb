/**
 * The capture cap: a page that streams more than the user's cap keeps working; the capture stops
 * keeping events past the cap, counts them, and the panel says so and where to raise it.
 */

import { expect, test } from '../support/fixtures';
import { waitUntilDone } from '../support/page-log';
import { openPanel, readConnections, tabIdOf } from '../support/panel';

test('past the cap the page goes on, events are counted not kept, and the panel says so', async ({
  extension,
  server,
}) => {
  const settings = await openPanel(extension, 0);
  await settings.locator('[data-action="settings"]').click();
  const cap = settings.locator('[data-setting="cap"]');
  await expect(cap).toHaveValue('256');
  try {
    await cap.fill('1');
    await cap.press('Enter');
    await settings.locator('[data-settings] button', { hasText: 'Done' }).click();
    await expect
      .poll(() =>
        extension.worker.evaluate(
          async () =>
            (
              await (
                globalThis as unknown as {
                  chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
                }
              ).chrome.storage.local.get('captureCapMiB')
            ).captureCapMiB,
        ),
      )
      .toBe(1);

    // 1,000 events of 4 KB: about 4 MiB, four times the cap.
    const page = await extension.context.newPage();
    await page.goto(`${server.origin}/pages/bulk.html?n=1000&size=4096`);
    await waitUntilDone(page, 30_000);
    expect(await page.evaluate(() => (window as unknown as { __log: object }).__log)).toEqual({
      count: 1000,
      bytes: 4096 * 1000,
    });
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect(panel.locator('[data-dropped]')).toHaveText(
      /^\d{3},?\d* events not kept: the capture reached its cap/,
    );
    const [connection] = await readConnections(panel);
    const kept = Number(connection?.events.split(' ')[0]);
    const notKept = Number(/\(\+(\d+) not kept\)/.exec(connection?.events ?? '')?.[1]);
    // The cap holds about 1 MiB of data: some 250 events of 4 KB; together they are all 1,000 (+ done).
    expect(kept).toBeGreaterThan(200);
    expect(kept).toBeLessThan(300);
    expect(kept + notKept).toBe(1001);
  } finally {
    await extension.worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }
      ).chrome.storage.local.remove('captureCapMiB'),
    );
  }
});
