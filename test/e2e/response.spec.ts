/**
 * The Response view, in Chromium with the extension: every protocol's fixture stream (written from
 * the provider's documentation, test/fixtures/llm-streams.ts) fetched by one page; the connection
 * list names protocol and model, the table previews each event's delta, the Response tab shows the
 * answer, reasoning, tool calls, stop reason, usage and errors; the AI SDK 4 data stream (plain
 * text) is captured over fetch and XHR; the capture and NDJSON exports carry the answer.
 *
 * Long because: one table of what each protocol's answer must show, read by one loop over one
 * page load; split, each part would load the page again.
 */
import { LLM_STREAMS } from '../fixtures/llm-streams';
import { expect, test } from '../support/fixtures';
import { eventCount, exported, openPanel, readConnections, readEvents, tabIdOf } from '../support/panel';
import { openResponse, readAll } from '../support/response-view';

interface Expected {
  protocol: string;
  tag: string;
  answer: string;
  reasoning?: string;
  tool?: [string, string];
  finish?: string;
  state: string;
}

/** What each stream's Response view must show (the unit tests pin every field; these, the rendering). */
const EXPECTED: Record<string, Expected> = {
  'openai-chat': {
    protocol: 'openai-chat',
    tag: 'OpenAI Chat Completions · gpt-4.1-mini',
    answer: 'Café ouvert 🚀',
    tool: ['get_weather', '{\n  "city": "Paris",\n  "unit": "c"\n}'],
    finish: 'tool_calls',
    state: 'complete',
  },
  deepseek: {
    protocol: 'openai-chat',
    tag: 'OpenAI Chat Completions · deepseek-reasoner',
    answer: '9.9 est plus grand.',
    reasoning: '9.11 < 9.9, donc 9.9.',
    finish: 'stop',
    state: 'complete',
  },
  'anthropic-error': {
    protocol: 'anthropic',
    tag: '⚠ Anthropic Messages · claude-haiku-4-5',
    answer: 'Hal',
    state: 'cut short by an error',
  },
  'openai-responses': {
    protocol: 'openai-responses',
    tag: 'OpenAI Responses · o4-mini-2025-04-16',
    answer: 'Il fait 12 °C.',
    reasoning: '**Weather** lookup needed.',
    tool: ['get_weather', '{\n  "city": "Zürich"\n}'],
    finish: 'completed',
    state: 'complete',
  },
  anthropic: {
    protocol: 'anthropic',
    tag: 'Anthropic Messages · claude-sonnet-4-5',
    answer: 'Je vérifie la météo.',
    reasoning: 'The user wants the weather.',
    tool: ['get_weather', '{\n  "location": "San Francisco, CA"\n}'],
    finish: 'tool_use',
    state: 'complete',
  },
  gemini: {
    protocol: 'gemini',
    tag: 'Gemini · gemini-2.5-flash',
    answer: '晴れ、22 度。',
    reasoning: 'Considering the forecast.',
    tool: ['get_weather', '{\n  "city": "Kyōto"\n}'],
    finish: 'STOP',
    state: 'complete',
  },
  mistral: {
    protocol: 'openai-chat',
    tag: 'OpenAI Chat Completions · magistral-medium-2509',
    answer: 'Bonjour !',
    reasoning: 'Réfléchissons…',
    finish: 'stop',
    state: 'complete',
  },
  cohere: {
    protocol: 'cohere',
    tag: 'Cohere Chat v2',
    answer: 'Il neige à Toronto.',
    reasoning: 'I will look up the weather.',
    tool: ['get_weather', '{\n  "location": "Toronto"\n}'],
    finish: 'COMPLETE',
    state: 'complete',
  },
  ollama: {
    protocol: 'ollama',
    tag: 'Ollama · qwen3',
    answer: 'Frais à Oslo ❄',
    reasoning: 'Need a tool.',
    tool: ['get_weather', '{\n  "city": "Oslo"\n}'],
    finish: 'stop',
    state: 'complete',
  },
  'ai-sdk-v4': {
    protocol: 'ai-sdk-v4',
    tag: 'AI SDK data stream (v4)',
    answer: 'Sol em Lisboa ☀',
    reasoning: 'Checking the forecast.',
    tool: ['getWeather', '{\n  "city": "Lisboa"\n}'],
    finish: 'stop',
    state: 'complete',
  },
  'ai-sdk-v5': {
    protocol: 'ai-sdk-v5',
    tag: 'AI SDK UI message stream (v5)',
    answer: 'Kalt in Berlin – 4 °C.',
    reasoning: 'User asks for Berlin.',
    tool: ['getWeather', '{\n  "city": "Berlin"\n}'],
    finish: 'finish',
    state: 'complete',
  },
  langgraph: {
    protocol: 'langgraph',
    tag: 'LangGraph / LangChain · gpt-4o-mini-2024-07-18',
    answer: 'Faz 28 °C em São Paulo.',
    tool: ['get_weather', '{\n  "city": "Sao Paulo"\n}'],
    finish: 'stop',
    state: 'complete',
  },
};

const NAMES = Object.keys(EXPECTED);

test('every LLM protocol reads the same, and the panel shows each answer', async ({ plain, extension }) => {
  test.setTimeout(120_000);
  const path = `/pages/llm-streams.html?names=${NAMES.join(',')}`;
  const without = await readAll(plain, path);
  const withExtension = await readAll(extension.context, path, async (page) => {
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect.poll(async () => (await readConnections(panel)).length).toBe(NAMES.length);
    for (const [i, name] of NAMES.entries()) {
      const expected = EXPECTED[name] as Expected;
      const n = i + 1;
      await expect(panel.locator(`tr[data-connection="${n}"] [data-protocol]`)).toHaveAttribute(
        'data-protocol',
        expected.protocol,
      );
      await expect(panel.locator(`tr[data-connection="${n}"] [data-protocol]`)).toHaveText(expected.tag);
      await openResponse(panel, n);
      const view = panel.locator('.detail .response');
      await expect(view.locator('[data-answer]'), name).toHaveText(expected.answer);
      await expect(view.locator('[data-response-state]'), name).toHaveText(expected.state);
      if (expected.reasoning) await expect(view.locator('[data-reasoning-text]'), name).toHaveText(expected.reasoning);
      else await expect(view.locator('[data-reasoning]'), name).toHaveCount(0);
      if (expected.tool) {
        await expect(view.locator('[data-tool-name]').first(), name).toHaveText(expected.tool[0]);
        await expect(view.locator('[data-tool-args]').first(), name).toHaveText(expected.tool[1]);
      } else await expect(view.locator('[data-tools]'), name).toHaveCount(0);
      if (expected.finish) await expect(view.locator('[data-response-finish]'), name).toHaveText(expected.finish);
      if (expected.state === 'cut short by an error')
        await expect(view.locator('[data-response-error="0"]'), name).toHaveText(
          'The stream reported an error (overloaded_error): Overloaded. The answer was cut short.',
        );
      await expect(view.locator('[data-fact="first-token"]'), name).toHaveText(/^\d+ ms$|^\d+\.\d s$/);
      await expect(view.locator('[data-response-used]'), name).toHaveText(/^Used (\d+) of \1 events\.$/);
      if (name === 'openai-chat') {
        // The table previews what each event added; the envelope stays in the cell's title and the detail.
        const rows = await readEvents(panel);
        expect(rows.map((r) => r.preview)).toEqual([
          rows[0]?.data,
          'Café ',
          'ouvert 🚀',
          rows[3]?.data,
          '{"city":"Pa',
          'ris","unit":"c"}',
          rows[6]?.data,
          rows[7]?.data,
          '[DONE]',
        ]);
        expect(JSON.parse(rows[1]?.data ?? '').choices[0].delta.content).toBe('Café ');
      }
      // Back to every connection.
      await panel.locator(`tr[data-connection="${n}"]`).click();
    }
    await panel.screenshot({ path: test.info().outputPath('response.png') });
    await panel.close();
  });
  expect(Object.keys(without.log)).toEqual(NAMES);
  expect(withExtension).toEqual(without);
});

for (const transport of ['', '&xhr']) {
  test(`the AI SDK 4 data stream (text/plain) is captured over ${transport ? 'XHR' : 'fetch'}`, async ({
    plain,
    extension,
  }) => {
    const path = `/pages/llm-streams.html?names=ai-sdk-v4${transport}`;
    const without = await readAll(plain, path);
    const withExtension = await readAll(extension.context, path, async (page) => {
      const panel = await openPanel(extension, await tabIdOf(extension, page));
      await expect.poll(() => eventCount(panel)).toBe(15);
      const [connection] = await readConnections(panel);
      expect(connection?.kind).toBe(transport === '' ? 'fetch POST' : 'XHR POST');
      const events = await readEvents(panel);
      expect(events.slice(0, 3).map((e) => [e.type, e.data, e.preview])).toEqual([
        ['start_step', '{"messageId":"msg-v4"}', '{"messageId":"msg-v4"}'],
        ['reasoning', '"Checking the "', 'Checking the '],
        ['reasoning', '"forecast."', 'forecast.'],
      ]);
      await openResponse(panel, 1);
      await expect(panel.locator('.detail [data-answer]')).toHaveText('Sol em Lisboa ☀');
      await expect(panel.locator('.detail [data-tool-result]')).toHaveText('{"temperature":19}');
      await panel.locator('.detail [data-tab="request"]').click();
      await expect(panel.locator('.detail [data-request]')).toContainText('AI SDK data stream');
      await panel.close();
    });
    expect((without.log as Record<string, { text: string }>)['ai-sdk-v4']?.text).toBe(LLM_STREAMS['ai-sdk-v4']?.body);
    expect(withExtension).toEqual(without);
  });
}

test('MCP: each request is paired with its result, and what came between', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  // The MCP client's POST: a tools/call request, answered over SSE.
  await page.evaluate(async (body) => {
    const res = await fetch('/llm/stream?name=mcp', {
      method: 'POST',
      headers: { Accept: 'application/json, text/event-stream', 'Content-Type': 'application/json' },
      body,
    });
    await res.text();
  }, JSON.stringify(LLM_STREAMS.mcp?.request));
  await expect.poll(() => eventCount(panel)).toBe(4);
  await expect(panel.locator('tr[data-connection="1"] [data-protocol]')).toHaveText('MCP (Streamable HTTP)');
  await openResponse(panel, 1);
  const mcp = panel.locator('.detail [data-mcp]');
  await expect(mcp.locator('[data-mcp-resume]')).toHaveText(
    'The server primed the stream (an event with an id and empty data). Resumption ids (Last-Event-ID on reconnect): s1-0, s1-1, s1-2, s1-3.',
  );
  await expect(mcp.locator('[data-mcp-label]')).toHaveText([
    'tools/call',
    'notifications/progress',
    'notifications/message',
    'result of tools/call',
  ]);
  await expect(mcp.locator('[data-mcp-message="0"] [data-mcp-answer]')).toHaveText(
    /^answered \(result\) after \d+ ms$/,
  );
  await expect(panel.locator('.detail [data-tool-result]')).toHaveText('retry: sets the reconnection time');
  await expect(panel.locator('.detail [data-response-state]')).toHaveText('complete');
});

test('the capture and NDJSON exports and the copy buttons carry each answer', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/llm-streams.html?names=anthropic,openai-error`);
  await page.waitForFunction(() => (window as { __done?: boolean }).__done === true);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(async () => (await readConnections(panel)).length).toBe(2);

  const capture = JSON.parse((await exported(panel, '[data-export="json"]')).text);
  expect(capture.connections.map((c: { answer?: unknown }) => c.answer)).toEqual([
    expect.objectContaining({
      protocol: 'anthropic',
      model: 'claude-sonnet-4-5',
      text: 'Je vérifie la météo.',
      reasoning: 'The user wants the weather.',
      toolCalls: [
        { id: 'toolu_01', name: 'get_weather', kind: 'tool_use', arguments: '{"location": "San Francisco, CA"}' },
      ],
      finish: 'tool_use',
      usage: { input: 472, output: 89, cached: 100 },
      errors: [],
      complete: true,
    }),
    expect.objectContaining({
      protocol: 'openai-chat',
      text: 'Partial',
      errors: [
        expect.objectContaining({
          message: 'The server had an error while processing your request.',
          code: 'server_error',
        }),
      ],
      complete: false,
    }),
  ]);
  await panel.keyboard.press('Escape');
  const ndjson = (await exported(panel, '[data-export="ndjson"]')).text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(ndjson.filter((l) => l.answer).map((l) => [l.connection, l.answer.protocol, l.answer.text])).toEqual([
    [1, 'anthropic', 'Je vérifie la météo.'],
    [2, 'openai-chat', 'Partial'],
  ]);
  await panel.keyboard.press('Escape');

  await extension.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openResponse(panel, 1);
  const copied = async (name: string) => {
    await panel.locator(`.detail [data-copy="${name}"]`).click();
    await expect(panel.locator(`.detail [data-copy="${name}"]`)).toHaveText('Copied');
    return panel.evaluate(() => navigator.clipboard.readText());
  };
  expect(await copied('answer')).toBe('Je vérifie la météo.');
  expect(await copied('reasoning')).toBe('The user wants the weather.');
  expect(await copied('tool-args-0')).toBe('{\n  "location": "San Francisco, CA"\n}');
});
