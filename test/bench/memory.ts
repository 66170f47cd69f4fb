/**
 * B5, memory, per 100,000 events, with and without the extension in the same run: the page's JS
 * heap after a GC (the page hook and the relay share the page's isolate, so this is what the
 * records themselves cost), and the private memory of the browser's renderer processes after a GC
 * and a memory-pressure purge (the events' data is Blink's strings, which the relay's records keep
 * alive outside the JS heap; this counts them). And a 1 GiB stream into one tab: the capture stops
 * at its cap (256 MiB of text by default), the panel shows how many events were not kept, and the
 * tab lives on.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPlainProfile, launchWithExtension, tabIdOf } from '../harness/launch';
import { type SseServer, startSseServer } from '../harness/sse-server';
import { processes } from './processes';

export interface MemoryRow {
  name: string;
  events: number;
  heapWithoutMB: number;
  heapWithMB: number;
  renderersWithoutMB?: number;
  renderersWithMB?: number;
  notKept?: string;
  alive?: boolean;
}

const MB = 1024 * 1024;

/** Marks each browser's command line, to find its processes. */
const MARK = { with: '--sse-scope-bench=with', without: '--sse-scope-bench=without' } as const;

/** Private memory (clean + dirty) of the renderer processes of the browser marked `mark`, in MB; Linux only. */
function renderersMB(mark: string): number | undefined {
  if (process.platform !== 'linux') return undefined;
  const all = processes();
  const browser = all.find((p) => p.cmdline.includes(mark) && !p.cmdline.includes('--type='));
  if (!browser) return undefined;
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const descends = (pid: number): boolean => {
    for (let p = byPid.get(pid); p; p = byPid.get(p.ppid)) if (p.ppid === browser.pid) return true;
    return false;
  };
  let kB = 0;
  for (const p of all) {
    if (!p.cmdline.includes('--type=renderer') || !descends(p.pid)) continue;
    try {
      const rollup = readFileSync(`/proc/${p.pid}/smaps_rollup`, 'utf8');
      for (const field of ['Private_Clean', 'Private_Dirty'])
        kB += Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return kB / 1024;
}

async function heapAfter(
  owner: BrowserContext,
  server: SseServer,
  query: string,
  mark: string,
): Promise<{ page: Page; mb: number; renderersMB?: number }> {
  const page = await owner.newPage();
  const before = renderersMB(mark);
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
  // Let Blink and the allocators give back what they can, so that what stays is what is kept.
  await cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
  await cdp.send('HeapProfiler.collectGarbage');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = renderersMB(mark);
  // What the renderers grew by while the page received its events (the page's own renderer
  // included: the page left about:blank for a process of its site).
  return {
    page,
    mb: usedSize / MB,
    renderersMB: before === undefined || after === undefined ? undefined : after - before,
  };
}

export async function benchMemory(print: (line: string) => void): Promise<MemoryRow[]> {
  const server = await startSseServer({
    pagesDir: new URL('../fixtures/pages/', import.meta.url).pathname,
    routes: {
      // n events of `size` bytes, each different (Blink shares an event's data with the previous
      // event's when they are equal), made 1,024 events at a time as they are written (a 1 GiB
      // stream never sits in memory whole).
      '/bench/burst': ({ url }) => {
        const n = Number(url.searchParams.get('n'));
        const size = Number(url.searchParams.get('size'));
        const pad = 'x'.repeat(Math.max(0, size - 8));
        const block = (b: number) => () => {
          const lines = [];
          for (let i = b * 1024; i < (b + 1) * 1024; i++) lines.push(`data: ${String(i).padStart(8, '0')}${pad}\n\n`);
          return lines.join('');
        };
        return { stream: Array.from({ length: Math.ceil(n / 1024) }, (_, b) => block(b)), holdMs: 60_000 };
      },
    },
  });
  const extension = await launchWithExtension({ args: [MARK.with] });
  const plain = await launchPlainProfile([MARK.without]);
  const rows: MemoryRow[] = [];
  try {
    for (const [name, n, size] of [
      ['100,000 small events (16 B)', 100 * 1024, 16],
      ['100,000 events of 1 KB', 100 * 1024, 1024],
    ] as const) {
      const query = `n=${n}&size=${size}&handler=onmessage`;
      const without = await heapAfter(plain.context, server, query, MARK.without);
      const withExtension = await heapAfter(extension.context, server, query, MARK.with);
      const renderersWithoutMB = without.renderersMB;
      const renderersWithMB = withExtension.renderersMB;
      await without.page.close();
      await withExtension.page.close();
      const row = {
        name,
        events: n,
        heapWithoutMB: without.mb,
        heapWithMB: withExtension.mb,
        renderersWithoutMB,
        renderersWithMB,
      };
      rows.push(row);
      const mb = (x: number) => `${x.toFixed(1)} MB`;
      print(
        `B5 ${name.padEnd(28)} page's JS heap ${mb(row.heapWithoutMB)} without, ${mb(row.heapWithMB)} with: ${mb(row.heapWithMB - row.heapWithoutMB)} kept`,
      );
      if (renderersWithoutMB !== undefined && renderersWithMB !== undefined)
        print(
          `B5 ${''.padEnd(28)} renderers' private memory grew ${mb(renderersWithoutMB)} without, ${mb(renderersWithMB)} with: ${mb(renderersWithMB - renderersWithoutMB)} kept`,
        );
    }
    // 1 GiB: 262,144 events of 4 KB.
    const n = 256 * 1024;
    const query = `n=${n}&size=4096&handler=onmessage`;
    const without = await heapAfter(plain.context, server, query, MARK.without);
    await without.page.close();
    const withExtension = await heapAfter(extension.context, server, query, MARK.with);
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
      renderersWithoutMB: without.renderersMB,
      renderersWithMB: withExtension.renderersMB,
      notKept: (await dropped.textContent())?.split(' ')[0] ?? '',
      alive: (await withExtension.page.evaluate(() => 1 + 1)) === 2,
    };
    rows.push(row);
    print(
      `B5 ${row.name}: page's JS heap ${row.heapWithoutMB.toFixed(0)} MB without, ${row.heapWithMB.toFixed(0)} MB with (cap 256 MiB of text); renderers grew ${row.renderersWithoutMB?.toFixed(0)} MB without, ${row.renderersWithMB?.toFixed(0)} MB with; ${row.notKept} events not kept, shown in the panel; tab alive: ${row.alive}`,
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
