/**
 * One-line experiments: B1's burst on a plain Chromium and on several builds of the extension,
 * rounds interleaved, so that builds that differ in one line can be told apart on a noisy machine.
 * `BENCH=builds BUILDS=dir1,dir2 npm run bench` (each dir an unpacked build: copy `extension/` and
 * edit it). BENCH_EVENTS, BENCH_ROUNDS, BENCH_SIZE (bytes an event), BENCH_HANDLER (onmessage or
 * addEventListener); BENCH_WORK (none, read, json: what the page's handler does,
 * see burst.html) and BENCH_HOLD (ms the page is blocked while the burst comes in) choose the burst.
 * Prints, for each build, the page's time from first to last event, the main thread's busy time
 * and its CPU time from the kernel (up to 2 s after the last event): each a median with
 * its bootstrap 95% interval, and what the build adds per event (the median of the rounds' paired
 * differences to the plain browser, with its interval). Two builds are said to differ only when
 * their intervals do not overlap; otherwise "same within noise". BENCH_PANEL=1: a panel watches
 * each build's tab (the plain browser has none).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { requireChromium } from '../harness/find-chromium';
import { tabIdOf } from '../harness/launch';
import { startSseServer } from '../harness/sse-server';
import { burst, measureBurst, type Sample, sleepRoute } from './burst-sample';
import { differs, type Interval, median, medianInterval } from './stats';

/** The profiles made, removed at the end. */
const profiles: string[] = [];

async function launch(dir: string): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'sse-scope-builds-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: requireChromium(),
    headless: true,
    chromiumSandbox: false,
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    args: ['--no-first-run', ...(dir ? [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`] : [])],
  });
  profiles.push(profile);
  return context;
}

export async function compareBuilds(print: (line: string) => void): Promise<void> {
  const n = Number(process.env.BENCH_EVENTS ?? 50_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
  const hold = Number(process.env.BENCH_HOLD ?? 0);
  const work = process.env.BENCH_WORK ?? 'read';
  const builds = (process.env.BUILDS ?? '').split(',').filter(Boolean);
  const watched = process.env.BENCH_PANEL === '1';
  const size = Number(process.env.BENCH_SIZE ?? 16);
  const handler = process.env.BENCH_HANDLER ?? 'onmessage';
  const text = burst(n, size);
  const server = await startSseServer({
    pagesDir: new URL('../fixtures/pages/', import.meta.url).pathname,
    routes: {
      '/bench/burst': () => ({ stream: [text], holdMs: 30_000 }),
      '/bench/sleep': sleepRoute,
    },
  });
  const owners: { name: string; context: BrowserContext; samples: Sample[] }[] = [];
  for (const dir of ['', ...builds])
    owners.push({
      name: dir ? (dir.split('/').filter(Boolean).pop() ?? dir) : 'plain',
      context: await launch(dir),
      samples: [],
    });
  const run = async (context: BrowserContext): Promise<Sample> => {
    const page = await context.newPage();
    const panel = watched ? await watch(context, page, `${server.origin}/pages/index.html`) : undefined;
    try {
      const query = `n=${n}&size=${size}&handler=${handler}&manual&work=${work}${hold ? `&hold=${hold}` : ''}`;
      return await measureBurst(page, `${server.origin}/pages/burst.html?${query}`, hold);
    } finally {
      await page.close();
      await panel?.close();
    }
  };
  try {
    for (const owner of owners) await run(owner.context); // warm up
    for (let round = 0; round < rounds; round++)
      for (const owner of owners) owner.samples.push(await run(owner.context));
  } finally {
    for (const owner of owners) await owner.context.close();
    await server.close();
    for (const profile of profiles.splice(0)) rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  }
  const plain = owners[0] as (typeof owners)[number];
  const span = (i: Interval, digits = 0) =>
    `${i.median.toFixed(digits)} [${i.low.toFixed(digits)}–${i.high.toFixed(digits)}]`;
  for (const key of ['time', 'busy', 'cpu'] as const) {
    const intervals = new Map<string, Interval>();
    for (const owner of owners) {
      const values = owner.samples.map((s) => s[key]);
      const interval = medianInterval(values);
      intervals.set(owner.name, interval);
      // Paired by round (interleaved, so each pair saw the same moment of the machine).
      const added = medianInterval(owner.samples.map((s, i) => ((s[key] - (plain.samples[i]?.[key] ?? 0)) * 1000) / n));
      print(
        `${key.padEnd(5)} ${owner.name.padEnd(14)} ${span(interval)} ms, ratio ${(median(plain.samples.map((s) => s[key])) / interval.median).toFixed(2)}${owner === plain ? '' : `, ${span(added, 2)} µs/event added`}  [${values.map((v) => v.toFixed(0)).join(' ')}]`,
      );
    }
    const names = owners.slice(1).map((o) => o.name);
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) {
        const [a, b] = [names[i] as string, names[j] as string];
        const verdict = differs(intervals.get(a) as Interval, intervals.get(b) as Interval)
          ? 'DIFFERS'
          : 'same within noise';
        print(`${key.padEnd(5)} ${a} vs ${b}: ${verdict}`);
      }
  }
  print(
    `builds: ${n} events of ${size} B, ${handler}, work=${work}, hold ${hold} ms${watched ? ', a panel watching' : ''}; ${rounds} interleaved rounds; median [bootstrap 95% interval]; ratio = plain / build.`,
  );
}

/** Opens a panel on the page's tab (none in a browser without the extension); returns it. */
async function watch(context: BrowserContext, page: Page, url: string): Promise<Page | undefined> {
  const worker = context.serviceWorkers()[0];
  if (!worker) return undefined;
  await page.goto(url);
  const tabId = await tabIdOf({ worker }, page);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${new URL(worker.url()).host}/panel.html?tabId=${tabId}`);
  return panel;
}
