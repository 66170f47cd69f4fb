/**
 * Faults that pace a live stream in Firefox (network capture on): held for 5 s, then what was held
 * at once; or every chunk 500 ms late. paced.html notes when each event reached it, by the clock
 * the test reads; the server writes `b` once the test opens its gate, and `c` a second later. The
 * control runs the same page without a fault: the server's pace reaches the page.
 */
import type { Browser } from 'puppeteer-core';
import { eventCount } from '../harness/panel-reader';
import { diagnose } from '../support/firefox-driver';
import { waitUntilDone } from '../support/page-log';
import { expect, setNetworkCapture, test, watchedWithNetworkCapture } from './fixtures';

async function openPaced(browser: Browser) {
  const { server, page, panel } = await watchedWithNetworkCapture(browser);
  await page.goto(`${server.origin}/pages/paced.html`);
  await expect.poll(() => eventCount(panel)).toBe(1);
  /** Opens the gate, waits for the page to finish; when `b` and `c` reached it, after the gate opened. */
  const run = async () => {
    const opened = Date.now();
    server.open('paced-go');
    await waitUntilDone(page);
    const times = await page.evaluate(() => (window as unknown as { __times: [string, number][] }).__times);
    expect(times.map(([data]) => data)).toEqual(['a', 'b', 'c']);
    expect(server.requests.filter((r) => r.path === '/sse/paced')).toHaveLength(2);
    return { b: (times[1]?.[1] ?? 0) - opened, c: (times[2]?.[1] ?? 0) - opened };
  };
  const fault = async (item: string) => {
    await panel.click('tr[data-connection="1"]', { button: 'right' });
    await panel.click(`[data-menu-item="fault-${item}"]`);
    await expect.poll(async () => (await panel.$$('[data-lifecycle="fault"]')).length).toBe(1);
  };
  const close = async () => {
    await setNetworkCapture(panel, false);
    await panel.close();
    await page.close();
    await server.close();
  };
  return { panel, run, fault, close };
}

const detail = (paced: Awaited<ReturnType<typeof openPaced>>) =>
  paced.panel.$eval('[data-lifecycle="fault"] [data-lifecycle-col="detail"]', (e) => e.textContent);

test('hold 5 s: nothing passes, then what was held arrives at once', async ({ withAddon }) => {
  const paced = await openPaced(withAddon);
  try {
    const asked = Date.now();
    await paced.fault('hold-5s');
    const { b, c } = await paced.run();
    const opened = Date.now() - asked;
    // Written a second apart, from the gate on: both held until 5 s after the fault, then together.
    expect(b + opened).toBeGreaterThanOrEqual(5000);
    expect(c - b).toBeLessThan(300);
    expect(await detail(paced)).toBe('held for 5 s by SSE Scope');
  } finally {
    await paced.close();
  }
});

test('delay 500 ms: every chunk from then on arrives half a second late', async ({ withAddon }) => {
  const paced = await openPaced(withAddon);
  try {
    await paced.fault('delay-500ms');
    const { b, c } = await paced.run();
    expect(b).toBeGreaterThanOrEqual(500);
    expect(c).toBeGreaterThanOrEqual(1500);
    expect(c - b).toBeGreaterThanOrEqual(900);
    expect(await detail(paced)).toBe('every chunk delayed by 500 ms by SSE Scope');
    expect((await diagnose(paced.panel, 'networkCapture')).active).toBe(0);
  } finally {
    await paced.close();
  }
});

test('control: without a fault the server pace reaches the page', async ({ withAddon }) => {
  const paced = await openPaced(withAddon);
  try {
    const { b, c } = await paced.run();
    // The server's second apart, and `b` well before the half-second a delay would add.
    expect(b).toBeLessThan(450);
    expect(c - b).toBeGreaterThanOrEqual(900);
    expect(await paced.panel.$$('[data-lifecycle="fault"]')).toHaveLength(0);
  } finally {
    await paced.close();
  }
});
