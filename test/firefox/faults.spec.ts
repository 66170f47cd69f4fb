/**
 * Faults on a live connection in Firefox (network capture on): the stream filter drops the page's
 * live EventSource, which fires `error` and reconnects with Last-Event-ID without the server ever
 * ending the stream. The control runs the same page without the fault: it reconnects only once the
 * server ends the stream. Its next reconnect can also be broken as it opens.
 */
import type { Browser, Page } from 'puppeteer-core';
import { eventCount } from '../harness/panel-reader';
import type { SseServer } from '../harness/sse-server';
import { AS_WITHOUT, lastEventIds, steps } from '../support/faults-page';
import { diagnose } from '../support/firefox-driver';
import { waitUntilDone } from '../support/page-log';
import { expect, setNetworkCapture, test, watchedWithNetworkCapture } from './fixtures';

/** faults.html in a tab a panel watches with network capture on, once its two first events are in the panel. */
async function openFaults(browser: Browser) {
  const { server, page, panel } = await watchedWithNetworkCapture(browser);
  await page.goto(`${server.origin}/pages/faults.html`);
  await expect.poll(() => eventCount(panel)).toBe(2);
  return { server, page, panel };
}

async function closeAll(run: { server: SseServer; page: Page; panel: Page }): Promise<void> {
  await setNetworkCapture(run.panel, false);
  await run.panel.close();
  await run.page.close();
  await run.server.close();
}

test('drop now: the page errs and resumes with Last-Event-ID, the stream held', async ({ withAddon }) => {
  const run = await openFaults(withAddon);
  try {
    await run.panel.click('tr[data-connection="1"]', { button: 'right' });
    await run.panel.click('[data-menu-item="fault-drop"]');
    // The server never ended the first response (its gate stays shut): the drop did.
    await waitUntilDone(run.page);
    expect(await steps(run.page)).toEqual(AS_WITHOUT);
    expect(lastEventIds(run.server)).toEqual(['', '2', '3']);
    await expect
      .poll(() =>
        run.panel.evaluate(
          () => document.querySelector('[data-lifecycle="fault"] [data-lifecycle-col="detail"]')?.textContent,
        ),
      )
      .toBe('dropped by SSE Scope');
  } finally {
    run.server.open('faults-end');
    await closeAll(run);
  }
});

test('cut next reconnect: it opens, breaks, and retries with the same id', async ({ withAddon }) => {
  const run = await openFaults(withAddon);
  try {
    await run.panel.click('tr[data-connection="1"]', { button: 'right' });
    const reasons = await run.panel.$$eval(
      '[data-menu-item="fault-fail-next"], [data-menu-item="fault-fail-204"]',
      (els) => els.map((e) => [(e as HTMLButtonElement).disabled, e.getAttribute('title')?.slice(0, 26)]),
    );
    expect(reasons).toEqual([
      [true, "Firefox's EventSource give"],
      [true, 'Firefox lets an extension '],
    ]);
    await run.panel.click('[data-menu-item="fault-cut-next"]');
    await expect.poll(async () => (await diagnose(run.panel, 'networkCapture')).faultsWaiting).toBe(1);
    run.server.open('faults-end');
    await waitUntilDone(run.page);
    // The cut reconnect opened with no event, broke, and the next resumed after id 2 again.
    expect(await steps(run.page)).toEqual([
      'open',
      'event a 1',
      'event b 2',
      'error 0',
      'open',
      'error 0',
      'open',
      'event c 3',
      'error 0',
      'error 2',
    ]);
    expect(lastEventIds(run.server)).toEqual(['', '2', '2', '3']);
    await expect
      .poll(() =>
        run.panel.evaluate(
          () => document.querySelector('[data-lifecycle="fault"] [data-lifecycle-col="detail"]')?.textContent,
        ),
      )
      .toBe('reconnect broken by SSE Scope as it opened');
    expect((await diagnose(run.panel, 'networkCapture')).faultsWaiting).toBe(0);
  } finally {
    await closeAll(run);
  }
});

test('control: without a fault the stream waits for its server, then resumes', async ({ withAddon }) => {
  const run = await openFaults(withAddon);
  try {
    // Held at the gate: the first response ends, and the second request comes, only once the
    // server opens it (the server's own times say so, with no sleep to wait out).
    const opened = Date.now();
    run.server.open('faults-end');
    await waitUntilDone(run.page);
    expect(await steps(run.page)).toEqual(AS_WITHOUT);
    expect(lastEventIds(run.server)).toEqual(['', '2', '3']);
    const [first, second] = run.server.requests.filter((r) => r.path === '/sse/faults');
    expect(first?.endedAt).toBeGreaterThanOrEqual(opened);
    expect(second?.at).toBeGreaterThanOrEqual(opened);
    expect(await run.panel.$$('[data-lifecycle="fault"]')).toHaveLength(0);
  } finally {
    await closeAll(run);
  }
});
