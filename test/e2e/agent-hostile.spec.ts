/**
 * Agent streams are page data: markup in an AG-UI run's text, tool call, steps, state and messages,
 * and in an A2A task's states, artifacts and parts, shows as text; a `STATE_DELTA` that patches
 * `__proto__` or `/constructor/prototype` changes the run's state only, never the panel's
 * prototypes. The control is test/e2e/agent-protocols.spec.ts: the same views over honest streams.
 */
import type { Page } from 'playwright-core';
import { PAGES_DIR, routes, XSS } from '../fixtures/routes';
import { startSseServer } from '../harness/sse-server';
import { expect, test } from '../support/fixtures';
import { openPanel, readConnections, tabIdOf } from '../support/panel';

const [x0, x1, x2, x3, x4, x5] = XSS as [string, string, string, string, string, string];
const data = (events: unknown[]) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');

const HOSTILE_AG_UI = data([
  { type: 'RUN_STARTED', threadId: x0, runId: x1 },
  { type: 'STATE_SNAPSHOT', snapshot: Object.fromEntries(XSS.map((x) => [x, x])) },
  { type: 'STATE_DELTA', delta: [{ op: 'add', path: '/__proto__', value: { polluted: x0 } }] },
  { type: 'STATE_DELTA', delta: [{ op: 'add', path: '/__proto__/polluted2', value: true }] },
  { type: 'STATE_DELTA', delta: [{ op: 'add', path: '/constructor/prototype/polluted3', value: 1 }] },
  { type: 'STEP_STARTED', stepName: x2 },
  { type: 'TEXT_MESSAGE_START', messageId: 'm1', role: 'assistant' },
  ...XSS.map((delta) => ({ type: 'TEXT_MESSAGE_CONTENT', messageId: 'm1', delta })),
  { type: 'TOOL_CALL_START', toolCallId: x0, toolCallName: x3 },
  { type: 'TOOL_CALL_ARGS', toolCallId: x0, delta: x4 },
  { type: 'TOOL_CALL_RESULT', messageId: 't', toolCallId: x0, content: x5 },
  { type: 'MESSAGES_SNAPSHOT', messages: [{ id: x0, role: 'user', content: x1 }] },
  { type: 'RUN_FINISHED', threadId: x0, runId: x1, result: XSS },
]);

const HOSTILE_A2A = data(
  [
    {
      kind: 'task',
      id: x0,
      contextId: x1,
      status: { state: x2 },
      history: [{ role: x3, parts: [{ kind: 'text', text: x4 }] }],
    },
    {
      kind: 'status-update',
      taskId: x0,
      status: { state: 'working', message: { parts: [{ kind: 'text', text: x5 }] } },
    },
    {
      kind: 'artifact-update',
      taskId: x0,
      artifact: {
        artifactId: x1,
        name: x2,
        description: x3,
        parts: [
          { kind: 'text', text: x4 },
          { kind: 'file', file: { name: x5, mimeType: x0, uri: 'javascript:window.__xss=1' } },
          { kind: 'data', data: { [x1]: x2 } },
        ],
      },
    },
  ].map((result) => ({ jsonrpc: '2.0', id: 1, result })),
);

async function expectInert(view: Page): Promise<void> {
  expect(await view.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await expect(view.locator('#app img, #app svg, #app script, #app iframe, #app a, #app b, #app object')).toHaveCount(
    0,
  );
  const polluted = await view.evaluate(() => {
    const probe = {} as Record<string, unknown>;
    return [probe.polluted, probe.polluted2, probe.polluted3];
  });
  expect(polluted).toEqual([null, null, null].map(() => undefined));
}

test('agent streams with markup and __proto__ patches show as text, pollute nothing', async ({ extension }) => {
  const server = await startSseServer({
    routes: {
      ...routes,
      '/agents/hostile': ({ url }) => ({
        headers: { 'content-type': 'text/event-stream' },
        body: url.searchParams.get('p') === 'a2a' ? HOSTILE_A2A : HOSTILE_AG_UI,
      }),
    },
    pagesDir: PAGES_DIR,
  });
  try {
    const page = await extension.context.newPage();
    await page.goto(`${server.origin}/pages/index.html`);
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await page.evaluate(async () => {
      for (const [p, body] of [
        ['ag-ui', '{"threadId":"t","runId":"r","state":{}}'],
        ['a2a', '{"jsonrpc":"2.0","id":1,"method":"message/stream","params":{}}'],
      ]) {
        const res = await fetch(`/agents/hostile?p=${p}`, {
          method: 'POST',
          headers: { Accept: 'text/event-stream' },
          body,
        });
        await res.text();
      }
    });
    await expect.poll(async () => (await readConnections(panel)).length).toBe(2);
    const open = async (n: number) => {
      await panel.locator(`tr[data-connection="${n}"]`).click();
      await panel.locator('.rows .row').first().click();
      await panel.locator('.detail [data-tab="response"]').click();
    };

    await open(1);
    const view = panel.locator('.detail .response');
    await expect(view.locator('[data-answer]')).toHaveText(XSS.join(''));
    await expect(view.locator('[data-tool-name]')).toHaveText(x3);
    await expect(view.locator('[data-tool-result]')).toHaveText(x5);
    await expect(view.locator('[data-agui-steps]')).toHaveText(`Steps: ${x2}`);
    const state = JSON.parse((await view.locator('[data-agui-state-json]').textContent()) ?? '');
    expect(Object.keys(state)).toEqual([...XSS, '__proto__']);
    expect(Object.getOwnPropertyDescriptor(state, '__proto__')?.value).toEqual({ polluted: x0, polluted2: true });
    await expect(view.locator('[data-agui-change="3"]')).toHaveClass('warn');
    await expect(view.locator('[data-agui-change="3"]')).toContainText(
      'did not apply (operation 0: its path is not in the state)',
    );
    await view.locator('[data-agui-messages] summary').click();
    await expect(view.locator('[data-agui-messages] pre')).toContainText(JSON.stringify(x1).slice(1, -1));
    await expectInert(panel);

    await panel.locator('tr[data-connection="1"]').click();
    await open(2);
    const states = view.locator('[data-a2a-state]');
    expect(await states.evaluateAll((items) => items.map((e) => e.getAttribute('data-a2a-state')))).toEqual([
      x2,
      'working',
    ]);
    await expect(states.nth(1)).toContainText(x5);
    await expect(view.locator('[data-a2a-artifact-name]')).toHaveText(x2);
    await expect(view.locator('[data-a2a-artifact="0"]')).toContainText('javascript:window.__xss=1');
    await expect(view.locator('[data-a2a-message="0"]')).toHaveText(`${x3} ${x4}`);
    await expectInert(panel);
    await panel.close();
    await page.close();
  } finally {
    await server.close();
  }
});
