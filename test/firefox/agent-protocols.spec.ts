/**
 * AG-UI in Firefox: the real `HttpAgent` (test/fixtures/pages/agents.html) reads a run over fetch,
 * and the Response view shows the answer, the tool call and the state the client holds after the
 * run's patches.
 */
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { readConnections } from '../harness/panel-reader';
import { runPage } from '../support/page-log';
import { expect, test } from './fixtures';

test('AG-UI: the Response view shows the answer and the state the client holds', async ({ withAddon, server }) => {
  const { page } = await runPage(withAddon, `${server.origin}/pages/agents.html?names=ag-ui`);
  const seen = (await page.evaluate(
    () => (window as unknown as { __log: Record<string, unknown> }).__log['ag-ui'],
  )) as {
    text: string;
    state: unknown;
  };
  expect(seen.text).toBe('Je regarde la météo…\n\nIl fait 12 °C à Paris ☀');
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
  await expect.poll(async () => (await readConnections(panel)).length).toBe(1);
  await panel.click('tr[data-connection="1"]');
  await panel.click('.rows .row');
  await panel.click('.detail [data-tab="response"]');
  await panel.waitForSelector('.detail [data-agui-state-json]');
  const shown = await panel.evaluate(() => {
    const text = (selector: string) => document.querySelector(`.detail ${selector}`)?.textContent ?? null;
    return {
      tag: document.querySelector('.connections [data-protocol]')?.textContent ?? null,
      answer: text('[data-answer]'),
      tool: text('[data-tool-name]'),
      result: text('[data-tool-result]'),
      state: text('[data-agui-state-json]'),
      finish: text('[data-response-finish]'),
    };
  });
  expect(shown).toEqual({
    tag: 'AG-UI · gpt-4.1-mini',
    answer: seen.text,
    tool: 'get_weather',
    result: '{"temp":12}',
    state: JSON.stringify(seen.state, null, 2),
    finish: 'success',
  });
  await panel.close();
  await page.close();
});
