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

for (const status of [204, 404, 500]) {
  test(`answer next reconnect ${status}: the EventSource fails for good, no request`, async ({ extension, server }) => {
    const { page, panel } = await openFaults(extension, server);
    await panel.locator('tr[data-connection="1"]').click({ button: 'right' });
    await panel.locator(`[data-menu-item="fault-fail-${status}"]`).click();
    await expect.poll(async () => (await networkCapture(extension)).faultsWaiting).toBe(1);
    server.open('faults-end');
    await waitUntilDone(page);
    // The HTML spec fails the connection on any status but 200: closed (2), and no retry.
    expect(await steps(page)).toEqual(['open', 'event a 1', 'event b 2', 'error 0', 'error 2']);
    expect(lastEventIds(server)).toEqual(['']);
    await expect(panel.locator('[data-lifecycle="fault"] [data-lifecycle-col="detail"]')).toHaveText(
      `reconnect answered ${status} by SSE Scope`,
    );
    expect((await networkCapture(extension)).faultsWaiting).toBe(0);
  });
}

test('next reconnect answered as text/plain: the EventSource fails for good', async ({ extension, server }) => {
  const { page, panel } = await openFaults(extension, server);
  await panel.locator('tr[data-connection="1"]').click({ button: 'right' });
  await panel.locator('[data-menu-item="fault-wrong-type"]').click();
  await expect.poll(async () => (await networkCapture(extension)).faultsWaiting).toBe(1);
  server.open('faults-end');
  await waitUntilDone(page);
  // A 200 whose Content-Type is not text/event-stream fails the connection too: closed, no retry.
  expect(await steps(page)).toEqual(['open', 'event a 1', 'event b 2', 'error 0', 'error 2']);
  expect(lastEventIds(server)).toEqual(['']);
  await expect(panel.locator('[data-lifecycle="fault"] [data-lifecycle-col="detail"]')).toHaveText(
    'reconnect answered as text/plain by SSE Scope',
  );
});

test('control: without a fault the same page reconnects once, as before', async ({ extension, server }) => {
  const { page, panel } = await openFaults(extension, server);
  server.open('faults-end');
  await waitUntilDone(page);
  expect(await steps(page)).toEqual(AS_WITHOUT);
  expect(lastEventIds(server)).toEqual(['', '2', '3']);
  await expect(panel.locator('[data-lifecycle="fault"]')).toHaveCount(0);
});
