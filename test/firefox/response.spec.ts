/**
 * The Response view in Firefox: LLM streams over fetch (the AI SDK 4 data stream, served as plain
 * text, among them) are captured, named by protocol and model, and their answers shown.
 */
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { readConnections, readEvents } from '../harness/panel-reader';
import { runPage } from '../support/page-log';
import { expect, test } from './fixtures';

test('LLM streams: the list names protocol and model, the Response tab the answer', async ({ withAddon, server }) => {
  const { page } = await runPage(withAddon, `${server.origin}/pages/llm-streams.html?names=anthropic,ai-sdk-v4,gemini`);
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
  await expect.poll(async () => (await readConnections(panel)).length).toBe(3);
  const tags = () =>
    panel.evaluate(() => Array.from(document.querySelectorAll('.connections [data-protocol]'), (e) => e.textContent));
  await expect
    .poll(tags)
    .toEqual(['Anthropic Messages · claude-sonnet-4-5', 'AI SDK data stream (v4)', 'Gemini · gemini-2.5-flash']);
  const view = async (n: number) => {
    await panel.click(`tr[data-connection="${n}"]`);
    await panel.click('.rows .row');
    await panel.click('.detail [data-tab="response"]');
    await panel.waitForSelector('.detail .response');
    return panel.evaluate(() => {
      const text = (selector: string) => document.querySelector(`.detail ${selector}`)?.textContent ?? null;
      return {
        answer: text('[data-answer]'),
        reasoning: text('[data-reasoning-text]'),
        tool: text('[data-tool-name]'),
        args: text('[data-tool-args]'),
        finish: text('[data-response-finish]'),
      };
    });
  };
  expect(await view(1)).toEqual({
    answer: 'Je vérifie la météo.',
    reasoning: 'The user wants the weather.',
    tool: 'get_weather',
    args: '{\n  "location": "San Francisco, CA"\n}',
    finish: 'tool_use',
  });
  await panel.click('tr[data-connection="1"]');
  expect(await view(2)).toEqual({
    answer: 'Sol em Lisboa ☀',
    reasoning: 'Checking the forecast.',
    tool: 'getWeather',
    args: '{\n  "city": "Lisboa"\n}',
    finish: 'stop',
  });
  await panel.close();
  await page.close();
});

test('a Bedrock AWS event stream: its AWS messages as events, its answer', async ({ withAddon, server }) => {
  const { page } = await runPage(withAddon, `${server.origin}/pages/bedrock.html`);
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
  await expect.poll(async () => (await readEvents(panel)).length).toBe(14);
  expect((await readEvents(panel)).slice(0, 2).map((e) => e.type)).toEqual(['messageStart', 'contentBlockDelta']);
  await panel.click('.rows .row');
  await panel.click('.detail [data-tab="response"]');
  await panel.waitForSelector('.detail .response [data-fact="provider-latency"]');
  expect(
    await panel.evaluate(() => {
      const text = (selector: string) => document.querySelector(`.detail ${selector}`)?.textContent ?? null;
      return [
        text('[data-answer]'),
        text('[data-tool-args]'),
        text('[data-response-finish]'),
        text('[data-fact="usage"]'),
      ];
    }),
  ).toEqual([
    'Let me check the weather in Paris.',
    '{\n  "city": "Paris"\n}',
    'tool_use',
    '412 in · 57 out · 128 cached · 469 total',
  ]);
  await panel.close();
  await page.close();
});
