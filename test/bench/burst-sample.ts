/** One measured burst on a page (B1's and `BENCH=builds`'s): the page's time, its main thread's busy and CPU time. */
import type { Page } from 'playwright-core';
import type { Route } from '../harness/sse-server';
import { busiestRendererMs, rendererMainThreadNs } from './processes';

export interface Sample {
  /** The page's time from its first event to its last. */
  time: number;
  /** The main thread's busy time from the stream's start to the last event, as the browser counts it (CDP TaskDuration, wall time of tasks). */
  busy: number;
  /** The main thread's time on a CPU from the stream's start to SETTLE_MS after the last event (the kernel's count). */
  cpu: number;
}

/** A whole burst, pre-built so the server only writes: each event with its own id, its data a JSON object of about `size` bytes. */
export function burst(count: number, size: number): string {
  const pad = 'x'.repeat(Math.max(0, size - 14));
  let text = '';
  for (let i = 1; i <= count; i++) text += `id: ${i}\ndata: {"i":${i},"p":"${pad}"}\n\n`;
  return text;
}

/**
 * After the last event, the page is left this long before its CPU time is read: what waits for
 * idle time counts (past the page hook's longest hold of an EventSource's queued events, 1 s).
 */
const SETTLE_MS = 2000;

/** A CPU-bound page's hold (burst.html `?hold`): a synchronous request answered `?ms` later. */
export const sleepRoute: Route = ({ url }) => ({
  stream: [{ wait: Number(url.searchParams.get('ms')) }, 'ok'],
  headers: { 'content-type': 'text/plain' },
});

/**
 * Loads a bench page opened with `?manual`, lets it settle, then starts its stream and measures
 * until its last event: what loading costs (the extension's scripts starting, once per document)
 * is not counted with the events. `holdMs`, the page's blocked wait, counts as busy but takes no
 * CPU, the same with and without: it is taken off.
 */
export async function measureBurst(page: Page, url: string, holdMs: number, settleMs = SETTLE_MS): Promise<Sample> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskMs = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  };
  await page.goto(url);
  await page.waitForTimeout(300);
  // The page calls this binding at its last event: the busy time is asked for at once, and the
  // renderer answers between two tasks, so that work left for after the burst is not counted as
  // the burst's (waiting for a poll of the page's result to come round counted it, up to ~100 ms).
  await cdp.send('Runtime.addBinding', { name: '__benchDone' });
  let busyAtEnd: Promise<number> | undefined;
  cdp.on('Runtime.bindingCalled', (event: { name: string }) => {
    if (event.name === '__benchDone') busyAtEnd ??= taskMs();
  });
  await cdp.send('Runtime.enable');
  const busyBefore = await taskMs();
  const cpuBefore = rendererMainThreadNs();
  await page.evaluate(() => (window as unknown as { __start(): void }).__start());
  const result = await page.waitForFunction(() => (window as { __result?: number }).__result, null, {
    timeout: 120_000,
  });
  // Pages that do not call the binding (replay's) are read once their result is seen.
  const busy = (await (busyAtEnd ?? taskMs())) - busyBefore - holdMs;
  // What was left for later (work done when the page is idle, batches sent after a few ms) counts too.
  await page.waitForTimeout(settleMs);
  const cpu = busiestRendererMs(cpuBefore, rendererMainThreadNs());
  return { time: (await result.jsonValue()) as number, busy, cpu };
}
