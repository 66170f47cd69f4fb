import type { ExtensionBrowser } from '../harness/launch';
import type { SseServer } from '../harness/sse-server';
import { AS_WITHOUT, lastEventIds, steps } from '../support/faults-page';
import { expect, test } from '../support/fixtures';
import { networkCapture, watchWithNetworkCapture } from '../support/network-capture';
import { waitUntilDone } from '../support/page-log';
import { eventCount } from '../support/panel';

/** faults.html in a watched tab with network capture on, once its two first events are in the panel. */
async function openFaults(extension: ExtensionBrowser, server: SseServer) {
  const run = await watchWithNetworkCapture(extension, `${server.origin}/pages/index.html`);
  await run.page.goto(`${server.origin}/pages/faults.html`);
  await expect.poll(() => eventCount(run.panel)).toBe(2);
  return run;
}

test('fail next reconnect: an extra error, then a retry with Last-Event-ID', async ({ extension, server }) => {
  const { page, panel } = await openFaults(extension, server);
  await panel.locator('tr[data-connection="1"]').click({ button: 'right' });
  await expect(panel.locator('[data-menu-item="fault-drop"]')).toBeDisabled();
  await expect(panel.locator('[data-menu-item="fault-drop"]')).toHaveAttribute('title', /Chrome lets an extension/);
  for (const paced of ['hold-5s', 'delay-500ms']) {
    await expect(panel.locator(`[data-menu-item="fault-${paced}"]`)).toBeDisabled();
    await expect(panel.locator(`[data-menu-item="fault-${paced}"]`)).toHaveAttribute('title', /hold or delay no/);
  }
  await panel.locator('[data-menu-item="fault-fail-next"]').click();
  await expect.poll(async () => (await networkCapture(extension)).faultsWaiting).toBe(1);
  server.open('faults-end');
  await waitUntilDone(page);
  // The failed attempt never reached the server: the retry after it resumed after id 2.
  expect(await steps(page)).toEqual([
    'open',
    'event a 1',
    'event b 2',
    'error 0',
    'error 0',
    'open',
    'event c 3',
    'error 0',
    'error 2',
  ]);
  expect(lastEventIds(server)).toEqual(['', '2', '3']);
  await expect(panel.locator('[data-lifecycle="fault"] [data-lifecycle-col="detail"]')).toHaveText(
    'reconnect failed by SSE Scope (a network error)',
  );
  expect((await networkCapture(extension)).faultsWaiting).toBe(0);
});

/** Faults that answer the next reconnect unsent, each with what its lifecycle row says. */
const ANSWERED = [
  ['fail-204', '204', 'reconnect answered 204 by SSE Scope'],
  ['fail-404', '404', 'reconnect answered 404 by SSE Scope'],
  ['fail-500', '500', 'reconnect answered 500 by SSE Scope'],
  ['wrong-type', 'text/plain', 'reconnect answered as text/plain by SSE Scope'],
] as const;

for (const [item, answer, row] of ANSWERED) {
  test(`answer next reconnect ${answer}: the EventSource fails for good, no request`, async ({ extension, server }) => {
    const { page, panel } = await openFaults(extension, server);
    await panel.locator('tr[data-connection="1"]').click({ button: 'right' });
    await panel.locator(`[data-menu-item="fault-${item}"]`).click();
    await expect.poll(async () => (await networkCapture(extension)).faultsWaiting).toBe(1);
    server.open('faults-end');
    await waitUntilDone(page);
    // The HTML spec fails the connection on any status but 200, and on a 200 whose Content-Type is
    // not text/event-stream: closed (2), and no retry.
    expect(await steps(page)).toEqual(['open', 'event a 1', 'event b 2', 'error 0', 'error 2']);
    expect(lastEventIds(server)).toEqual(['']);
    await expect(panel.locator('[data-lifecycle="fault"] [data-lifecycle-col="detail"]')).toHaveText(row);
    expect((await networkCapture(extension)).faultsWaiting).toBe(0);
  });
}

test('control: without a fault the same page reconnects once, as before', async ({ extension, server }) => {
  const { page, panel } = await openFaults(extension, server);
  server.open('faults-end');
  await waitUntilDone(page);
  expect(await steps(page)).toEqual(AS_WITHOUT);
  expect(lastEventIds(server)).toEqual(['', '2', '3']);
  await expect(panel.locator('[data-lifecycle="fault"]')).toHaveCount(0);
});
