/**
 * B5, memory: what the extension's records cost a page's JS heap per 100,000 events (after a GC,
 * with and without the extension; the events' data is Blink's strings, shared without a copy and
 * bounded by the cap), and a 1 GiB stream into one tab: the capture stops at its cap (256 MiB of
 * text by default), the panel shows how many events were not kept, and the tab lives on.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchPlain, launchWithExtension, tabIdOf } from '../../src/dev/launch';
import { type SseServer, startSseServer } from '../../src/dev/sse-server';

export interface MemoryRow {
  name: string;
  events: number;
  heapWithoutMB: number;
  heapWithMB: number;
  notKept?: string;
  alive?: boolean;
}

const MB = 1024 * 1024;

async function heapAfter(
  owner: Browser | BrowserContext,
  server: SseServer,
  query: string,
): Promise<{ page: Page; mb: number }> {
  const page = await owner.newPage();
  // Not waiting for `load`: a flood of events can hold it back past the default timeout.
  await page.goto(`${server.origin}/pages/burst.html?${query}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as { __result?: number }).__result, null, {
    timeout: 600_000,
    polling: 200,
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  // The page's JS heap (its isolate holds our isolated world too). Event data strings are Blink's,
  // shared with V8 without a copy, so they are not in it: this is what the records themselves cost.
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return { page, mb: usedSize / MB };
}

export async function benchMemory(print: (line: string) => void): Promise<MemoryRow[]> {
  const chunks = new Map<number, string>();
  const server = await startSseServer({
    pagesDir: new URL('../fixtures/pages/', import.meta.url).pathname,
    routes: {
      // n events of `size` bytes, written 1,024 events at a time (a 1 GiB stream never sits in memory whole).
      '/bench/burst': ({ url }) => {
        const n = Number(url.searchParams.get('n'));
        const size = Number(url.searchParams.get('size'));
        const block = chunks.get(size) ?? `data: ${'x'.repeat(size)}\n\n`.repeat(1024);
        chunks.set(size, block);
        return { stream: Array.from({ length: Math.ceil(n / 1024) }, () => block), holdMs: 60_000 };
      },
    },
  });
  const extension = await launchWithExtension();
  const plain = await launchPlain();
  const rows: MemoryRow[] = [];
  try {
    for (const [name, n, size] of [
      ['100,000 small events (16 B)', 100 * 1024, 16],
      ['100,000 events of 1 KB', 100 * 1024, 1024],
    ] as const) {
      const query = `n=${n}&size=${size}&handler=onmessage`;
      const without = await heapAfter(plain, server, query);
      const withExtension = await heapAfter(extension.context, server, query);
      await without.page.close();
      await withExtension.page.close();
      const row = { name, events: n, heapWithoutMB: without.mb, heapWithMB: withExtension.mb };
      rows.push(row);
      print(
        `B5 ${name.padEnd(28)} page's JS heap ${row.heapWithoutMB.toFixed(1)} MB without, ${row.heapWithMB.toFixed(1)} MB with: ${(row.heapWithMB - row.heapWithoutMB).toFixed(1)} MB kept`,
      );
    }
    // 1 GiB: 262,144 events of 4 KB.
    const n = 256 * 1024;
    const query = `n=${n}&size=4096&handler=onmessage`;
    const without = await heapAfter(plain, server, query);
    await without.page.close();
    const withExtension = await heapAfter(extension.context, server, query);
    const panel = await extension.context.newPage();
    await panel.goto(
      `chrome-extension://${extension.extensionId}/panel.html?tabId=${await tabIdOf(extension, withExtension.page)}`,
    );
    const dropped = panel.locator('[data-dropped]');
    await dropped.waitFor({ timeout: 600_000 });
    const row: MemoryRow = {
      name: '1 GiB stream (262,144 × 4 KB)',
      events: n,
      heapWithoutMB: without.mb,
      heapWithMB: withExtension.mb,
      notKept: (await dropped.textContent())?.split(' ')[0] ?? '',
      alive: (await withExtension.page.evaluate(() => 1 + 1)) === 2,
    };
    rows.push(row);
    print(
      `B5 ${row.name}: page's JS heap ${row.heapWithoutMB.toFixed(0)} MB without, ${row.heapWithMB.toFixed(0)} MB with (cap 256 MiB of text); ${row.notKept} events not kept, shown in the panel; tab alive: ${row.alive}`,
    );
    await panel.close();
    await withExtension.page.close();
  } finally {
    await extension.close();
    await plain.close();
    await server.close();
  }
  return rows;
}
