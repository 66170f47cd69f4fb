/** What the panel benchmarks read of a panel: when its table shows rows, and its JS heap. */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../harness/launch';

/** Waits for the panel's table to show rows, then `count`: the times of both after `opened`. */
export async function shownAfter(panel: Page, count: number, opened: number): Promise<{ first: number; all: number }> {
  await panel.waitForFunction(
    (none) => Number(document.querySelector('.events')?.getAttribute('aria-rowcount') ?? none) > none,
    0,
    { timeout: 600_000, polling: 20 },
  );
  const first = Date.now() - opened;
  await panel.waitForFunction(
    (n) => document.querySelector('.events')?.getAttribute('aria-rowcount') === String(n),
    count,
    { timeout: 600_000, polling: 20 },
  );
  return { first, all: Date.now() - opened };
}

/** The panel's JS heap after a garbage collection, in MB. */
export async function heapOf(extension: ExtensionBrowser, panel: Page): Promise<number> {
  const cdp = await extension.context.newCDPSession(panel);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}
