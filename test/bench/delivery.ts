/**
 * B2, completeness and latency: with the panel open, a page receives N events; every one must
 * reach the panel (count, and a checksum of the data), and the time from the page's dispatch to
 * the panel applying it is measured (p50, p95), at 1,000 events/s and at full speed.
 * B3, fetch streams: a page reads a `fetch` SSE stream of 200,000 events as fast as the server
 * sends it: its time from first to last chunk with and without the extension (rounds interleaved,
 * medians), and B2's figures for it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { type ExtensionBrowser, launchPlainProfile, launchWithExtension, tabIdOf } from '../harness/launch';
import { type SseServer, startSseServer } from '../harness/sse-server';
import { median } from './stats';

const FETCH_EVENTS = Number(process.env.BENCH_FETCH_EVENTS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

export interface DeliveryRow {
  name: string;
  events: number;
  received: number;
  checksumMatches: boolean;
  p50: number;
  p95: number;
  /** With network capture on: the bytes read from the network (EventSource) or dated on arrival (fetch), and the response's size. */
  network?: { bytes: number; expected: number };
}

export interface FetchCostRow {
  events: number;
  withoutMs: number;
  withMs: number;
  ratio: number;
}

/** A checksum both sides compute the same way: the sum of the data's char codes, mod 2^31. */
const CHECKSUM = `(list) => { let sum = 0; for (const text of list) for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) % 2147483647; return sum; }`;

function stream(count: number, gapEvery = 0, gapMs = 0): (string | { wait: number })[] {
  const steps: (string | { wait: number })[] = [];
  let part = '';
  for (let i = 1; i <= count; i++) {
    part += `id: ${i}\ndata: {"n":${i},"text":"event ${i}"}\n\n`;
    if (gapEvery > 0 && i % gapEvery === 0) {
      steps.push(part, { wait: gapMs });
      part = '';
    }
  }
  if (part) steps.push(part);
  return steps;
}

async function openWatchedPanel(extension: ExtensionBrowser, page: Page, network: boolean): Promise<Page> {
  const panel = await extension.context.newPage();
  const tabId = await tabIdOf(extension, page);
  await panel.goto(
    `chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}${network ? '&network=1' : ''}`,
  );
  await panel.waitForFunction(() => (globalThis as { sseScope?: unknown }).sseScope !== undefined);
  if (network) {
    // Until the debugger is attached to the tab, with its Network domain on.
    const attached = () =>
      extension.worker.evaluate(
        (id) =>
          (globalThis as unknown as { networkCapture(): { debugging: number[] } })
            .networkCapture()
            .debugging.includes(id),
        tabId,
      );
    for (let i = 0; i < 200 && !(await attached()); i++) await panel.waitForTimeout(50);
  }
  // Note when each event reaches the panel's store. (A string: tsx's keepNames would wrap a function.)
  await panel.evaluate(`(() => {
    const capture = globalThis.sseScope.store.capture;
    const add = capture.addRecords.bind(capture);
    globalThis.__latency = [];
    capture.addRecords = (docId, records) => {
      const now = performance.timeOrigin + performance.now();
      // Events, and for fetch the chunks their events are parsed from, as they reach the panel.
      for (const r of records) if (r.kind === 'event' || r.kind === 'chunk') globalThis.__latency.push(now - r.time);
      return add(docId, records);
    };
  })()`);
  return panel;
}

async function deliver(
  extension: ExtensionBrowser,
  server: SseServer,
  name: string,
  pagePath: string,
  count: number,
  network: number | undefined,
): Promise<DeliveryRow> {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openWatchedPanel(extension, page, network !== undefined);
  await panel.bringToFront();
  await page.goto(`${server.origin}${pagePath}`);
  // Polled by interval: the page is a background tab, where animation frames do not run.
  await page.waitForFunction(() => (window as { __done?: boolean }).__done === true, null, {
    timeout: 300_000,
    polling: 100,
  });
  const pageSum = (await page.evaluate(`(${CHECKSUM})(window.__data)`)) as number;
  await panel.waitForFunction(
    (n) =>
      (globalThis as unknown as { sseScope: { store: { capture: { events: unknown[] } } } }).sseScope.store.capture
        .events.length >= n,
    count,
    { timeout: 300_000, polling: 50 },
  );
  await panel.waitForTimeout(200);
  if (network !== undefined) {
    // The network's view comes apart from the page's: wait for the last bytes (or arrivals) too.
    const networkBytes = `globalThis.sseScope.store.capture.connections.reduce((sum, c) => sum + (c.kind === 'eventsource' ? c.chunks : c.arrivals).reduce((s, k) => s + k.size, 0), 0)`;
    await panel
      .waitForFunction(`${networkBytes} >= ${network}`, null, { timeout: 60_000, polling: 100 })
      .catch(() => undefined);
  }
  const result = (await panel.evaluate(`(() => {
    const capture = globalThis.sseScope.store.capture;
    const events = capture.events;
    const latency = [...globalThis.__latency].sort((a, b) => a - b);
    return {
      received: events.length,
      sum: (${CHECKSUM})(events.map((e) => e.data)),
      p50: latency[Math.floor(latency.length / 2)],
      p95: latency[Math.floor(latency.length * 0.95)],
      networkBytes: capture.connections.reduce((sum, c) => sum + (c.kind === 'eventsource' ? c.chunks : c.arrivals).reduce((s, k) => s + k.size, 0), 0),
    };
  })()`)) as { received: number; sum: number; p50: number; p95: number; networkBytes: number };
  await panel.close();
  await page.close();
  const row: DeliveryRow = {
    name,
    events: count,
    received: result.received,
    checksumMatches: result.sum === pageSum,
    p50: result.p50,
    p95: result.p95,
  };
  if (network !== undefined) row.network = { bytes: result.networkBytes, expected: network };
  return row;
}

/** The bytes of the bench stream of `count` events (what the server sends, and the network carries). */
const streamBytes = (count: number) =>
  stream(count).reduce((sum, step) => sum + (typeof step === 'string' ? Buffer.byteLength(step) : 0), 0);

async function fetchTime(owner: BrowserContext, server: SseServer): Promise<number> {
  const page = await owner.newPage();
  try {
    await page.goto(`${server.origin}/pages/bench-fetch.html?n=${FETCH_EVENTS}`);
    const result = await page.waitForFunction(() => (window as { __result?: number }).__result, null, {
      timeout: 300_000,
    });
    return (await result.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

export async function benchDelivery(
  print: (line: string) => void,
): Promise<{ delivery: DeliveryRow[]; fetchCost: FetchCostRow }> {
  const scripts = new Map<string, (string | { wait: number })[]>();
  const cached = (key: string, make: () => (string | { wait: number })[]) => {
    const steps = scripts.get(key) ?? make();
    scripts.set(key, steps);
    return steps;
  };
  const server = await startSseServer({
    pagesDir: new URL('../fixtures/pages/', import.meta.url).pathname,
    routes: {
      // Full speed: everything at once. Paced: 10 events every 10 ms, 1,000 events/s.
      '/bench/stream': ({ url }) => {
        const n = Number(url.searchParams.get('n'));
        const paced = url.searchParams.get('paced') === '1';
        return { stream: cached(`${n}/${paced}`, () => (paced ? stream(n, 10, 10) : stream(n))), holdMs: 60_000 };
      },
    },
  });
  const extension = await launchWithExtension();
  const plain = await launchPlainProfile();
  const delivery: DeliveryRow[] = [];
  try {
    const rows = [
      ['EventSource, 1,000 events/s', '/pages/bench-deliver.html?n=5000&paced=1', 5000],
      ['EventSource, full speed', '/pages/bench-deliver.html?n=50000', 50_000],
      ['fetch, 1,000 events/s', '/pages/bench-fetch.html?n=5000&paced=1&keep=1', 5000],
      [`fetch, full speed`, `/pages/bench-fetch.html?n=${FETCH_EVENTS}&keep=1`, FETCH_EVENTS],
    ] as const;
    // The same with network capture on (Chrome's debugger attached to the tab).
    // BENCH_ROWS=1,000 (say) runs only the rows whose name contains it, without network capture.
    const onlyRows = process.env.BENCH_ROWS;
    for (const network of onlyRows ? [false] : [false, true])
      for (const [name, path, n] of rows.filter(([name]) => !onlyRows || name.includes(onlyRows))) {
        const label = network ? `${name}, network` : name;
        const row = await deliver(extension, server, label, path, n, network ? streamBytes(n) : undefined);
        delivery.push(row);
        print(
          `B2 ${label.padEnd(37)} ${row.received}/${row.events} events, checksum ${row.checksumMatches ? 'equal' : 'DIFFERENT'}; latency p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms${row.network ? `; network ${row.network.bytes}/${row.network.expected} bytes` : ''}`,
        );
      }
    const without: number[] = [];
    const withExtension: number[] = [];
    await fetchTime(plain.context, server);
    await fetchTime(extension.context, server);
    for (let round = 0; round < ROUNDS; round++) {
      without.push(await fetchTime(plain.context, server));
      withExtension.push(await fetchTime(extension.context, server));
    }
    const fetchCost = {
      events: FETCH_EVENTS,
      withoutMs: median(without),
      withMs: median(withExtension),
      ratio: median(without) / median(withExtension),
    };
    print(
      `B3 fetch stream, ${FETCH_EVENTS} events: without ${fetchCost.withoutMs.toFixed(0)} ms, with ${fetchCost.withMs.toFixed(0)} ms, ratio ${fetchCost.ratio.toFixed(2)}`,
    );
    return { delivery, fetchCost };
  } finally {
    await extension.close();
    await plain.close();
    await server.close();
  }
}
