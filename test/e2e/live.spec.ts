/**
 * A panel that is already open: events appear while the stream runs, and a navigation or reload
 * starts a fresh list.
 */
import { expect, test } from '../support/fixtures';
import { eventsByUrl, waitUntilDone } from '../support/page-log';
import { eventCount, openPanel, panelEventsByUrl, readConnections, tabIdOf } from '../support/panel';

test('events appear in an open panel while the stream runs', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await page.goto(`${server.origin}/pages/slow.html?n=60&gap=60`);
  await expect.poll(() => eventCount(panel)).toBeGreaterThanOrEqual(5);
  // Shown before the stream is over: live, not read afterwards.
  expect(await page.evaluate(() => (window as { __done?: boolean }).__done)).toBeUndefined();
  await waitUntilDone(page);
  const log = await page.evaluate(() => (window as unknown as { __log: [] }).__log);
  expect(await panelEventsByUrl(panel, 61)).toEqual(eventsByUrl(log));
});

// Messaging is structured clone (the manifest asks for it): columns, not a JSON text, and nothing lost.
test('batches reach the panel as columns, every event as the page saw it', async ({ extension, server }) => {
  // What the relays' ports carry, seen in the worker beside the extension's own listener.
  await extension.worker.evaluate(() => {
    const scope = globalThis as unknown as {
      forms: string[];
      chrome: { runtime: { onConnect: { addListener(f: (port: unknown) => void): void } } };
    };
    scope.forms = [];
    scope.chrome.runtime.onConnect.addListener((port) =>
      (port as { onMessage: { addListener(f: (msg: unknown) => void): void } }).onMessage.addListener((msg) => {
        const batch = msg as { type?: string; records?: unknown };
        if (batch.type === 'records')
          scope.forms.push(
            batch.records instanceof Object && 'seq' in batch.records ? 'columns' : typeof batch.records,
          );
      }),
    );
  });
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  // Named types, ids, and a listened-for type: events and other records in the same batches.
  await page.goto(`${server.origin}/pages/named.html`);
  await waitUntilDone(page);
  const log = await page.evaluate(() => (window as unknown as { __log: [] }).__log);
  expect(await panelEventsByUrl(panel, 5)).toEqual(eventsByUrl(log));
  const forms = await extension.worker.evaluate(() => (globalThis as unknown as { forms: string[] }).forms);
  expect(forms.length).toBeGreaterThan(0);
  expect(new Set(forms)).toEqual(new Set(['columns']));
});

test('a navigation and a reload each start a fresh list', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/named.html`);
  await waitUntilDone(page);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(5);

  await page.goto(`${server.origin}/pages/messages.html`);
  await waitUntilDone(page);
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => c.url))
    .toEqual([`${server.origin}/sse/messages`]);
  await expect.poll(() => eventCount(panel)).toBe(3);

  await page.reload();
  await waitUntilDone(page);
  await expect.poll(() => server.requests.filter((r) => r.path === '/sse/messages').length).toBe(2);
  await expect.poll(() => eventCount(panel)).toBe(3);
  // The page closes its connection after the third event; that record may come a batch later.
  await expect
    .poll(async () => (await readConnections(panel))[0])
    .toEqual(expect.objectContaining({ ordinal: 1, events: '3', state: 'closed' }));

  // A page without any SSE still clears the list.
  await page.goto(`${server.origin}/pages/index.html`);
  await expect(panel.getByRole('status')).toHaveText(/No SSE connections yet/);
});
