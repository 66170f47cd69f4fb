/**
 * Hostile pages, bad streams, odd frames and many connections: each page runs without and with
 * the extension (fresh server and context each) and must log exactly the same, the server must see
 * the same requests, and the panel must show exactly what the page saw, nothing forged.
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../harness/launch';
import { expect, test } from '../support/fixtures';
import { eventsByUrl, runIsolated, waitUntilDone } from '../support/page-log';
import { eventCount, expectPanelShowsPage, exported, openPanel, readConnections, tabIdOf } from '../support/panel';

const SCENARIOS = ['bad-streams', 'hostile', 'thief', 'odd-frames', 'crowd', 'many-frames'];

for (const name of SCENARIOS) {
  test(`${name}: the page behaves the same, and the panel shows what it saw`, async ({ plain, extension }) => {
    test.setTimeout(120_000);
    const without = await runIsolated(plain, `/pages/${name}.html`);
    // The run with the extension is also the one the panel is checked against.
    const withExtension = await runIsolated(extension.context, `/pages/${name}.html`, async (page, log) => {
      const panel = await openPanel(extension, await tabIdOf(extension, page));
      const seen = await expectPanelShowsPage(panel, log);
      await expect
        .poll(async () => (await readConnections(panel)).map((c) => c.url).sort())
        .toEqual([...seen.keys()].sort());
      await expect(panel.locator('body')).not.toContainText('FORGED');
      expect(JSON.stringify(log)).not.toContain('FORGED');
      if (name === 'crowd') {
        expect(eventsByUrl(log).size).toBe(240);
        expect(await readConnections(panel)).toHaveLength(240);
      }
      await panel.close();
    });
    expect(Object.keys(without.log).length).toBeGreaterThan(0);
    expect(withExtension.log).toEqual(without.log);
    expect(withExtension.requests).toEqual(without.requests);
    expect(withExtension.windowMessages).toBe(without.windowMessages);
  });
}

test('a flood of 100,000 events: the page sees the same, the panel has every one', async ({ plain, extension }) => {
  test.setTimeout(120_000);
  const without = await runIsolated(plain, '/pages/flood.html');
  const withExtension = await runIsolated(extension.context, '/pages/flood.html', async (page) => {
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    // Each connection's 100,000 and its `done`.
    await expect.poll(() => eventCount(panel), { timeout: 60_000 }).toBe(200_002);
    // The connections' table is drawn apart from the events': it may show its counts a moment later.
    await expect
      .poll(async () => (await readConnections(panel)).map((c) => [c.kind, c.events]))
      .toEqual([
        ['EventSource', '100,001'],
        ['fetch GET', '100,001'],
      ]);
    await panel.close();
  });
  const saw = { what: 'summary', count: 100_000, inOrder: true, types: { message: 85_715, tick: 14_285 } };
  expect(without.log.eventsource).toEqual([expect.objectContaining({ ...saw, lastId: '99999' })]);
  expect(without.log.fetch).toEqual([expect.objectContaining({ ...saw, lastId: '99999' })]);
  expect(withExtension.log).toEqual(without.log);
  expect(withExtension.requests).toEqual(without.requests);
});

/** Each event of the exported capture as [data, id, origin, notes]. */
async function exportedEvents(panel: Page): Promise<unknown[][]> {
  const file = JSON.parse((await exported(panel, '[data-export="json"]')).text);
  return file.connections[0].events.map(
    (e: { data: string; lastEventId: string; origin: string; notes?: string[] }) => [
      e.data,
      e.lastEventId,
      e.origin,
      e.notes,
    ],
  );
}

test('an event re-initialised after dispatch: the panel keeps what the stream sent', async ({
  plain,
  extension,
  server,
}) => {
  // No panel while it happens, and no idle moment before the rewrite: the event was still queued,
  // unread, and the hook read the queue before initMessageEvent ran.
  const without = await runIsolated(plain, '/pages/reinit.html');
  expect(without.log.a?.at(-1)).toEqual({
    conn: 'a',
    what: 'rewritten',
    trusted: false,
    data: 'FORGED data',
    id: 'FORGED-id',
  });
  const stream = (origin: string) => [
    ['one', '1', origin, undefined],
    ['two', '2', origin, undefined],
    ['three', '3', origin, undefined],
  ];
  const withExtension = await runIsolated(extension.context, '/pages/reinit.html', async (page) => {
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect.poll(() => eventCount(panel)).toBe(3);
    expect(await exportedEvents(panel)).toEqual(stream(new URL(page.url()).origin));
    await panel.locator('.rows .row', { hasText: 'two' }).click();
    await panel.locator('.detail [data-tab="raw"]').click();
    await expect(panel.locator('.detail [data-notes]')).toHaveCount(0);
    await expect(panel.locator('.detail pre.raw')).toHaveText('id: 2\ndata: two\n\n');
    await expect(panel.locator('body')).not.toContainText('FORGED');
    await panel.close();
  });
  expect(withExtension.log).toEqual(without.log);
  expect(withExtension.requests).toEqual(without.requests);

  // No panel, and the rewrite 300 ms later: the page was idle before it, and each event was read then.
  await runIsolated(extension.context, '/pages/reinit.html?after=300', async (page) => {
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect.poll(() => eventCount(panel)).toBe(3);
    expect(await exportedEvents(panel)).toEqual(stream(new URL(page.url()).origin));
    await panel.close();
  });

  // A panel watching: read at the first idle moment, before the page's rewrite.
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await page.goto(`${server.origin}/pages/reinit.html?after=300`);
  await waitUntilDone(page);
  await expect.poll(() => eventCount(panel)).toBe(3);
  expect(await exportedEvents(panel)).toEqual(stream(server.origin));
});

/** What a tab's relays told the worker (background) of the workers its pages started, heard by a listener of the test's own. */
async function listenForWorkerClaims(extension: ExtensionBrowser): Promise<(tabId: number) => Promise<unknown[]>> {
  type Claims = { __workerClaims?: [number | undefined, unknown][] };
  interface Runtime {
    chrome: {
      runtime: { onMessage: { addListener(f: (msg: unknown, sender: { tab?: { id?: number } }) => void): void } };
    };
  }
  await extension.worker.evaluate(() => {
    const scope = globalThis as unknown as Claims & Runtime;
    if (scope.__workerClaims) return;
    const claims: [number | undefined, unknown][] = [];
    scope.__workerClaims = claims;
    scope.chrome.runtime.onMessage.addListener((msg, sender) => {
      const { type, worker } = msg as { type?: string; worker?: unknown };
      if (type === 'worker') claims.push([sender.tab?.id, worker]);
    });
  });
  return (tabId) =>
    extension.worker.evaluate(
      (id) => ((globalThis as Claims).__workerClaims ?? []).filter(([tab]) => tab === id).map(([, worker]) => worker),
      tabId,
    );
}

test('the page hook names a worker only once accepted, and only a same-origin one', async ({ extension, server }) => {
  const claimsOf = await listenForWorkerClaims(extension);
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/traces.html`);
  await waitUntilDone(page);
  const tabId = await tabIdOf(extension, page);
  // Each phase starts a dedicated and a shared worker from a string and from a URL object, and
  // registers a service worker: those, and nothing of what the browser refused.
  const accepted = (phase: string) => {
    const url = (name: string) => `${server.origin}/pages/stream-worker.js?who=traces-${phase}-${name}`;
    return [
      { kind: 'dedicated', url: url('Worker') },
      { kind: 'dedicated', url: url('Worker') },
      { kind: 'shared', url: url('SharedWorker') },
      { kind: 'shared', url: url('SharedWorker') },
      { kind: 'service', url: url('service') },
    ];
  };
  await expect.poll(() => claimsOf(tabId)).toEqual([...accepted('1'), ...accepted('2')]);
  await page.close();
});
