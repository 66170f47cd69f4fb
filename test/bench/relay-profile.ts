/**
 * Where the relay's time goes under a burst: a CPU profile of the page's main thread (the page and
 * the relay's isolated world share it) while a page receives a burst of EventSource events, with
 * the extension loaded and no panel, summed by function, the extension's code apart from the
 * browser's own. `BENCH=profile npm run bench` prints it; BENCH_EVENTS, BENCH_SIZE, BENCH_HANDLER
 * BENCH_WORK, BENCH_HOLD and BENCH_PANEL=1 choose the burst.
 */
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../harness/launch';
import { startSseServer } from '../harness/sse-server';
import { tabIdOf } from '../support/panel';
import { sleepRoute } from './burst-sample';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export async function profileRelay(print: (line: string) => void): Promise<void> {
  const n = Number(process.env.BENCH_EVENTS ?? 50_000);
  const size = Number(process.env.BENCH_SIZE ?? 16);
  const handler = process.env.BENCH_HANDLER ?? 'onmessage';
  // BENCH_WORK: what the page's handler does with each event (`none`, `read`, `json`; see burst.html).
  const work = process.env.BENCH_WORK ?? 'read';
  // BENCH_HOLD: ms the page is blocked while the burst comes in (CPU-bound, with BENCH_WORK=json).
  const hold = Number(process.env.BENCH_HOLD ?? 0);
  // Each event's data a JSON object of about `size` bytes, as B1's.
  const pad = 'x'.repeat(Math.max(0, size - 14));
  let text = '';
  // BENCH_IDS: `each` (a number per event, the default), `named` (e1, e2…), `same` (one id, repeated), `none`.
  const ids = process.env.BENCH_IDS ?? 'each';
  const idOf = (i: number) => (ids === 'same' ? '7' : ids === 'named' ? `e${i}` : String(i));
  for (let i = 1; i <= n; i++) text += `${ids === 'none' ? '' : `id: ${idOf(i)}\n`}data: {"i":${i},"p":"${pad}"}\n\n`;
  const server = await startSseServer({
    pagesDir: new URL('../fixtures/pages/', import.meta.url).pathname,
    routes: {
      '/bench/burst': () => ({ stream: [text], holdMs: 30_000 }),
      '/bench/sleep': sleepRoute,
    },
  });
  const extension = await launchWithExtension();
  let panel: Page | undefined;
  try {
    const page = await extension.context.newPage();
    await page.goto(`${server.origin}/pages/index.html`);
    if (process.env.BENCH_PANEL === '1') {
      panel = await extension.context.newPage();
      await panel.goto(
        `chrome-extension://${extension.extensionId}/panel.html?tabId=${await tabIdOf(extension, page)}`,
      );
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(
      `${server.origin}/pages/burst.html?n=${n}&size=${size}&handler=${handler}&work=${work}${hold ? `&hold=${hold}` : ''}`,
    );
    await page.waitForFunction(() => (window as { __result?: number }).__result, null, { timeout: 120_000 });
    // The relay's batches flush a few ms after the last event.
    await page.waitForTimeout(200);
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
    };
    const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
    const self = new Map<string, number>();
    let extensionTotal = 0;
    let total = 0;
    for (const node of profile.nodes) {
      const { functionName, url, lineNumber } = node.callFrame;
      const us = (node.hitCount ?? 0) * interval;
      if (functionName === '(idle)' || functionName === '(program)') continue;
      total += us;
      const ours = url.startsWith('chrome-extension://');
      if (ours) extensionTotal += us;
      const key = `${ours ? 'ext ' : '    '}${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + us);
    }
    print(
      `relay profile: ${n} events of ${size} B (${handler}); busy ${(total / 1000).toFixed(0)} ms, of it in the extension's code ${(extensionTotal / 1000).toFixed(0)} ms = ${(extensionTotal / n).toFixed(2)} µs/event`,
    );
    for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
      print(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${(us / n).toFixed(3).padStart(6)} µs/event  ${key}`);
  } finally {
    await panel?.close();
    await extension.close();
    await server.close();
  }
}
