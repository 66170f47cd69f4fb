/**
 * B1, what SSE Scope costs a page. A page receives a burst of N events as fast as a
 * local server sends them (handlers set with `onmessage` and with `addEventListener`, small and
 * 4 KB payloads; and CPU-bound: the whole burst in before the first dispatch, each handler parsing
 * its JSON); its time from first to last event is measured with and without the extension,
 * rounds interleaved, medians quoted, and given as a ratio (without / with: 1.00 is free).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type ExtensionBrowser, launchPlainProfile, launchWithExtension } from '../harness/launch';
import { type SseServer, startSseServer } from '../harness/sse-server';
import { tabIdOf } from '../support/panel';
import { burst, measureBurst, type Sample, sleepRoute } from './burst-sample';
import { median } from './stats';

const N = Number(process.env.BENCH_EVENTS ?? 50_000);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** How long a CPU-bound page blocks its main thread while the burst comes in. */
const HOLD_MS = 1500;

interface Variant {
  name: string;
  size: number;
  handler: 'onmessage' | 'addEventListener';
  /** What the handler does with each event's data: reads it (as every real page does), parses it, or never looks. */
  work: 'read' | 'json' | 'none';
  /** The page is blocked until the whole burst is in, then parses each event's JSON: CPU-bound, no idle time. */
  cpuBound?: boolean;
  /** Not an EventSource: the page reads the stream with fetch (B3) or XMLHttpRequest, this many events. */
  reader?: { kind: 'fetch' | 'xhr'; events: number };
  /** With the extension: a panel watches the tab, with network capture on (Chrome's debugger attached) or off. */
  panel?: 'network' | 'plain';
}

const VARIANTS: Variant[] = [
  { name: 'small, onmessage', size: 16, handler: 'onmessage', work: 'read' },
  { name: 'small, JSON + 20 µs, all in', size: 16, handler: 'onmessage', work: 'json', cpuBound: true },
  { name: 'small, addEventListener', size: 16, handler: 'addEventListener', work: 'read' },
  { name: 'small, data never read', size: 16, handler: 'onmessage', work: 'none' },
  { name: '4 KB, onmessage', size: 4096, handler: 'onmessage', work: 'read' },
  { name: 'small, onmessage, panel open', size: 16, handler: 'onmessage', work: 'read', panel: 'plain' },
  { name: 'small, onmessage, network', size: 16, handler: 'onmessage', work: 'read', panel: 'network' },
  {
    name: 'fetch, 200,000 events',
    size: 16,
    handler: 'onmessage',
    work: 'read',
    reader: { kind: 'fetch', events: 200_000 },
  },
  { name: 'XHR, 50,000 events', size: 16, handler: 'onmessage', work: 'read', reader: { kind: 'xhr', events: 50_000 } },
];

/**
 * The page's time from first to last event, and its main thread's busy time and CPU time. The page
 * is loaded first and left to settle, and the stream started after: what loading costs (the
 * extension's scripts starting, once per document) is not counted with the events.
 */
async function pageTime(
  owner: Browser | BrowserContext,
  server: SseServer,
  variant: Variant,
  extension?: ExtensionBrowser,
): Promise<Sample> {
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
          (id) =>
            (globalThis as unknown as { networkCapture(): { debugging: number[] } })
              .networkCapture()
              .debugging.includes(id),
          tabId,
        );
      for (let i = 0; i < 600 && network && !(await attached()); i++) await page.waitForTimeout(50);
    }
    const { reader } = variant;
    return await measureBurst(
      page,
      reader
        ? `${server.origin}/pages/bench-${reader.kind}.html?n=${reader.events}&manual`
        : `${server.origin}/pages/burst.html?n=${N}&size=${variant.size}&handler=${variant.handler}&work=${variant.work}&manual${variant.cpuBound ? `&hold=${HOLD_MS}` : ''}`,
      variant.cpuBound ? HOLD_MS : 0,
    );
  } finally {
    await page.close();
    await panel?.close();
  }
}

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
  /** The main thread's CPU time (burst and what was left for later), without and with, and what the extension adds per event. */
  cpuWithoutMs: number;
  cpuWithMs: number;
  cpuRatio: number;
  cpuAddedMicrosPerEvent: number;
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
      '/bench/sleep': sleepRoute,
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
  const plain = await launchPlainProfile();
  const extension = await launchWithExtension();
  const rows: PageCostRow[] = [];
  try {
    // BENCH_VARIANT runs only the variants whose name it matches, as a regular expression: `4 KB`, `^small, onmessage$|JSON`.
    const only = process.env.BENCH_VARIANT ? new RegExp(process.env.BENCH_VARIANT) : undefined;
    for (const variant of VARIANTS.filter((v) => !only || only.test(v.name))) {
      const without: Sample[] = [];
      const withExtension: Sample[] = [];
      await pageTime(plain.context, server, variant); // warm up both
      await pageTime(extension.context, server, variant, extension);
      for (let round = 0; round < ROUNDS; round++) {
        without.push(await pageTime(plain.context, server, variant));
        withExtension.push(await pageTime(extension.context, server, variant, extension));
      }
      const time = (list: { time: number }[]) => median(list.map((r) => r.time));
      const busy = (list: { busy: number }[]) => median(list.map((r) => r.busy));
      const cpu = (list: { cpu: number }[]) => median(list.map((r) => r.cpu));
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
        cpuWithoutMs: cpu(without),
        cpuWithMs: cpu(withExtension),
        cpuRatio: cpu(without) / cpu(withExtension),
        cpuAddedMicrosPerEvent: ((cpu(withExtension) - cpu(without)) * 1000) / events,
        rounds: { without: without.map((r) => r.time), with: withExtension.map((r) => r.time) },
      };
      rows.push(row);
      print(
        `${variant.reader ? 'B3' : 'B1'} ${row.variant.padEnd(26)} ${events} events  page time ${row.withoutMs.toFixed(0)} → ${row.withMs.toFixed(0)} ms, ratio ${row.ratio.toFixed(2)}; main thread busy ${row.busyWithoutMs.toFixed(0)} → ${row.busyWithMs.toFixed(0)} ms, ratio ${row.busyRatio.toFixed(2)}, ${row.addedMicrosPerEvent.toFixed(2)} µs/event added; CPU ${row.cpuWithoutMs.toFixed(0)} → ${row.cpuWithMs.toFixed(0)} ms, ratio ${row.cpuRatio.toFixed(2)}, ${row.cpuAddedMicrosPerEvent.toFixed(2)} µs/event added`,
      );
      if (process.env.BENCH_ROUNDS_SHOWN)
        print(
          `   CPU ms per round, without: ${without.map((r) => r.cpu.toFixed(0)).join(' ')}; with: ${withExtension.map((r) => r.cpu.toFixed(0)).join(' ')}`,
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
