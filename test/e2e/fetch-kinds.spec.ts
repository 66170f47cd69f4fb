/**
 * Fetch streams beside EventSource: an LLM chat over POST (request side with secrets masked, the
 * answer in the Response view), Anthropic's format, XHR read progressively, NDJSON, and a page that wraps
 * fetch after us.
 */
import { LLM_WORDS } from '../fixtures/stream-routes';
import { expect, test } from '../support/fixtures';
import { runPage } from '../support/page-log';
import { eventCount, openPanel, readConnections, readEvents, tabIdOf } from '../support/panel';

const ANSWER = LLM_WORDS.join('');

test('an LLM chat over POST fetch: the request, timings and answer, secrets masked', async ({
  extension,
  plain,
  server,
}) => {
  const { page, log } = await runPage(extension.context, `${server.origin}/pages/llm.html`);
  const { log: plainLog } = await runPage(plain, `${server.origin}/pages/llm.html`);
  expect(log).toEqual(plainLog);
  expect((log as unknown as { answer: string }).answer).toBe(ANSWER);
  const posts = server.requests.filter((r) => r.path === '/sse/fetch-llm');
  expect(posts.map((r) => r.body)).toEqual([posts[0]?.body, posts[0]?.body]);

  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(LLM_WORDS.length + 3);
  const [connection] = await readConnections(panel);
  expect(connection).toEqual(expect.objectContaining({ status: '200', badge: 'complete', state: 'closed' }));
  await expect(panel.locator('tr[data-connection="1"] [data-col="kind"]')).toHaveText('fetch POST');
  const events = await readEvents(panel);
  expect(events.at(-1)?.data).toBe('[DONE]');

  await panel.locator('.rows .row').last().click();
  const detail = panel.locator('.detail');
  await detail.locator('[data-tab="response"]').click();
  await expect(detail.locator('[data-answer]')).toHaveText(ANSWER);
  await expect(detail.locator('[data-response-protocol]')).toHaveAttribute('data-response-protocol', 'openai-chat');

  await detail.locator('[data-tab="request"]').click();
  const request = detail.locator('[data-request]');
  await expect(request.locator('[data-field="request"]')).toHaveText(`POST ${server.origin}/sse/fetch-llm`);
  await expect(request.locator('[data-field="status"]')).toHaveText('200 OK');
  const headers = await request.locator('table.headers').nth(2).locator('tr').allTextContents();
  expect(headers).toEqual(['Content-Typeapplication/json', 'AuthorizationBearer ••••', 'X-Tracet-1']);
  expect(JSON.parse((await request.locator('[data-field="body"]').textContent()) ?? '')).toEqual({
    model: 'demo-1',
    stream: true,
    messages: [{ role: 'user', content: 'Explain SSE' }],
  });
  await expect(request.locator('[data-timing]')).toContainText(/First byte\+\d+\.\d ms/);
  expect(await panel.content()).not.toContain('sk-secret');
  await panel.screenshot({ path: test.info().outputPath('llm.png') });
});

test('Anthropic’s answer joins from content_block_delta events', async ({ extension, server }) => {
  const { page } = await runPage(extension.context, `${server.origin}/pages/fetch-read.html?url=/sse/fetch-anthropic`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(LLM_WORDS.length + 4);
  await panel.locator('.rows .row').first().click();
  await panel.locator('.detail [data-tab="response"]').click();
  await expect(panel.locator('[data-answer]')).toHaveText(ANSWER);
  await expect(panel.locator('[data-response-protocol]')).toHaveAttribute('data-response-protocol', 'anthropic');
});

test('XHR read progressively: the panel shows its events and text chunks', async ({ extension, plain, server }) => {
  const { page, log } = await runPage(extension.context, `${server.origin}/pages/xhr.html`);
  const { log: plainLog } = await runPage(plain, `${server.origin}/pages/xhr.html`);
  expect(log).toEqual(plainLog);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(6);
  expect((await readEvents(panel)).map((e) => e.data)).toEqual([
    'hello',
    'CRLF',
    'a 🚀 rocket',
    'two\nlines',
    'after an id-only block',
    'last',
  ]);
  await expect(panel.locator('tr[data-connection="1"] [data-col="kind"]')).toHaveText('XHR GET');
  await expect.poll(async () => (await readConnections(panel))[0]?.badge).toBe('complete');
  expect((await readEvents(panel)).map((e) => e.id)).toEqual(['1', '2', '2', '2', '3', '3']);
});

test('NDJSON over fetch: one event a line, bad lines flagged', async ({ extension, server }) => {
  const { page } = await runPage(extension.context, `${server.origin}/pages/fetch-read.html?url=/ndjson/stream`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(4);
  expect((await readEvents(panel)).map((e) => [e.type, e.data])).toEqual([
    ['ndjson', '{"n":1}'],
    ['ndjson', '{"n":2}'],
    ['ndjson', 'not json'],
    ['ndjson', '{"n":3}'],
  ]);
  await panel.locator('.rows .row', { hasText: 'not json' }).click();
  await panel.locator('.detail [data-tab="raw"]').click();
  await expect(panel.locator('[data-raw-label]')).toContainText('not JSON');
});

test('a page that wraps fetch after us is still captured when it calls through', async ({ extension, server }) => {
  const { page, log } = await runPage(extension.context, `${server.origin}/pages/fetch-wrapped.html`);
  expect((log as unknown as { calls: number }).calls).toBe(1);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(6);
});

test('a stream is known by its content type, in any case, or by the request’s Accept', async ({
  extension,
  server,
}) => {
  const cases = [
    { type: 'Text/Event-Stream; charset=UTF-8', accept: 'none', captured: true },
    { type: 'application/jsonl', accept: 'none', captured: true },
    { type: 'text/plain', accept: 'sse', captured: true },
    { type: 'text/plain', accept: 'none', captured: false },
  ];
  for (const { type, accept, captured } of cases) {
    const url = `/sse/fetch-typed?type=${encodeURIComponent(type)}`;
    const { page } = await runPage(
      extension.context,
      `${server.origin}/pages/fetch-read.html?style=text&accept=${accept}&marker=1&url=${encodeURIComponent(url)}`,
    );
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    const expected = captured ? ['fetch GET', 'EventSource'] : ['EventSource'];
    await expect
      .poll(async () => (await readConnections(panel)).map((c) => c.kind), { message: type })
      .toEqual(expected);
    await panel.close();
    await page.close();
  }
});
