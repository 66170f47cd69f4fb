/**
 * A same-origin parent can reach its child's window before SSE Scope's scripts run in the child,
 * take the page hook's private channel and hand the relay records of its own. SSE Scope cannot stop
 * that (docs/internals.md says why), so it masks what such records carry, as any, and marks what
 * the page hook reported in a document a same-origin parent or opener could reach.
 */
import type { Page } from 'playwright-core';
import { probeRule } from '../fixtures/replay-routes';
import { expect, test } from '../support/fixtures';
import { runFreshUntimed, runPage } from '../support/page-log';
import { exported, openPanel, readConnections, tabIdOf } from '../support/panel';
import { setRules } from '../support/replay';

const FORGEABLE =
  'Reported by the page: a same-origin parent or opener could reach this frame before SSE Scope did, and could have written this connection and its events itself.';

async function requestOf(panel: Page, ordinal: number) {
  await panel.locator(`tr[data-connection="${ordinal}"]`).click();
  // Its request, in the detail of the connection's first row (a lifecycle row when it has no events).
  await panel.locator('.rows .row').first().click();
  await panel.locator('.detail [data-tab="request"]').click();
  return panel.locator('[data-request]');
}

test('a parent’s forgery on its same-origin child’s channel is marked the page’s word', async ({
  extension,
  plain,
  server,
}) => {
  // The control run behaves the same with the extension as without.
  const control = '/pages/hijack.html?attack=0';
  expect(await runFreshUntimed(extension.context, control)).toEqual(await runFreshUntimed(plain, control));

  const { page, log } = await runPage(extension.context, `${server.origin}/pages/hijack.html`);
  expect(log).toEqual({ intercepted: 1, heard: [] });
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => c.url))
    .toEqual(['https://bank.example/api/stream?token=••••']);
  const forged = await requestOf(panel, 1);
  await expect(forged.locator('[data-forgeable]')).toHaveText(FORGEABLE);
  await expect(forged.locator('table.headers').nth(2)).toContainText('AuthorizationBearer ••••');
  // Nothing the parent wrote in the clear leaves in an export, and the file says whose word it was.
  const file = await exported(panel, '[data-export="json"]');
  expect(file.text).not.toContain('FORGED-SECRET');
  expect(JSON.parse(file.text).connections[0].forgeable).toBe(true);
  expect(JSON.parse(file.text).connections[0].replay).toBeUndefined();
  await panel.close();

  // The same child with no listener: its own request, marked all the same (its parent could have).
  const { page: calm } = await runPage(extension.context, `${server.origin}/pages/hijack.html?attack=0`);
  const calmPanel = await openPanel(extension, await tabIdOf(extension, calm));
  await expect
    .poll(async () => (await readConnections(calmPanel)).map((c) => c.url))
    .toEqual([`${server.origin}/sse/fetch-basic`]);
  await expect((await requestOf(calmPanel, 1)).locator('[data-forgeable]')).toHaveCount(1);
  await calmPanel.close();

  // Its EventSource too: the hook that reads its events could be reached as well.
  const { page: withEs } = await runPage(extension.context, `${server.origin}/pages/hijack.html?attack=0&es`);
  const esPanel = await openPanel(extension, await tabIdOf(extension, withEs));
  await expect
    .poll(async () => (await readConnections(esPanel)).map((c) => c.url).sort())
    .toEqual([`${server.origin}/sse/fetch-basic`, `${server.origin}/sse/messages`]);
  for (const ordinal of [1, 2])
    await expect((await requestOf(esPanel, ordinal)).locator('[data-forgeable]')).toHaveText(FORGEABLE);
  await esPanel.close();

  // A child on another origin, which its parent cannot reach: not marked.
  const crossOrigin = server.origin.replace('127.0.0.1', 'localhost');
  const { page: far } = await runPage(
    extension.context,
    `${server.origin}/pages/hijack.html?attack=0&child=${encodeURIComponent(crossOrigin)}`,
  );
  const farPanel = await openPanel(extension, await tabIdOf(extension, far));
  await expect
    .poll(async () => (await readConnections(farPanel)).map((c) => c.url))
    .toEqual([`${crossOrigin}/sse/fetch-basic`]);
  const request = await requestOf(farPanel, 1);
  await expect(request.locator('[data-field="request"]')).toHaveText(`GET ${crossOrigin}/sse/fetch-basic`);
  await expect(request.locator('[data-forgeable]')).toHaveCount(0);
});

test('a parent holding its child’s channel never hears the tab’s replay rules', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const tabId = await tabIdOf(extension, page);
  const panel = await openPanel(extension, tabId);
  expect(await setRules(panel, tabId, [probeRule(`${server.origin}/sse/probe`)])).toHaveLength(1);
  await page.goto(`${server.origin}/pages/hijack.html`);
  await page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true);
  // Its forged claim that the rule answered the request it made up is not kept either.
  expect(await page.evaluate(() => (window as unknown as { __log: unknown }).__log)).toEqual({
    intercepted: 1,
    heard: [],
  });
  const file = JSON.parse((await exported(panel, '[data-export="json"]')).text);
  expect(file.connections.map((c: { url: string; replay?: unknown }) => [c.url, c.replay])).toEqual([
    ['https://bank.example/api/stream?token=••••', undefined],
  ]);
  // Control: the same rule reaches a document no other page could hold, and answers its EventSource.
  await page.goto(`${server.origin}/pages/replay-probe.html`);
  const trusted = await page.evaluate(async () => {
    const probe = (window as unknown as { probe(u: string): { done: Promise<{ trusted: boolean[] }> } }).probe(
      '/sse/probe',
    );
    return (await probe.done).trusted;
  });
  expect(trusted.length).toBeGreaterThan(0);
  expect(trusted.every((t) => !t)).toBe(true);
});
