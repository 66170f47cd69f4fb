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
  for (const paced of ['hold', 'delay']) {
    await expect(panel.locator(`[data-menu-item="fault-${paced}"]`)).toBeDisabled();
    await expect(panel.locator(`[data-menu-item="fault-${paced}"]`)).toHaveAttribute('title', /hold or delay no/);
  }
  for (const rewrite of ['inject', 'cut-mid-line', 'split-char']) {
    await expect(panel.locator(`[data-menu-item="fault-${rewrite}"]`)).toBeDisabled();
    await expect(panel.locator(`[data-menu-item="fault-${rewrite}"]`)).toHaveAttribute('title', /no streaming fulfil/);
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

test("the detail's Faults group equals the menu; a click there works; a timeline mark", async ({
  extension,
  server,
}) => {
  const { page, panel } = await openFaults(extension, server);
  await panel.locator('tr[data-connection="1"]').click({ button: 'right' });
  const menu = await panel
    .locator('[data-menu-item^="fault-"]')
    .evaluateAll((items) =>
      items.map((e) => [
        e.getAttribute('data-menu-item'),
        e.textContent,
        (e as HTMLButtonElement).disabled,
        e.getAttribute('title'),
      ]),
    );
  expect(menu).toHaveLength(11);
  await panel.keyboard.press('Escape');
  await panel.locator('.rows .row').first().click();
  await panel.locator('[data-tab="request"]').click();
  const group = panel.locator('[data-faults-group] [data-fault-control]');
  const controls = await group.evaluateAll((items) =>
    items.map((e) => [
      e.getAttribute('data-fault-control'),
      e.textContent,
      (e as HTMLButtonElement).disabled,
      e.getAttribute('title'),
    ]),
  );
  expect(controls).toEqual(menu);
  await panel.locator('[data-fault-control="fault-fail-next"]').click();
  await expect.poll(async () => (await networkCapture(extension)).faultsWaiting).toBe(1);
  server.open('faults-end');
  await waitUntilDone(page);
  expect(lastEventIds(server)).toEqual(['', '2', '3']);
  // On connection 1's lane (the first, under the axis), named as its lifecycle row names it.
  const mark = panel.locator('.timeline .fault-mark');
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveAttribute('data-fault', 'fail-next');
  await expect(mark).toHaveAttribute('data-connection', '1');
  await expect(mark).toHaveAttribute('title', 'Fault: reconnect failed by SSE Scope (a network error)');
  const [axis = 0, lane = 0, gutter = 0] = await panel
    .locator('.timeline canvas')
    .evaluate((c) => ['axis', 'lane', 'gutter'].map((key) => Number((c as HTMLElement).dataset[key])));
  const [top = 0, left = 0] = await mark.evaluate((e) => [(e as HTMLElement).offsetTop, (e as HTMLElement).offsetLeft]);
  expect(top).toBeGreaterThanOrEqual(axis);
  expect(top).toBeLessThan(axis + lane);
  expect(left).toBeGreaterThan(gutter);
});

test('control: without a fault the same page reconnects once, as before', async ({ extension, server }) => {
  const { page, panel } = await openFaults(extension, server);
  server.open('faults-end');
  await waitUntilDone(page);
  expect(await steps(page)).toEqual(AS_WITHOUT);
  expect(lastEventIds(server)).toEqual(['', '2', '3']);
  await expect(panel.locator('[data-lifecycle="fault"]')).toHaveCount(0);
  await expect(panel.locator('.timeline .fault-mark')).toHaveCount(0);
});
