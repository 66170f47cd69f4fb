/**
 * B1, what SSE Scope costs a page. A page receives a burst of N events as fast as a
 * local server sends them (handlers set with `onmessage` and with `addEventListener`, small and
 * 4 KB payloads; and CPU-bound: the whole burst in before the first dispatch, each handler parsing
 * its JSON); its time from first to last event is measured with and without the extension,
 * rounds interleaved, medians quoted, and given as a ratio (without / with: 1.00 is free).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type ExtensionBrowser, launchPlain, launchWithExtension } from '../harness/launch';
import { type SseServer, startSseServer } from '../harness/sse-server';
import { tabIdOf } from '../support/panel';

const N = Number(process.env.BENCH_EVENTS ?? 50_000);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** How long a CPU-bound page holds its main thread while the burst comes in. */
const HOLD_MS = 1500;

interface Variant {
  name: string;
  size: number;
  handler: 'onmessage' | 'addEventListener';
  /** The page is busy until the whole burst is in, then parses each event's JSON: CPU-bound, no idle time. */
  cpuBound?: boolean;
  /** Not an EventSource: the page reads the stream with fetch (B3) or XMLHttpRequest, this many events. */
  reader?: { kind: 'fetch' | 'xhr'; events: number };
  /** With the extension: a panel watches the tab, with network capture on (Chrome's debugger attached) or off. */
  panel?: 'network' | 'plain';
}

const VARIANTS: Variant[] = [
  { name: 'small, onmessage', size: 16, handler: 'onmessage' },
  { name: 'small, JSON.parse, all in', size: 16, handler: 'onmessage', cpuBound: true },
  { name: 'small, addEventListener', size: 16, handler: 'addEventListener' },
  { name: '4 KB, onmessage', size: 4096, handler: 'onmessage' },
  { name: 'small, onmessage, panel open', size: 16, handler: 'onmessage', panel: 'plain' },
  { name: 'small, onmessage, network', size: 16, handler: 'onmessage', panel: 'network' },
  { name: 'fetch, 200,000 events', size: 16, handler: 'onmessage', reader: { kind: 'fetch', events: 200_000 } },
  { name: 'XHR, 50,000 events', size: 16, handler: 'onmessage', reader: { kind: 'xhr', events: 50_000 } },
];

/** The whole burst, pre-built so the server only writes: each event's data a JSON object of about `size` bytes. */
function burst(count: number, size: number): string {
  const pad = 'x'.repeat(Math.max(0, size - 14));
  let text = '';
  for (let i = 1; i <= count; i++) text += `id: ${i}\ndata: {"i":${i},"p":"${pad}"}\n\n`;
  return text;
}

/** The page's time from first to last event, and its main thread's busy time over the whole load (CDP TaskDuration). */
async function pageTime(
  owner: Browser | BrowserContext,
  server: SseServer,
  variant: Variant,
  extension?: ExtensionBrowser,
): Promise<{ time: number; busy: number }> {
  const page = await owner.newPage();
  let panel: Page | undefined;
  try {
    if (variant.panel && extension) {
      // A panel watches the tab; with network capture, until the debugger is attached.
      await page.goto(`${server.origin}/pages/index.html`);
      const tabId = await tabIdOf(extension, page);
      panel = await extension.context.newPage();
      const network = variant.panel === 'network';
      await panel.goto(
        `chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}${network ? '&network=1' : ''}`,
      );
      const attached = () =>
        extension.worker.evaluate(
          (id) => (globalThis as unknown as { tapping(): { debugging: number[] } }).tapping().debugging.includes(id),
          tabId,
        );
      for (let i = 0; i < 600 && network && !(await attached()); i++) await page.waitForTimeout(50);
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // CPU-bound: the page holds its main thread while the server writes the whole burst.
    const query = `n=${N}&size=${variant.size}&handler=${variant.handler}${variant.cpuBound ? `&hold=${HOLD_MS}&work=json` : ''}`;
    const { reader } = variant;
    await page.goto(
      reader
        ? `${server.origin}/pages/bench-${reader.kind}.html?n=${reader.events}`
        : `${server.origin}/pages/burst.html?${query}`,
    );
    const result = await page.waitForFunction(() => (window as { __result?: number }).__result, null, {
      timeout: 120_000,
    });
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    // The hold is the page's own wait, the same with and without: not part of what is compared.
    const busy = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000 - (variant.cpuBound ? HOLD_MS : 0);
    return { time: (await result.jsonValue()) as number, busy };
  } finally {
    await page.close();
    await panel?.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

export interface PageCostRow {
  variant: string;
  events: number;
  withoutMs: number;
  withMs: number;
  ratio: number;
  busyWithoutMs: number;
  busyWithMs: number;
  busyRatio: number;
  /** The main thread's busy time the extension adds, per event. */
  addedMicrosPerEvent: number;
  rounds: { without: number[]; with: number[] };
}

export async function benchPageCost(print: (line: string) => void): Promise<PageCostRow[]> {
  const bursts = new Map<string, string>();
  const server = await startSseServer({
    pagesDir: new URL('../fixtures/pages/', import.meta.url).pathname,
    routes: {
      '/bench/burst': ({ url }) => {
        const key = `${url.searchParams.get('n')}/${url.searchParams.get('size')}`;
        let text = bursts.get(key);
        if (!text) {
          text = burst(Number(url.searchParams.get('n')), Number(url.searchParams.get('size')));
          bursts.set(key, text);
        }
        return { stream: [text], holdMs: 30_000 };
      },
      // fetch and XHR: the whole stream at once, as the EventSource burst.
      '/bench/stream': ({ url }) => {
        const key = `stream/${url.searchParams.get('n')}`;
        let text = bursts.get(key);
        if (!text) {
          text = burst(Number(url.searchParams.get('n')), 16);
          bursts.set(key, text);
        }
        return { stream: [text], holdMs: 30_000 };
      },
    },
  });
  const plain = await launchPlain();
  const extension = await launchWithExtension();
  const rows: PageCostRow[] = [];
  try {
    // BENCH_VARIANT runs only the variants whose name it matches, as a regular expression: `4 KB`, `^small, onmessage$|JSON`.
    const only = process.env.BENCH_VARIANT ? new RegExp(process.env.BENCH_VARIANT) : undefined;
    for (const variant of VARIANTS.filter((v) => !only || only.test(v.name))) {
      const without: { time: number; busy: number }[] = [];
      const withExtension: { time: number; busy: number }[] = [];
      await pageTime(plain, server, variant); // warm up both
      await pageTime(extension.context, server, variant, extension);
      for (let round = 0; round < ROUNDS; round++) {
        without.push(await pageTime(plain, server, variant));
        withExtension.push(await pageTime(extension.context, server, variant, extension));
      }
      const time = (list: { time: number }[]) => median(list.map((r) => r.time));
      const busy = (list: { busy: number }[]) => median(list.map((r) => r.busy));
      const events = variant.reader?.events ?? N;
      const row: PageCostRow = {
        variant: variant.name,
        events,
        withoutMs: time(without),
        withMs: time(withExtension),
        ratio: time(without) / time(withExtension),
        busyWithoutMs: busy(without),
        busyWithMs: busy(withExtension),
        busyRatio: busy(without) / busy(withExtension),
        addedMicrosPerEvent: ((busy(withExtension) - busy(without)) * 1000) / events,
        rounds: { without: without.map((r) => r.time), with: withExtension.map((r) => r.time) },
      };
      rows.push(row);
      print(
        `${variant.reader ? 'B3' : 'B1'} ${row.variant.padEnd(26)} ${events} events  page time ${row.withoutMs.toFixed(0)} → ${row.withMs.toFixed(0)} ms, ratio ${row.ratio.toFixed(2)}; main thread busy ${row.busyWithoutMs.toFixed(0)} → ${row.busyWithMs.toFixed(0)} ms, ratio ${row.busyRatio.toFixed(2)}, ${row.addedMicrosPerEvent.toFixed(2)} µs/event added`,
      );
    }
  } finally {
    await extension.close();
    await plain.close();
    await server.close();
  }
  print(
    `B1: medians of ${ROUNDS} interleaved rounds; ratio = without / with (1.00 = no cost); "panel open": a panel watches the tab; "network": with network capture on (Chrome's debugger attached).`,
  );
  return rows;
}
