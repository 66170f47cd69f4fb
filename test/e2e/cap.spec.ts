/**
 * The capture cap: a page that streams more than the user's cap keeps working; the capture stops
 * keeping events past the cap, counts them, and the panel says so and where to raise it. Every
 * string a page controls counts: listened-for types and events' types and ids as its data does.
 */

import type { ExtensionBrowser } from '../harness/launch';
import type { SseServer } from '../harness/sse-server';
import { expect, test } from '../support/fixtures';
import { waitUntilDone } from '../support/page-log';
import { openPanel, readConnections, tabIdOf } from '../support/panel';

/** Runs `body` with the cap set to `mib` in a panel's settings, and removes the setting after. */
async function withCap(extension: ExtensionBrowser, mib: number, body: () => Promise<void>): Promise<void> {
  const settings = await openPanel(extension, 0);
  await settings.locator('[data-action="settings"]').click();
  const cap = settings.locator('[data-setting="cap"]');
  await expect(cap).toHaveValue('256');
  try {
    await cap.fill(String(mib));
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
      .toBe(mib);
    await body();
  } finally {
    await extension.worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }
      ).chrome.storage.local.remove('captureCapMiB'),
    );
  }
}

/** A connection's events as the panel counts them: kept, and not kept. */
function eventCounts(events: string | undefined): [number, number] {
  return [Number(events?.split(' ')[0]), Number(/\(\+(\d+) not kept\)/.exec(events ?? '')?.[1] ?? 0)];
}

test('past the cap the page goes on; events are counted, not kept, and said so', async ({ extension, server }) => {
  await withCap(extension, 1, async () => {
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
    // The note can show before the connection's row: the counts are read once they are all in.
    const counts = async () => eventCounts((await readConnections(panel))[0]?.events);
    await expect.poll(async () => (await counts()).reduce((a, b) => a + b)).toBe(1001);
    const [kept, notKept] = await counts();
    // The cap holds about 1 MiB of data: some 250 events of 4 KB; together they are all 1,000 (+ done).
    expect(kept).toBeGreaterThan(200);
    expect(kept).toBeLessThan(300);
    expect(kept + notKept).toBe(1001);
  });
});

/** Runs oversize.html with `attack` until its live stream ends, and opens the panel on it. */
async function oversize(extension: ExtensionBrowser, server: SseServer, attack: string) {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/oversize.html?${attack}`);
  await page.waitForFunction(() => (window as { __attacked?: boolean }).__attacked === true);
  server.open('go');
  await waitUntilDone(page, 30_000);
  const log = await page.evaluate(() => (window as unknown as { __log: { conn: string }[] }).__log);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(async () => (await readConnections(panel)).length).toBeGreaterThan(0);
  return { log, panel };
}

test('past the cap on types and ids, they are counted, not kept, and said so', async ({ extension, server }) => {
  await withCap(extension, 1, async () => {
    // 100 listened-for types of 65,000 characters: 6.5 M characters, past a cap of 1 Mi.
    const types = await oversize(extension, server, 'attack=types&count=100');
    // The page saw its whole live stream: `before`, 20 events and `done`.
    expect(types.log.filter((entry) => entry.conn === 'live')).toHaveLength(24);
    // 16 types fit in 1 Mi and are kept; the rest are counted. The live stream's small events fit after them.
    await expect(types.panel.locator('[data-dropped-records]')).toHaveText(
      '84 other records not kept (listened-for types, connections, chunks…): the capture reached its cap',
    );
    await expect(types.panel.locator('[data-chip]')).toHaveCount(1 + 1 + 1 + 16);
    // The backlog may still be loading: what the panel counts, once all is in.
    await expect.poll(async () => eventCounts((await readConnections(types.panel))[0]?.events)).toEqual([22, 0]);
    await expect(types.panel.locator('[data-dropped]')).toHaveCount(0);

    // 30 events whose type and id are 65,000 quotes: 130,000 characters each (and a type listened for).
    const ids = await oversize(extension, server, 'attack=ids&count=30');
    const seen = ids.log.find((entry) => entry.conn === 'ids') as unknown as { seen: unknown[] };
    expect(seen.seen).toHaveLength(30);
    const bigIds = async () =>
      eventCounts((await readConnections(ids.panel)).find((c) => c.url.includes('/sse/big-ids'))?.events);
    // Some 7 fit in 1 Mi beside the type; the rest are counted, and the events after them are kept as they fit.
    await expect.poll(async () => (await bigIds()).reduce((a, b) => a + b)).toBe(31);
    const [kept, notKept] = await bigIds();
    expect(kept).toBeLessThan(10);
    const gated = async () =>
      eventCounts((await readConnections(ids.panel)).find((c) => c.url.includes('/sse/gated'))?.events);
    await expect.poll(gated).toEqual([22, 0]);
    await expect(ids.panel.locator('[data-dropped]')).toHaveText(new RegExp(`^${notKept} events not kept`));
  });
});
