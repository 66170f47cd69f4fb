/**
 * Network capture in Chromium against hostile pages (two sites: 127.0.0.1 and localhost). A page
 * must not steer which workers the debugger attaches to, nor which document a stream's bytes go
 * to; our content script, which runs in a page's renderer, must not act as the panel or the popup.
 * Each attack has its control, which must still work.
 */
import type { Page } from 'playwright-core';
import { routes } from '../fixtures/routes';
import type { ExtensionBrowser } from '../harness/launch';
import type { SseServer } from '../harness/sse-server';
import { expect, test } from '../support/fixtures';
import { capturedBytes, networkCapture, watchWithNetworkCapture } from '../support/network-capture';
import { type LogEntry, logByConnection, runIsolated, waitUntilDone } from '../support/page-log';
import { exported, openPanel, readConnections, tabIdOf } from '../support/panel';
import { inRelayWorld } from '../support/relay-world';

const other = (server: SseServer) => server.origin.replace('127.0.0.1', 'localhost');
/** The victim's shared worker (workers.html starts it), which the hostile page claims. */
const sharedScript = (server: SseServer) => `${server.origin}/pages/stream-worker.js?who=shw`;

/** What /sse/who-asked sends to a request from `origin` (none: same-origin), as one string. */
function whoAsked(origin?: string): string {
  const headers = origin ? { origin } : {};
  const reply = routes['/sse/who-asked']?.({ attempt: 1, request: { headers } as never } as never);
  const stream = reply && 'stream' in reply ? reply.stream : [];
  return stream.filter((part): part is string => typeof part === 'string').join('');
}

/**
 * A hostile tab on localhost, watched with network capture on, whose page claims the victim's
 * shared worker: through its page hook (the browser refuses each call) and, as a compromised
 * renderer could, from our content script's world.
 */
async function hostileTab(extension: ExtensionBrowser, server: SseServer) {
  const hostile = await watchWithNetworkCapture(extension, `${other(server)}/pages/index.html`);
  const script = encodeURIComponent(sharedScript(server));
  await hostile.page.goto(`${other(server)}/pages/claims-workers.html?script=${script}`);
  await waitUntilDone(hostile.page);
  const log = (await hostile.page.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log)) as LogEntry[];
  expect(log.filter((e) => e.conn !== 'own').map((e) => [e.conn, e.data])).toEqual([
    ['shared', 'SecurityError'],
    ['dedicated', 'SecurityError'],
    ['service', 'SecurityError'],
  ]);
  const claim = { brand: 'sse-scope', v: 1, type: 'worker', worker: { kind: 'shared', url: sharedScript(server) } };
  await inRelayWorld(
    hostile.page,
    extension.extensionId,
    `chrome.runtime.sendMessage(${JSON.stringify(claim)}).then(() => 'sent', String)`,
  );
  return hostile;
}

/** The victim's page: a shared worker whose streams start 1.5 s after it does (the debugger finds it once it runs). */
async function runVictim(victim: Page, server: SseServer): Promise<void> {
  await victim.goto(`${server.origin}/pages/workers.html?which=shw&late=1500`);
  await waitUntilDone(victim);
}

const workerUrls = async (panel: Page) =>
  (await readConnections(panel)).map((c) => c.url).filter((url) => url.includes('/sse/worker'));

test('a page claiming another site’s shared worker gets none of its streams', async ({ extension, server }) => {
  const hostile = await hostileTab(extension, server);
  const victim = await extension.context.newPage();
  await runVictim(victim, server);
  // The victim's streams ran while the hostile tab was followed: its worker was never attached.
  expect((await networkCapture(extension)).sharedWorkers).toEqual([]);
  await expect.poll(async () => (await readConnections(hostile.panel)).length).toBe(1);
  expect(await workerUrls(hostile.panel)).toEqual([]);
  const file = JSON.parse((await exported(hostile.panel, '[data-export="json"]')).text);
  expect(file.connections.map((c: { url: string; worker?: unknown }) => [c.url, c.worker])).toEqual([
    [`${other(server)}/sse/who-asked?round=own`, undefined],
  ]);
  // Its own stream was read from the network, to the byte: network capture works in the hostile tab.
  await expect.poll(async () => (await capturedBytes(hostile.panel)).map((c) => c.text)).toEqual([whoAsked()]);
});

test('control: the victim’s own tab shows its shared worker’s streams', async ({ extension, server }) => {
  test.slow();
  const hostile = await hostileTab(extension, server);
  const victim = await watchWithNetworkCapture(extension, `${server.origin}/pages/index.html`);
  await runVictim(victim.page, server);
  await expect
    .poll(async () => (await workerUrls(victim.panel)).sort())
    .toEqual([`${server.origin}/sse/worker-fetch?who=shw`, `${server.origin}/sse/worker?who=shw`]);
  expect((await networkCapture(extension)).sharedWorkers).toEqual([{ tabId: victim.tabId, url: sharedScript(server) }]);
  expect(await workerUrls(hostile.panel)).toEqual([]);
});

test('a page and its cross-site frame opening one URL at once each get their own bytes', async ({
  extension,
  plain,
  server,
}) => {
  test.slow();
  const path = '/pages/same-url-frames.html?rounds=5';
  const without = await runIsolated(plain, path);
  const { page, panel } = await watchWithNetworkCapture(extension, `${server.origin}/pages/index.html`);
  await page.goto(server.origin + path);
  await waitUntilDone(page);
  const log = (await page.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log)) as LogEntry[];
  expect(Object.keys(without.log)).toHaveLength(12);
  expect(logByConnection(log, server.origin)).toEqual(without.log);

  // Every connection's bytes, in whichever frame (polled: they come by another road than the events).
  await expect
    .poll(async () => (await capturedBytes(panel)).filter((c) => c.text !== '').length, { timeout: 20_000 })
    .toBe(12);
  const asked = { top: whoAsked(), frame: whoAsked(other(server)) };
  const seen = (await capturedBytes(panel)).map(({ url, frame, text }) => [
    new URL(url).searchParams.get('round'),
    frame === 0 ? 'top' : 'frame',
    text === asked.top ? 'top' : text === asked.frame ? 'frame' : text,
  ]);
  const rounds = ['r1', 'r2', 'r3', 'r4', 'r5'];
  expect(seen.sort()).toEqual(
    [
      ...rounds.flatMap((round) => [
        [round, 'top', 'top'],
        [round, 'frame', 'frame'],
      ]),
      ['alone-top', 'top', 'top'],
      ['alone-frame', 'frame', 'frame'],
    ].sort(),
  );
});

test('our content script’s world cannot act as the panel or the popup', async ({ extension, server }) => {
  const victim = await extension.context.newPage();
  await victim.goto(`${server.origin}/pages/named.html`);
  await waitUntilDone(victim);
  const victimTab = await tabIdOf(extension, victim);
  const hostile = await extension.context.newPage();
  await hostile.goto(`${other(server)}/pages/index.html`);

  const subscribe = { brand: 'sse-scope', v: 1, type: 'subscribe', tabId: victimTab, cursors: {} };
  const asPanel = await inRelayWorld<{ heard: string[]; gone: boolean }>(
    hostile,
    extension.extensionId,
    `new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: 'sse-scope/panel' });
      const heard = [];
      let gone = false;
      port.onMessage.addListener((message) => heard.push(message.type));
      port.onDisconnect.addListener(() => { gone = true; });
      port.postMessage(${JSON.stringify(subscribe)});
      setTimeout(() => resolve({ heard, gone }), 1500);
    })`,
  );
  expect(asPanel).toEqual({ heard: [], gone: true });
  const tabs = { brand: 'sse-scope', v: 1, type: 'tabs' };
  const ask = `chrome.runtime.sendMessage(${JSON.stringify(tabs)}).then((answer) => answer ?? 'no answer', () => 'no answer')`;
  expect(await inRelayWorld(hostile, extension.extensionId, ask)).toBe('no answer');

  // Controls: the real panel shows the victim's connection; an extension page gets the list of tabs.
  const panel = await openPanel(extension, victimTab);
  await expect.poll(async () => (await readConnections(panel)).length).toBe(1);
  const listed = (await panel.evaluate(ask)) as { tabId: number }[];
  expect(listed.map((t) => t.tabId)).toContain(victimTab);
});
