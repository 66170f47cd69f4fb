/**
 * Network capture in Chromium (⚙ in the panel): the worker attaches the debugger to the watched tab
 * and reads its EventSources as the network delivered them. The page must behave as without the
 * extension; the capture must hold every byte of every response, each event's block, the event
 * nobody listened for and the Last-Event-ID each reconnect sent; switched off, nothing stays attached.
 */
import type { Page } from 'playwright-core';
import { fromBase64 } from '../../src/core/base64';
import type { ExtensionBrowser } from '../harness/launch';
import { type SseServer, sse } from '../harness/sse-server';
import { expect, test } from '../support/fixtures';
import { debugging, WORKER_STREAM_EVENTS, watchWithNetworkCapture } from '../support/network-capture';
import { type LogEntry, logByConnection, runIsolated, waitUntilDone } from '../support/page-log';
import { eventCount, expectPanelShowsPage, exported, readConnections, tabIdOf } from '../support/panel';
import { sent } from '../support/route-text';
import { WORKER_ROWS, workerRows } from '../support/workers';

/** A tab on the blank page, watched by a panel that turned network capture on, once the debugger is attached. */
const watchBlank = (extension: ExtensionBrowser, server: SseServer) =>
  watchWithNetworkCapture(extension, `${server.origin}/pages/index.html`);

async function setNetworkCapture(panel: Page, on: boolean): Promise<void> {
  if (!(await panel.locator('[data-settings]').isVisible())) await panel.locator('[data-action="settings"]').click();
  const box = panel.locator('[data-setting="network-capture"]');
  await expect(box).toBeEnabled();
  if ((await box.isChecked()) !== on) await box.click();
  await expect(box).toBeChecked({ checked: on });
  await panel.locator('[data-action="close-settings"]').click();
}

test('network capture on: every byte and block of both responses; off detaches', async ({
  extension,
  plain,
  server,
}) => {
  const without = await runIsolated(plain, '/pages/spec.html');
  // Switched on by the panel's address (as scripts and detached windows do), then seen in ⚙.
  const { page, tabId, panel } = await watchBlank(extension, server);
  await panel.locator('[data-action="settings"]').click();
  await expect(panel.locator('[data-setting="network-capture"]')).toBeChecked();
  await expect(panel.locator('[data-network-note]')).toHaveText(
    'Chrome shows its debugging bar on watched tabs while this is on. Streams already open are not read from the network. Reload the page',
  );
  await panel.locator('[data-action="close-settings"]').click();
  await page.goto(`${server.origin}/pages/spec.html`);
  await waitUntilDone(page);
  const log = (await page.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log)) as LogEntry[];
  // The page saw the same as without the extension (each log written with its own server's origin).
  expect(Object.keys(without.log)).not.toHaveLength(0);
  expect(logByConnection(log, server.origin)).toEqual(without.log);

  // first, second, named, an empty one, halt, the id reset, the last of the first response, close now.
  await expect.poll(() => eventCount(panel)).toBe(8);
  await expect.poll(async () => (await readConnections(panel))[0]?.listening).toBe('named, halt · 1 unheard');
  const [connection] = await readConnections(panel);
  expect(connection?.statusDetail).toBe(
    `HTTP 200 from ${server.origin}/sse/spec; the request sent Last-Event-ID: three`,
  );

  const file = JSON.parse((await exported(panel, '[data-export="json"]')).text);
  const [spec] = file.connections;
  const text = (chunks: { base64: string }[]) =>
    new TextDecoder().decode(Uint8Array.from(chunks.flatMap((c) => [...fromBase64(c.base64)])));
  const begins = spec.chunks.flatMap((c: { begins?: true }, i: number) => (c.begins ? [i] : []));
  expect(begins).toHaveLength(2);
  expect(text(spec.chunks.slice(0, begins[1]))).toBe(sent('/sse/spec', 1));
  expect(text(spec.chunks.slice(begins[1]))).toBe(sent('/sse/spec', 2, { 'last-event-id': 'three' }));
  expect(spec.events[0].raw).toBe(sse({ retry: 50, id: 'one', data: 'first' }));
  expect(spec.events[0].retry).toBe(50);
  expect(spec.blocks.filter((b: { notes: string[] }) => b.notes[0]?.includes('no listener'))).toEqual([
    expect.objectContaining({
      raw: 'event: nobody-listens\ndata: not dispatched to anyone\n\n',
      notes: ['event “nobody-listens”: no listener, so it was not dispatched to the page'],
    }),
  ]);
  await panel.locator('.rows .row').first().click();
  await panel.locator('.detail [data-tab="raw"]').click();
  await expect(panel.locator('[data-raw-label]')).toContainText('Exact text as received');
  // The latest request as the network saw it: its status, the id it resumed from, the response's headers.
  await panel.locator('.detail [data-tab="request"]').click();
  await expect(panel.locator('[data-request] [data-field="status"]')).toHaveText('200');
  await expect(panel.locator('[data-request] [data-field="last-event-id"]')).toHaveText('three');
  await expect(panel.locator('[data-request] [data-field="http-version"]')).toHaveText('http/1.1');
  await expect(panel.locator('[data-request] table.headers').last()).toContainText('content-typetext/event-stream');

  // Per tab: another tab, watched by its own panel, is not attached until its panel turns it on.
  const other = await extension.context.newPage();
  await other.goto(`${server.origin}/pages/index.html`);
  const otherTab = await tabIdOf(extension, other);
  const otherPanel = await extension.context.newPage();
  await otherPanel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${otherTab}`);
  await otherPanel.locator('[data-action="settings"]').click();
  await expect(otherPanel.locator('[data-setting="network-capture"]')).not.toBeChecked();
  expect(await debugging(extension)).toEqual([tabId]);
  await otherPanel.locator('[data-setting="network-capture"]').click();
  await expect.poll(async () => (await debugging(extension)).sort()).toEqual([tabId, otherTab].sort());
  // Closing the tab takes it off the list, and the debugger with it.
  await other.close();
  await expect.poll(() => debugging(extension)).toEqual([tabId]);

  await setNetworkCapture(panel, false);
  await expect.poll(() => debugging(extension)).toEqual([]);
  await panel.close();
  await page.close();
});

/** The server's SSE requests as runIsolated gives them: without times, in a fixed order. */
const sseRequests = (server: SseServer) =>
  server.requests
    .filter((r) => r.path.startsWith('/sse/'))
    .map(({ at, endedAt, ...rest }) => rest)
    .sort((a, b) => a.path.localeCompare(b.path) || a.attempt - b.attempt);

for (const name of ['named', 'multiline', 'comments', 'resume', 'retry', 'frames', 'odd-frames', 'many-frames']) {
  test(`network capture on, ${name}: the same page; the panel shows it`, async ({ extension, plain, server }) => {
    const without = await runIsolated(plain, `/pages/${name}.html`);
    const { page, panel } = await watchBlank(extension, server);
    await page.goto(`${server.origin}/pages/${name}.html`);
    await waitUntilDone(page);
    const log = (await page.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log)) as LogEntry[];
    expect(Object.keys(without.log)).not.toHaveLength(0);
    expect(logByConnection(log, server.origin)).toEqual(without.log);
    await expect.poll(() => sseRequests(server)).toEqual(without.requests);
    await expectPanelShowsPage(panel, log);
    // The bytes come by another road than the events (a short response's, read whole at its end,
    // later still on a loaded machine): wait for them before exporting. Any left without are named.
    await expect
      .poll(
        () =>
          panel.evaluate(() =>
            (
              globalThis as unknown as {
                sseScope: { store: { capture: { connections: { url: string; chunks: unknown[] }[] } } };
              }
            ).sseScope.store.capture.connections
              .filter((c) => !/holdAt=|i=blank|cors\?sandboxed$/.test(c.url) && c.chunks.length === 0)
              .map((c) => c.url),
          ),
        { timeout: 20_000 },
      )
      .toEqual([]);
    const file = JSON.parse((await exported(panel, '[data-export="json"]')).text);
    // Every connection has its bytes, in whichever frame, except where no document was left to take
    // them: a frame that leaves mid-stream (held at an event: `holdAt=`), and the EventSource a page makes with the
    // constructor of an about:blank frame it just added (its request is the blank frame's, before
    // that frame has our scripts; its capture is the page's); and a sandboxed srcdoc frame's, which
    // Chromium runs in a process of its own that the debugger attaches without holding it at its
    // start, so its request may go out first (3 runs in 81; README, network capture's limits).
    const bytesKept = (url: string) => !/holdAt=|i=blank|cors\?sandboxed$/.test(url);
    expect(file.connections.filter((c: { url: string }) => bytesKept(c.url)).length).toBeGreaterThan(0);
    for (const connection of file.connections)
      if (bytesKept(connection.url)) expect(connection.chunks.length, connection.url).toBeGreaterThan(0);
  });
}

test('network capture on: each fetch chunk is dated when the network delivered it', async ({ extension, server }) => {
  const { page, panel } = await watchBlank(extension, server);
  await page.goto(`${server.origin}/pages/fetch-read.html?style=reader`);
  await waitUntilDone(page);
  await expect.poll(async () => (await readConnections(panel))[0]?.badge).toBe('complete');
  const file = JSON.parse((await exported(panel, '[data-export="json"]')).text);
  const [stream] = file.connections as {
    chunks: { time: number; size: number }[];
    arrivals?: { time: number; size: number }[];
  }[];
  const total = (list: { size: number }[]) => list.reduce((sum, c) => sum + c.size, 0);
  expect(stream?.arrivals?.length).toBeGreaterThan(0);
  // Every byte the page read had arrived, and none was read before it came.
  expect(total(stream?.arrivals ?? [])).toBe(total(stream?.chunks ?? []));
  // (The network layer's clock and the page's may differ by a few ms: arrivals.ts.)
  const [arrived, read] = [stream?.arrivals?.[0]?.time ?? 0, stream?.chunks[0]?.time ?? 0];
  expect(arrived, `first arrival ${arrived}, first read ${read}`).toBeLessThanOrEqual(read + 10);
  await panel.locator('.rows .row').first().click();
  await panel.locator('.detail [data-tab="stream"]').click();
  await expect(panel.locator('.chunks th', { hasText: 'Arrived' })).toHaveCount(1);
  await expect(panel.locator('.chunks [data-arrived]')).toHaveCount(stream?.chunks.length ?? -1);
});

test('network capture on: workers’ streams are the tab’s, every event and byte', async ({
  extension,
  plain,
  server,
}) => {
  test.slow();
  // The shared worker starts its streams 1.5 s after it starts: Chrome lets a debugger find it only once it runs.
  const path = '/pages/workers.html?late=1500';
  const without = await runIsolated(plain, path);
  const { page, panel } = await watchBlank(extension, server);
  await page.goto(server.origin + path);
  await waitUntilDone(page);
  const log = (await page.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log)) as LogEntry[];
  expect(Object.keys(without.log)).toHaveLength(9);
  expect(logByConnection(log, server.origin)).toEqual(without.log);
  await expect.poll(() => sseRequests(server)).toEqual(without.requests);

  // Each worker's EventSource (one connection over its reconnect, stopped by the 204) and its fetch.
  // Chromium reports a fetch body read to its end as cancelled as often as complete: the network cannot tell which.
  const ended = (badge: string) => (badge === 'cancelled' ? 'complete' : badge);
  // The bytes and the answers come by separate messages: polled until all are in.
  await expect.poll(async () => workerRows(await readConnections(panel), server.origin, ended)).toEqual(WORKER_ROWS);
  const connections = await readConnections(panel);
  const dedicated = connections.find((c) => c.url.endsWith('/sse/worker?who=dw'));
  expect(dedicated?.statusDetail).toBe(
    `HTTP 204 from ${server.origin}/sse/worker?who=dw; the request sent Last-Event-ID: 2`,
  );

  // Every event the network delivered, the type the worker does not listen for too, with the ids as the worker saw them.
  const file = JSON.parse((await exported(panel, '[data-export="json"]')).text);
  const es = file.connections.find((c: { url: string }) => c.url.endsWith('/sse/worker?who=dw'));
  expect(es.worker).toEqual({ kind: 'dedicated', url: `${server.origin}/pages/stream-worker.js?who=dw` });
  expect(
    es.events.map((e: { type: string; data: string; lastEventId: string }) => [e.type, e.data, e.lastEventId]),
  ).toEqual(WORKER_STREAM_EVENTS);
  expect(es.blocks.map((b: { raw: string }) => b.raw)).toEqual([': hello\n\n', 'retry: 150\n\n']);
  expect(es.events[2].raw).toBe('id: 2\r\ndata: two\r\n\r\n');
  expect(es.events[2].cuts).toEqual([14]);
  const text = (chunks: { base64: string }[]) =>
    new TextDecoder().decode(Uint8Array.from(chunks.flatMap((c) => [...fromBase64(c.base64)])));
  const begins = es.chunks.flatMap((c: { begins?: true }, i: number) => (c.begins ? [i] : []));
  expect(text(es.chunks.slice(0, begins[1]))).toBe(sent('/sse/worker', 1));
  expect(text(es.chunks.slice(begins[1]))).toBe(sent('/sse/worker', 2, { 'last-event-id': '2' }));

  // The workers followed, the shared one found once it ran.
  await panel.locator('[data-action="settings"]').click();
  await expect
    .poll(async () => (await panel.locator('[data-workers] li').allTextContents()).sort())
    .toEqual([
      'Dedicated worker stream-worker.js: followed from its start',
      'Service worker stream-worker.js: followed from its start',
      'Shared worker stream-worker.js: already running when capture began, so streams it opened before are not seen',
    ]);
});
