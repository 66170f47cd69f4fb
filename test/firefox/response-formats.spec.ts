/**
 * Issue 33's wire formats in Firefox (test/e2e/response-formats.spec.ts has them in Chromium with
 * every detail): one page fetches each fixture stream, and the Response view shows each protocol,
 * answer, state and why it stopped. And A2A through the real SDK client: the task's states and
 * the artifact assembled from its chunks, as the client itself reported them.
 */
import type { Page } from 'puppeteer-core';
import { EXPECTED, type Expected, NAMES } from '../fixtures/llm-more-expected';
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { readConnections } from '../harness/panel-reader';
import { runPage } from '../support/page-log';
import { expect, test } from './fixtures';

/** The Response view of connection `n`: what it says. */
async function responseOf(panel: Page, n: number) {
  await panel.click(`tr[data-connection="${n}"]`);
  await panel.click('.rows .row');
  await panel.click('.detail [data-tab="response"]');
  await panel.waitForSelector('.detail .response [data-response-state]');
  return panel.evaluate((row) => {
    const text = (selector: string) => document.querySelector(`.detail .response ${selector}`)?.textContent ?? null;
    return {
      tag: document.querySelector(`tr[data-connection="${row}"] [data-protocol]`)?.textContent ?? null,
      answer: text('[data-answer]'),
      state: text('[data-response-state]'),
      finish: text('[data-response-finish]'),
      states: Array.from(document.querySelectorAll('.detail .response [data-a2a-state]'), (e) =>
        (e.getAttribute('data-a2a-state') ?? '').replace('TASK_STATE_', '').toLowerCase(),
      ),
      artifact: text('[data-a2a-artifact="0"] pre'),
    };
  }, n);
}

test('TGI, llama.cpp, vLLM, Groq, OpenRouter, Azure, DeepSeek web in Firefox', async ({ withAddon, server }) => {
  test.setTimeout(120_000);
  const { page } = await runPage(withAddon, `${server.origin}/pages/llm-streams.html?names=${NAMES.join(',')}`);
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
  try {
    await expect.poll(async () => (await readConnections(panel)).length).toBe(NAMES.length);
    const wrong: string[] = [];
    for (const [i, name] of NAMES.entries()) {
      const want = EXPECTED[name] as Expected;
      const shown = await responseOf(panel, i + 1);
      const expected = { tag: want.tag, answer: want.answer, state: want.state, finish: want.finish ?? null };
      const got = {
        tag: shown.tag,
        answer: shown.answer,
        state: shown.state,
        finish: want.finish ? shown.finish : null,
      };
      if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${name}: ${JSON.stringify(got)}`);
    }
    expect(wrong).toEqual([]);
  } finally {
    await panel.close();
    await page.close();
  }
});

test('A2A in Firefox: the task’s states and its artifact, as the SDK client saw them', async ({
  withAddon,
  server,
}) => {
  const { page } = await runPage(withAddon, `${server.origin}/pages/agents.html?names=a2a`);
  const seen = (await page.evaluate(() => (window as unknown as { __log: Record<string, unknown> }).__log.a2a)) as {
    states: string[];
    artifacts: Record<string, string>;
  };
  expect(seen.states).toEqual(['submitted', 'working', 'completed']);
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
  try {
    await expect.poll(async () => (await readConnections(panel)).length).toBe(1);
    const shown = await responseOf(panel, 1);
    expect(shown).toMatchObject({
      tag: 'A2A',
      state: 'complete',
      states: seen.states,
      artifact: Object.values(seen.artifacts)[0],
    });
  } finally {
    await panel.close();
    await page.close();
  }
});
