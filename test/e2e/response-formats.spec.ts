/**
 * The wire formats of issue 33 in Chromium with the extension: one page fetches each fixture stream
 * (test/fixtures/llm-more-streams.ts, each citing its source) from the test server, and reads the
 * same with and without the extension; the Response view shows each assembled answer, why it
 * stopped, the usage, the server's own speeds (llama.cpp), the content filter's verdict (Azure),
 * the keep-alive comments and the error that cut the answer (OpenRouter).
 */
import { EXPECTED, type Expected, NAMES } from '../fixtures/llm-more-expected';
import { expect, test } from '../support/fixtures';
import { openPanel, readConnections, tabIdOf } from '../support/panel';
import { openResponse, readAll } from '../support/response-view';

test('TGI, llama.cpp, vLLM, Groq, OpenRouter, Azure, DeepSeek web: each answer shown', async ({ plain, extension }) => {
  test.setTimeout(120_000);
  const path = `/pages/llm-streams.html?names=${NAMES.join(',')}`;
  const without = await readAll(plain, path);
  const withExtension = await readAll(extension.context, path, async (page) => {
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect.poll(async () => (await readConnections(panel)).length).toBe(NAMES.length);
    for (const [i, name] of NAMES.entries()) {
      const expected = EXPECTED[name] as Expected;
      const n = i + 1;
      await expect(panel.locator(`tr[data-connection="${n}"] [data-protocol]`), name).toHaveText(expected.tag);
      await openResponse(panel, n);
      const view = panel.locator('.detail .response');
      await expect(view.locator('[data-answer]'), name).toHaveText(expected.answer);
      await expect(view.locator('[data-response-state]'), name).toHaveText(expected.state);
      if (expected.finish) await expect(view.locator('[data-response-finish]'), name).toHaveText(expected.finish);
      await expect(view.locator('[data-fact="usage"]'), name).toHaveText(expected.usage);
      if (expected.reasoning) await expect(view.locator('[data-reasoning-text]'), name).toHaveText(expected.reasoning);
      else await expect(view.locator('[data-reasoning]'), name).toHaveCount(0);
      if (name === 'llama-cpp') {
        await expect(view.locator('[data-fact="speed"]')).toHaveText('49.9 tokens/s');
        await expect(view.locator('[data-fact="speed"]')).toHaveAttribute('title', /Measured by the server/);
        await expect(view.locator('[data-fact="prompt-speed"]')).toHaveText('292.7 tokens/s');
      } else await expect(view.locator('[data-fact="prompt-speed"]'), name).toHaveCount(0);
      if (name === 'azure')
        await expect(view.locator('[data-content-filter]')).toHaveText([
          'The content filter cut the answer: violence (medium).',
        ]);
      else await expect(view.locator('[data-content-filter]'), name).toHaveCount(0);
      if (name === 'openrouter') {
        await expect(view.locator('[data-response-error="0"]')).toHaveText(
          'The stream reported an error (502): Provider disconnected. The answer was cut short.',
        );
        await expect(view.locator('[data-keep-alives]')).toHaveText(
          'Keep-alive comments: 2 (“OPENROUTER PROCESSING”). The server sent them to hold the connection open while the model worked; they are neither events nor errors.',
        );
      } else await expect(view.locator('[data-keep-alives]'), name).toHaveCount(0);
      await panel.locator(`tr[data-connection="${n}"]`).click();
    }
    await panel.screenshot({ path: test.info().outputPath('response-formats.png') });
    await panel.close();
  });
  expect(Object.keys(without.log)).toEqual(NAMES);
  expect(withExtension).toEqual(without);
});
