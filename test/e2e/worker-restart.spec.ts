/**
 * MV3 stops the background worker whenever it likes. Captures live in the relays, not in the
 * worker, so stopping it mid-stream (here, several times) must lose nothing: the panel reconnects,
 * subscribes again with its cursors, and ends up with exactly what the page saw.
 */
import { expect, test } from '../support/fixtures';
import { eventsByUrl, isDone, waitUntilDone } from '../support/page-log';
import { eventCount, openPanel, panelEventsByUrl, tabIdOf } from '../support/panel';
import { stopServiceWorker } from '../support/worker';

// The stream waits after event 60 until the test has stopped the worker: on a slow machine it
// would otherwise be over before the test's steps are.
const STREAM = '/pages/slow.html?n=80&gap=20&gate=stopped&gateAt=60';
const EVENTS = 81; // 80 messages and `done`

test('stopping the worker twice mid-stream with the panel open loses nothing', async ({ extension, server }) => {
  // Each stop opens chrome://serviceworker-internals and waits for the worker to go and come back.
  test.slow();
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await page.goto(server.origin + STREAM);
  await expect.poll(() => eventCount(panel)).toBeGreaterThanOrEqual(5);
  await stopServiceWorker(extension);
  await expect.poll(() => eventCount(panel)).toBeGreaterThanOrEqual(20);
  await stopServiceWorker(extension);
  expect(await isDone(page), 'the stream is still running').toBe(false);
  server.open('stopped');
  await waitUntilDone(page);
  const log = await page.evaluate(() => (window as unknown as { __log: [] }).__log);
  expect(await panelEventsByUrl(panel, EVENTS)).toEqual(eventsByUrl(log));
});

test('stopping the worker mid-stream with no panel open loses nothing', async ({ extension, server }) => {
  test.slow();
  const page = await extension.context.newPage();
  await page.goto(server.origin + STREAM);
  await page.waitForFunction(() => (window as unknown as { __log: unknown[] }).__log.length > 10);
  await stopServiceWorker(extension);
  expect(await isDone(page), 'the stream is still running').toBe(false);
  server.open('stopped');
  await waitUntilDone(page);
  await stopServiceWorker(extension);
  const log = await page.evaluate(() => (window as unknown as { __log: [] }).__log);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  expect(await panelEventsByUrl(panel, EVENTS)).toEqual(eventsByUrl(log));
});
