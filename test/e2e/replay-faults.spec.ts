/**
 * Faults on a connection a replay rule answers: the page hook plays it, so Chrome, whose debugger
 * cannot drop, hold or write into a live response, does them all here — an event injected between
 * the recording's, the response dropped (the stand-in reconnects after `retry` and plays the next
 * response), and the next reconnect answered 204 (it fails for good). Each is a lifecycle row.
 */
import type { Page } from 'playwright-core';
import type { ReplayRule } from '../../src/core/replay-rule';
import { expect, test } from '../support/fixtures';
import { openPanel, tabIdOf } from '../support/panel';
import { setRulesHeard } from '../support/replay';

type Probe = { log: { type: string; data?: string; rs?: number }[] };

function longRule(match: string): ReplayRule {
  const events = (from: number, n: number, gap: number) =>
    Array.from({ length: n }, (_, i) => ({ at: i * gap, text: `id: ${from + i}\ndata: e${from + i}\n\n` }));
  return {
    id: 'long',
    name: 'long',
    on: true,
    match,
    pace: 'x1',
    retry: 200,
    responses: [
      { status: 200, contentType: 'text/event-stream', chunks: events(1, 20, 300), end: { at: 6000, how: 'close' } },
      { status: 200, contentType: 'text/event-stream', chunks: events(100, 3, 100), end: { at: 400, how: 'close' } },
      { status: 200, contentType: 'text/event-stream', chunks: events(200, 50, 100), end: { at: 5000, how: 'close' } },
    ],
  };
}

/** The replayed stream's row (the rules' readiness probe has one too). */
const streamRow = (panel: Page) => panel.locator('tr[data-connection]').filter({ hasText: '/sse/' });

async function menu(panel: Page, item: string): Promise<void> {
  await streamRow(panel).click({ button: 'right' });
  await expect(panel.locator(`[data-menu-item="${item}"]`)).toBeEnabled();
  await panel.locator(`[data-menu-item="${item}"]`).click();
}

test('faults on a replayed EventSource: inject, drop, then a 204 on reconnect', async ({ extension, server }) => {
  test.setTimeout(60_000);
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/replay-probe.html`);
  const tabId = await tabIdOf(extension, page);
  const panel = await openPanel(extension, tabId);
  await setRulesHeard(panel, page, tabId, [longRule(`${server.origin}/sse/long-replay`)]);
  await page.evaluate(() => {
    const w = window as unknown as { probing: unknown; probe(u: string): unknown };
    w.probing = w.probe('/sse/long-replay');
  });
  const heard = () =>
    page.evaluate(() =>
      (window as unknown as { probing: Probe }).probing.log.map((e) =>
        e.type === 'message' ? e.data : `${e.type}${e.rs ?? ''}`,
      ),
    );
  await expect(streamRow(panel)).toBeVisible();

  await menu(panel, 'fault-inject');
  await panel.locator('[data-field="inject-type"]').fill('');
  await panel.locator('[data-field="inject-data"]').fill('injected');
  await panel.locator('[data-action="inject"]').click();
  await expect.poll(() => panel.locator('[data-lifecycle="fault"]').count()).toBe(1);
  await page.waitForTimeout(400);
  await menu(panel, 'fault-drop');
  await expect.poll(() => panel.locator('[data-lifecycle="fault"]').count()).toBe(2);
  // The reconnect after the drop plays the second response; armed while it plays, the 204 meets the next.
  await expect.poll(heard).toContain('e100');
  await menu(panel, 'fault-fail-204');
  await page.evaluate(() => (window as unknown as { probing: { done: Promise<unknown> } }).probing.done);
  const seen = await heard();
  const injected = seen.indexOf('injected');
  const dropped = seen.indexOf('error0');
  expect(injected).toBeGreaterThan(1);
  expect(dropped).toBeGreaterThan(injected);
  // Dropped mid-recording: e20 never came; the second response did, then the armed 204 failed it.
  expect(seen).not.toContain('e20');
  expect(seen.slice(dropped)).toEqual(['error0', 'open1', 'e100', 'e101', 'e102', 'error0', 'error2']);
  await expect(panel.locator('[data-lifecycle="fault"]')).toHaveCount(3);
});

test('faults on a replayed fetch: a character split across two reads, then a drop', async ({ extension, server }) => {
  test.setTimeout(60_000);
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const tabId = await tabIdOf(extension, page);
  const panel = await openPanel(extension, tabId);
  const chunks = [0, 2500, 5000, 8000].map((at, i) => ({ at, text: `data: café ${i}\n\n` }));
  const rule: ReplayRule = {
    ...longRule(`${server.origin}/sse/fetch-replay`),
    responses: [{ status: 200, contentType: 'text/event-stream', chunks, end: { at: 9000, how: 'close' } }],
  };
  await setRulesHeard(panel, page, tabId, [rule]);
  await page.evaluate(() => {
    const reads: (number | string)[] = [];
    (window as unknown as { reads: unknown }).reads = reads;
    void fetch('/sse/fetch-replay').then(async (response) => {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          reads.push(value.byteLength);
        }
        reads.push('done');
      } catch (error) {
        reads.push(`${(error as Error).name}: ${(error as Error).message}`);
      }
    });
  });
  const reads = () => page.evaluate(() => (window as unknown as { reads: (number | string)[] }).reads);
  await expect.poll(reads).toEqual([15]);
  await expect(streamRow(panel)).toBeVisible();
  await menu(panel, 'fault-split-char');
  // "data: caf" and the first byte of é, then the rest: the reader gets the 15 bytes in two reads.
  await expect.poll(reads).toEqual([15, 10, 5]);
  await menu(panel, 'fault-drop');
  await expect.poll(reads).toEqual([15, 10, 5, 'TypeError: network error']);
  await expect(panel.locator('[data-lifecycle="fault"]')).toHaveCount(2);
});
