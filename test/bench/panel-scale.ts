/**
 * The panel at scale: a real page receives N events (100k, and 1M unless BENCH_PANEL_MAX is lower)
 * over one EventSource, over two (half each), or over fetch, then the panel is opened on its tab.
 * Measured: the time until the panel shows its first rows and until it shows all N (medians of
 * several openings), the page's longest stall meanwhile (its timers' longest late run: what the
 * page feels of the backlog being sent), a text and a regex filter's latency (input to the table
 * updated and painted), scroll frame times, and the panel's JS heap after a GC. A capture file of
 * 1M events imported: first rows and all shown. And live: with the panel open in front, a page
 * receives 100k events; how long after the page's last event the panel shows them all, and the
 * panel's frame times meanwhile.
 */
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchWithExtension, tabIdOf } from '../harness/launch';
import { type SseServer, startSseServer } from '../harness/sse-server';
import { type ImportRow, measureImport } from './import-scale';
import { heapOf, shownAfter } from './panel-probes';
import { median } from './stats';

const MAX = Number(process.env.BENCH_PANEL_MAX ?? 1_000_000);
/** What the page reads its events with: the largest size is measured over each, the filters and scroll over the first. */
const VIAS = [
  { name: 'EventSource', streams: 1, via: 'eventsource' },
  { name: 'two EventSources', streams: 2, via: 'eventsource' },
  { name: 'fetch', streams: 1, via: 'fetch' },
] as const;
type Via = (typeof VIAS)[number];
const SIZES = [...new Set([Math.min(100_000, MAX), MAX])];
const FILTER_ROUNDS = 5;
const SHOWN_ROUNDS = 7;

export interface PanelRow {
  events: number;
  via: string;
  /** The first rows shown, and all, after the panel opened (medians of the openings). */
  firstMs: number;
  shownMs: number;
  /** Every opening's time, in order. */
  shownRuns: number[];
  /** The page's longest stall while the panel loaded (the longest of the openings). */
  pageStallMs: number;
  filters: { name: string; query: string; matches: number; ms: number }[];
  scroll?: { frames: number; p50: number; p95: number; max: number };
  heapMB: number;
}

function feed(count: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= count; i++) {
    const type = i % 10 === 0 ? 'event: tick\n' : '';
    parts.push(`${type}id: ${i}\ndata: {"n":${i},"user":"user-${i % 97}","text":"event ${i}"}\n\n`);
  }
  return parts.join('');
}

/** Types a filter and times it until the table shows `expected` rows and a frame is painted. */
async function filterLatency(panel: Page, query: string, expected: number): Promise<number> {
  return panel.evaluate(
    async ({ query, expected }) => {
      const input = document.querySelector<HTMLInputElement>('[data-action="filter"]');
      const table = document.querySelector('.events');
      if (!input || !table) throw new Error('no panel');
      const start = performance.now();
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // (No named functions in here: tsx's keepNames would wrap them in a helper the page lacks.)
      while (table.getAttribute('aria-rowcount') !== String(expected))
        await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - start;
    },
    { query, expected },
  );
}

/** Scrolls the table by a screenful per frame from the top, and returns the frame intervals. */
async function scrollFrames(panel: Page): Promise<number[]> {
  return panel.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('.scroller');
    if (!scroller) throw new Error('no table');
    scroller.scrollTop = 0;
    const intervals: number[] = [];
    let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    for (let frame = 0; frame < 180; frame++) {
      scroller.scrollTop += frame < 90 ? 400 : 25_000;
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      intervals.push(now - last);
      last = now;
    }
    return intervals;
  });
}

/** Starts the page's stall watch (a 10 ms timer; how late it ran at most), and reads it. */
const watchStalls = (page: Page) =>
  page.evaluate(`window.__stall = 0; {
    let last = performance.now();
    window.__stallTimer = setInterval(() => { const now = performance.now(); window.__stall = Math.max(window.__stall, now - last - 10); last = now; }, 10);
  }`);
const readStall = async (page: Page) =>
  (await page.evaluate('clearInterval(window.__stallTimer), window.__stall')) as number;

async function measure(
  extension: ExtensionBrowser,
  server: SseServer,
  count: number,
  via: Via,
  full: boolean,
): Promise<PanelRow> {
  const page = await extension.context.newPage();
  await page.goto(
    `${server.origin}/pages/bench-feed.html?n=${count / via.streams}&streams=${via.streams}&via=${via.via}`,
  );
  await page.waitForFunction(() => (window as { __result?: number }).__result, null, { timeout: 600_000 });
  const tabId = await tabIdOf(extension, page);
  // The panel is opened several times on the same capture; the median time is quoted.
  const shown: number[] = [];
  const first: number[] = [];
  let pageStallMs = 0;
  let panel: Page | undefined;
  for (let round = 0; round < (count > 100_000 ? 5 : SHOWN_ROUNDS); round++) {
    await panel?.close();
    panel = await extension.context.newPage();
    await watchStalls(page);
    const opened = Date.now();
    await panel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}`);
    const times = await shownAfter(panel, count, opened);
    first.push(times.first);
    shown.push(times.all);
    pageStallMs = Math.max(pageStallMs, await readStall(page));
  }
  if (!panel) throw new Error('no panel');
  const shownMs = median(shown);
  const queries = [
    { name: 'text, 1 match', query: `"event ${count - 7}"`, matches: 1 },
    { name: 'text, 1% match', query: '"user-42"', matches: Math.floor((count + 97 - 42) / 97) },
    { name: 'regex, 10% match', query: '/"n":\\d*7,/', matches: count / 10 },
    { name: 'clear the filter', query: '', matches: count },
  ];
  const filters = [];
  for (const { name, query, matches } of full ? queries : []) {
    const times: number[] = [];
    for (let round = 0; round < FILTER_ROUNDS; round++) {
      times.push(await filterLatency(panel, query, matches));
      // Back to the previous state so every round does the same work.
      // (user-96: no other user's name contains it, since quoted terms became plain text.)
      await filterLatency(panel, query === '' ? '"user-96"' : '', query === '' ? Math.floor((count + 1) / 97) : count);
    }
    filters.push({ name, query, matches, ms: median(times) });
  }

  const intervals = full ? await scrollFrames(panel) : [];
  const sorted = [...intervals].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] as number;
  const heapMB = await heapOf(extension, panel);
  await panel.close();
  await page.close();
  return {
    events: count,
    via: via.name,
    firstMs: median(first),
    shownMs,
    shownRuns: shown,
    pageStallMs,
    filters,
    ...(full
      ? {
          scroll: {
            frames: intervals.length,
            p50: pick(0.5),
            p95: pick(0.95),
            max: sorted[sorted.length - 1] as number,
          },
        }
      : {}),
    heapMB,
  };
}

export interface LiveRow {
  events: number;
  pageMs: number;
  panelLagMs: number;
  frames: { count: number; p50: number; p95: number; max: number };
}

async function measureLive(extension: ExtensionBrowser, server: SseServer, count: number): Promise<LiveRow> {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const tabId = await tabIdOf(extension, page);
  const panel = await extension.context.newPage();
  await panel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}`);
  await panel.waitForSelector('[role="status"]');
  // A string, not a function: tsx's keepNames would wrap a named function in a helper the page lacks.
  await panel.evaluate(`window.__frames = []; {
    let last = performance.now();
    const frame = (now) => { window.__frames.push(now - last); last = now; if (!window.__stop) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  }`);
  const started = Date.now();
  await page.goto(`${server.origin}/pages/bench-feed.html?n=${count}`);
  await panel.bringToFront();
  await page.waitForFunction(() => (window as { __result?: number }).__result, null, { timeout: 300_000 });
  const pageMs = Date.now() - started;
  await panel.waitForFunction(
    (n) => document.querySelector('.events')?.getAttribute('aria-rowcount') === String(n),
    count,
    { timeout: 300_000, polling: 10 },
  );
  const panelLagMs = Date.now() - started - pageMs;
  const frames = (await panel.evaluate('window.__stop = true, window.__frames')) as number[];
  const sorted = [...frames].sort((a, b) => a - b);
  await panel.close();
  await page.close();
  return {
    events: count,
    pageMs,
    panelLagMs,
    frames: {
      count: frames.length,
      p50: sorted[Math.floor(sorted.length / 2)] as number,
      p95: sorted[Math.floor(sorted.length * 0.95)] as number,
      max: sorted[sorted.length - 1] as number,
    },
  };
}

export async function benchPanel(
  print: (line: string) => void,
): Promise<{ scale: PanelRow[]; live: LiveRow; imports: ImportRow[] }> {
  const feeds = new Map<number, string>();
  const server = await startSseServer({
    pagesDir: new URL('../fixtures/pages/', import.meta.url).pathname,
    routes: {
      '/bench/feed': ({ url }) => {
        const n = Number(url.searchParams.get('n'));
        const text = feeds.get(n) ?? feed(n);
        feeds.set(n, text);
        return { stream: [text], holdMs: 60_000 };
      },
    },
  });
  const extension = await launchWithExtension({ viewport: { width: 1280, height: 800 } });
  const rows: PanelRow[] = [];
  const imports: ImportRow[] = [];
  let live: LiveRow;
  try {
    live = await measureLive(extension, server, 100_000);
    print(
      `B4 live: panel open while a page receives ${live.events.toLocaleString('en-US')} events in ${live.pageMs} ms; all shown ${live.panelLagMs} ms after the page's last; panel frames p50 ${live.frames.p50.toFixed(1)} ms, p95 ${live.frames.p95.toFixed(1)} ms, max ${live.frames.max.toFixed(1)} ms`,
    );
    const runs = SIZES.flatMap((count) =>
      count === MAX ? VIAS.map((via, i) => ({ count, via, full: i === 0 })) : [{ count, via: VIAS[0], full: true }],
    );
    for (const { count, via, full } of runs) {
      const row = await measure(extension, server, count, via, full);
      rows.push(row);
      const n = count.toLocaleString('en-US');
      print(
        `B4 panel, ${n} events over ${via.name}: first rows ${row.firstMs} ms, all shown ${row.shownMs} ms (median of ${row.shownRuns.length}: ${row.shownRuns.join(', ')}); page's longest stall ${row.pageStallMs.toFixed(0)} ms; JS heap ${row.heapMB.toFixed(0)} MB`,
      );
      for (const filter of row.filters)
        print(
          `B4   filter ${filter.name.padEnd(17)} ${String(filter.matches).padStart(8)} rows  ${filter.ms.toFixed(1)} ms`,
        );
      if (row.scroll)
        print(
          `B4   scroll: ${row.scroll.frames} frames, p50 ${row.scroll.p50.toFixed(1)} ms, p95 ${row.scroll.p95.toFixed(1)} ms, max ${row.scroll.max.toFixed(1)} ms`,
        );
    }
    const imported = await measureImport(extension, server, MAX);
    imports.push(imported);
    print(
      `B4 import, ${MAX.toLocaleString('en-US')} events (${imported.fileMB.toFixed(0)} MB capture file): first rows ${imported.firstMs} ms, all shown ${imported.shownMs} ms (median of 3: ${imported.runs.join(', ')})`,
    );
  } finally {
    await extension.close();
    await server.close();
  }
  return { scale: rows, live, imports };
}
