/**
 * Faults that pace a live stream in Firefox (network capture on): held for as long as the user says (3 s here), then what was held
 * at once; or every chunk late by what the user says (700 ms). paced.html notes when each event reached it, by the clock
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
  /** Asks for a hold or a delay of `amount` (seconds for a hold, ms for a delay) in the form the item opens. */
  const fault = async (item: 'hold' | 'delay', amount: string) => {
    await panel.click('tr[data-connection="1"]', { button: 'right' });
    await panel.click(`[data-menu-item="fault-${item}"]`);
    const field = await panel.waitForSelector(`[data-amount-form="${item}"] [data-field="amount"]`);
    await field?.click({ count: 3 });
    await field?.type(amount);
    await panel.click('[data-action="amount"]');
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

test('hold 3 s: nothing passes, then what was held arrives at once', async ({ withAddon }) => {
  const paced = await openPaced(withAddon);
  try {
    const asked = Date.now();
    await paced.fault('hold', '3');
    const { b, c } = await paced.run();
    const opened = Date.now() - asked;
    // Written a second apart, from the gate on: both held until 3 s after the fault, then together.
    expect(b + opened).toBeGreaterThanOrEqual(3000);
    expect(c - b).toBeLessThan(300);
    expect(await detail(paced)).toBe('held for 3 s by SSE Scope');
  } finally {
    await paced.close();
  }
});

test('delay 700 ms: every chunk from then on arrives that much late', async ({ withAddon }) => {
  const paced = await openPaced(withAddon);
  try {
    await paced.fault('delay', '700');
    const { b, c } = await paced.run();
    expect(b).toBeGreaterThanOrEqual(700);
    expect(c).toBeGreaterThanOrEqual(1700);
    expect(c - b).toBeGreaterThanOrEqual(900);
    expect(await detail(paced)).toBe('every chunk delayed by 700 ms by SSE Scope');
    expect((await diagnose(paced.panel, 'networkCapture')).active).toBe(0);
  } finally {
    await paced.close();
  }
});

test('control: without a fault the server pace reaches the page', async ({ withAddon }) => {
  const paced = await openPaced(withAddon);
  try {
    const { b, c } = await paced.run();
    // The server's second apart, and `b` well before the 700 ms a delay would add.
    expect(b).toBeLessThan(650);
    expect(c - b).toBeGreaterThanOrEqual(900);
    expect(await paced.panel.$$('[data-lifecycle="fault"]')).toHaveLength(0);
  } finally {
    await paced.close();
  }
});
