/**
 * Agent protocols through their real clients, bundled into a page as apps ship them
 * (test/fixtures/pages/agents.html): AG-UI's `HttpAgent` and A2A's SDK `Client` (0.3's
 * `message/stream`, 1.0's `SendStreamingMessage`) read the test server's streams. The page reads
 * and sends the same with and without the extension, and the Response view shows what each client
 * assembled: the answer, tool calls, the state after its patches, the task states and artifacts.
 */
import type { Page } from 'playwright-core';
import { expect, test } from '../support/fixtures';
import { openPanel, readConnections, tabIdOf } from '../support/panel';
import { openResponse, readAll } from '../support/response-view';

interface AgUiLog {
  text: string;
  reasoning: string;
  tools: [string, string, string][];
  state: unknown;
  result: unknown;
}
interface A2aPageLog {
  states: string[];
  artifacts: Record<string, string>;
}

const pageLog = <T>(page: Page, name: string) =>
  page.evaluate((n) => (window as unknown as { __log: Record<string, unknown> }).__log[n], name) as Promise<T>;

test('AG-UI through HttpAgent: the Response view shows what the client assembled', async ({ plain, extension }) => {
  const path = '/pages/agents.html?names=ag-ui';
  const without = await readAll(plain, path);
  const withExtension = await readAll(extension.context, path, async (page) => {
    const seen = await pageLog<AgUiLog>(page, 'ag-ui');
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect.poll(async () => (await readConnections(panel)).length).toBe(1);
    await expect(panel.locator('tr[data-connection="1"] [data-protocol]')).toHaveText('AG-UI · gpt-4.1-mini');
    await openResponse(panel, 1);
    const view = panel.locator('.detail .response');
    await expect(view.locator('[data-answer]')).toHaveText(seen.text);
    await expect(view.locator('[data-reasoning-text]')).toHaveText(seen.reasoning);
    const [name, args, result] = seen.tools[0] ?? [];
    await expect(view.locator('[data-tool-name]')).toHaveText(name ?? '');
    await expect(view.locator('[data-tool-args]')).toHaveText(JSON.stringify(JSON.parse(args ?? ''), null, 2));
    await expect(view.locator('[data-tool-result]')).toHaveText(result ?? '');
    await expect(view.locator('[data-agui-state-json]')).toHaveText(JSON.stringify(seen.state, null, 2));
    await expect(view.locator('[data-agui-change]')).toHaveText([
      /^\+\S+ ms snapshot: the state replaced$/,
      /^\+\S+ ms patch: replace \/city, add \/steps\/-, replace \/progress$/,
      /^\+\S+ ms patch: replace \/progress$/,
    ]);
    await expect(view.locator('[data-agui-steps]')).toHaveText('Steps: plan');
    await expect(view.locator('[data-agui-run]')).toHaveText('Thread thread-1 · run run-1');
    await expect(view.locator('[data-agui-result] pre')).toHaveText(JSON.stringify(seen.result, null, 2));
    await expect(view.locator('[data-fact="usage"]')).toHaveText('120 in · 30 out · 150 total');
    await expect(view.locator('[data-response-state]')).toHaveText('complete');
    await expect(view.locator('[data-response-finish]')).toHaveText('success');
    await expect(view.locator('[data-response-used]')).toHaveText(/^Used (\d+) of \1 events\.$/);
    await panel.screenshot({ path: test.info().outputPath('ag-ui.png') });
    await panel.close();
  });
  expect((without.log['ag-ui'] as AgUiLog).text).toBe('Je regarde la météo…\n\nIl fait 12 °C à Paris ☀');
  expect(withExtension).toEqual(without);
});

test('A2A through the SDK client: each request, its task states and artifacts', async ({ plain, extension }) => {
  const names = ['a2a', 'a2a-v1'];
  const path = `/pages/agents.html?names=${names.join(',')}`;
  const without = await readAll(plain, path);
  const withExtension = await readAll(extension.context, path, async (page) => {
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect.poll(async () => (await readConnections(panel)).length).toBe(names.length);
    for (const [i, name] of names.entries()) {
      const seen = await pageLog<A2aPageLog>(page, name);
      const n = i + 1;
      await expect(panel.locator(`tr[data-connection="${n}"] [data-protocol]`)).toHaveText('A2A');
      await openResponse(panel, n);
      const view = panel.locator('.detail .response');
      await expect(view.locator('[data-a2a-method]')).toHaveText(
        name === 'a2a' ? 'message/stream' : 'SendStreamingMessage',
      );
      await expect(view.locator('[data-a2a-answers]')).toHaveText(
        new RegExp(`^answered by ${name === 'a2a' ? 6 : 5} responses with its id, the first after \\S+ ms`),
      );
      const states = await view
        .locator('[data-a2a-state]')
        .evaluateAll((items) =>
          items.map((e) => (e.getAttribute('data-a2a-state') ?? '').replace('TASK_STATE_', '').toLowerCase()),
        );
      expect(states, name).toEqual(seen.states);
      const [id, text] = Object.entries(seen.artifacts)[0] ?? [];
      await expect(view.locator('[data-a2a-artifact="0"] pre').first(), name).toHaveText(text ?? '');
      await expect(view.locator('[data-a2a-artifact="0"] [data-a2a-chunks]'), name).toHaveText(
        'chunks: 2, the last one received',
      );
      await expect(view.locator('[data-answer]'), name).toContainText(text ?? '');
      expect(id).toBe(name === 'a2a' ? 'forecast' : 'answer');
      await expect(view.locator('[data-response-state]'), name).toHaveText('complete');
      await panel.locator(`tr[data-connection="${n}"]`).click();
    }
    await panel.close();
  });
  expect((without.log.a2a as A2aPageLog).states).toEqual(['submitted', 'working', 'completed']);
  expect(withExtension).toEqual(without);
});
