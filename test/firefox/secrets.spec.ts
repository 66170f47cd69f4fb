/**
 * Secrets in Firefox as in Chromium: a page's credentials reach the panel masked, "Show secrets"
 * asks the page's relay for one connection's, and an export carries none unless the user asks.
 */
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { readConnections } from '../harness/panel-reader';
import { runPage } from '../support/page-log';
import { expect, exportedCapture, test } from './fixtures';

test('credentials reach the panel masked, and Show secrets brings one’s back', async ({ withAddon, server }) => {
  const { page } = await runPage(withAddon, `${server.origin}/pages/secrets.html`);
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => c.url))
    .toEqual([
      `${server.origin}/sse/secret-data?access_token=••••&n=1`,
      `${server.origin}/sse/fetch-llm?alt=sse&key=••••`,
      `${server.origin}/sse/fetch-llm`,
    ]);
  const file = JSON.stringify(await exportedCapture(panel));
  expect(file.match(/SECRET-[A-Z]+-\d/g)).toBeNull();
  expect(file).toContain('Bearer ••••');

  // The chat's request: masked, then as the page sent it.
  await panel.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.rows .row')]
      .find((row) => row.textContent?.includes('-Sent'))
      ?.click(),
  );
  await panel.click('.detail [data-tab="request"]');
  const shown = () => panel.$eval('[data-request] [data-field="request"]', (cell) => cell.textContent);
  await expect.poll(shown).toBe(`POST ${server.origin}/sse/fetch-llm?alt=sse&key=••••`);
  await panel.click('[data-request] [data-action="show-secrets"]');
  await expect.poll(shown).toBe(`POST ${server.origin}/sse/fetch-llm?alt=sse&key=SECRET-QUERY-2`);
  await panel.click('[data-request] [data-action="hide-secrets"]');
  await expect.poll(shown).toBe(`POST ${server.origin}/sse/fetch-llm?alt=sse&key=••••`);
});
