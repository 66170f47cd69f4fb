/**
 * Each protocol module folds its fixture stream (test/fixtures/llm-streams.ts, written from the
 * provider's documentation) into the answer a developer expects. The bytes go through the stream
 * parser in 7-byte chunks first, so characters and JSON are split across chunks as networks do.
 *
 * Long because: one test per protocol over its fixture (test/fixtures/llm-streams.ts), all through
 * the same parser and folder.
 */
import { expect, test } from '@playwright/test';
import { answerState, readArgs } from '../../src/core/llm/answer-state';
import { pairMessages } from '../../src/core/llm/mcp-pairs';
import type { LlmResponse } from '../../src/core/llm/response';
import { timingOf } from '../../src/core/llm/timing';
import { LLM_STREAMS, type LlmStream } from '../fixtures/llm-streams';
import { foldStream } from '../support/fold-stream';

const fold = foldStream;

const shape = (r: LlmResponse | undefined) =>
  r && {
    protocol: r.protocol,
    model: r.model,
    text: r.text,
    reasoning: r.reasoning,
    tools: r.tools.map((t) => ({ id: t.id, name: t.name, args: t.args, result: t.result })),
    finish: r.finish,
    usage: r.usage,
    errors: r.errors.map((e) => [e.message, e.code]),
    complete: r.complete,
  };

test('OpenAI chat completions: text split mid-character, a tool call from indexed fragments, finish, the usage chunk, [DONE]', () => {
  const { response, events } = fold(LLM_STREAMS['openai-chat'] as LlmStream);
  expect(shape(response)).toEqual({
    protocol: 'openai-chat',
    model: 'gpt-4.1-mini',
    text: 'Café ouvert 🚀',
    reasoning: '',
    tools: [{ id: 'call_abc', name: 'get_weather', args: '{"city":"Paris","unit":"c"}', result: undefined }],
    finish: 'tool_calls',
    usage: { input: 42, output: 17, total: 59, cached: 8, reasoning: 0 },
    errors: [],
    complete: true,
  });
  expect(response?.responseId).toBe('chatcmpl-1');
  // The table previews each event's delta: the tokens read down the table.
  expect(events.map((e) => e.piece?.text)).toEqual([
    undefined,
    'Café ',
    'ouvert 🚀',
    undefined,
    '{"city":"Pa',
    'ris","unit":"c"}',
    undefined,
    undefined,
    undefined,
  ]);
  expect(response?.used).toBe(9);
  expect(response?.unused).toBe(0);
});

test('DeepSeek reasoning_content is the reasoning, apart from the answer; cache hits count as cached', () => {
  const { response } = fold(LLM_STREAMS.deepseek as LlmStream);
  expect(shape(response)).toMatchObject({
    text: '9.9 est plus grand.',
    reasoning: '9.11 < 9.9, donc 9.9.',
    finish: 'stop',
    usage: { input: 12, output: 30, total: 42, cached: 4, reasoning: 20 },
    complete: true,
  });
  expect(response?.dialect).toBe('reasoning_content (DeepSeek style)');
});

test('an error mid-stream is kept, and the answer is said to be cut short', () => {
  const { response } = fold(LLM_STREAMS['openai-error'] as LlmStream);
  expect(response?.text).toBe('Partial');
  expect(response?.errors.map((e) => [e.message, e.code])).toEqual([
    ['The server had an error while processing your request.', 'server_error'],
  ]);
  expect(answerState(response as LlmResponse, true)).toBe('cut-short');
  const anthropic = fold(LLM_STREAMS['anthropic-error'] as LlmStream).response as LlmResponse;
  expect(anthropic.text).toBe('Hal');
  expect(anthropic.errors.map((e) => [e.message, e.code])).toEqual([['Overloaded', 'overloaded_error']]);
  expect(answerState(anthropic, false)).toBe('cut-short');
});

test('Mistral content chunks: thinking chunks are the reasoning, text chunks the answer', () => {
  const { response } = fold(LLM_STREAMS.mistral as LlmStream);
  expect(shape(response)).toMatchObject({
    protocol: 'openai-chat',
    model: 'magistral-medium-2509',
    text: 'Bonjour !',
    reasoning: 'Réfléchissons…',
    finish: 'stop',
    usage: { input: 10, output: 25, total: 35 },
    complete: true,
  });
  expect(response?.dialect).toBe('Mistral content chunks');
});

test('OpenAI Responses: reasoning summary, function call arguments by item, output text, citation, usage at completion', () => {
  const { response } = fold(LLM_STREAMS['openai-responses'] as LlmStream);
  expect(shape(response)).toEqual({
    protocol: 'openai-responses',
    model: 'o4-mini-2025-04-16',
    text: 'Il fait 12 °C.',
    reasoning: '**Weather** lookup needed.',
    tools: [{ id: 'call_9', name: 'get_weather', args: '{"city":"Zürich"}', result: undefined }],
    finish: 'completed',
    usage: { input: 30, output: 50, total: 80, cached: 0, reasoning: 32 },
    errors: [],
    complete: true,
  });
  expect(response?.citations).toEqual([{ title: 'Zürich weather', url: 'https://weather.example/zurich' }]);
  expect(response?.unused).toBe(0);
});

test('Anthropic messages: thinking, text, tool_use input from input_json_delta, stop_reason, usage from start and delta', () => {
  const { response } = fold(LLM_STREAMS.anthropic as LlmStream);
  expect(shape(response)).toEqual({
    protocol: 'anthropic',
    model: 'claude-sonnet-4-5',
    text: 'Je vérifie la météo.',
    reasoning: 'The user wants the weather.',
    tools: [{ id: 'toolu_01', name: 'get_weather', args: '{"location": "San Francisco, CA"}', result: undefined }],
    finish: 'tool_use',
    usage: { input: 472, output: 89, cached: 100 },
    errors: [],
    complete: true,
  });
  expect(readArgs(response?.tools[0]?.args ?? '')).toEqual({ pretty: '{\n  "location": "San Francisco, CA"\n}' });
});

test('Gemini: thought parts are reasoning, a whole functionCall, finishReason, usageMetadata, grounding sources', () => {
  const { response } = fold(LLM_STREAMS.gemini as LlmStream);
  expect(shape(response)).toEqual({
    protocol: 'gemini',
    model: 'gemini-2.5-flash',
    text: '晴れ、22 度。',
    reasoning: 'Considering the forecast.',
    tools: [{ id: undefined, name: 'get_weather', args: '{"city":"Kyōto"}', result: undefined }],
    finish: 'STOP',
    usage: { input: 9, output: 12, reasoning: 40, cached: 3, total: 61 },
    errors: [],
    complete: true,
  });
  expect(response?.citations).toEqual([{ title: 'weather.example', url: 'https://weather.example/kyoto' }]);
});

test('Cohere v2: the tool plan as reasoning, tool call fragments, content deltas, citations, message-end', () => {
  const { response } = fold(LLM_STREAMS.cohere as LlmStream);
  expect(shape(response)).toEqual({
    protocol: 'cohere',
    model: undefined,
    text: 'Il neige à Toronto.',
    reasoning: 'I will look up the weather.',
    tools: [{ id: 'get_weather_1', name: 'get_weather', args: '{"location":"Toronto"}', result: undefined }],
    finish: 'COMPLETE',
    usage: { input: 1200, output: 60 },
    errors: [],
    complete: true,
  });
  expect(response?.citations).toEqual([{ text: 'Toronto', title: 'get_weather_1:0' }]);
});

test('Ollama NDJSON: thinking, whole tool calls, content, done_reason and the counts', () => {
  const { response } = fold(LLM_STREAMS.ollama as LlmStream);
  expect(shape(response)).toEqual({
    protocol: 'ollama',
    model: 'qwen3',
    text: 'Frais à Oslo ❄',
    reasoning: 'Need a tool.',
    tools: [{ id: undefined, name: 'get_weather', args: '{"city":"Oslo"}', result: undefined }],
    finish: 'stop',
    usage: { input: 26, output: 282 },
    errors: [],
    complete: true,
  });
});

test('AI SDK 4 data stream: the parser names the parts; reasoning, a streamed tool call and its result, steps, finish', () => {
  const { response, events } = fold(LLM_STREAMS['ai-sdk-v4'] as LlmStream);
  expect(events.map((e) => e.type)).toEqual([
    'start_step',
    'reasoning',
    'reasoning',
    'tool_call_streaming_start',
    'tool_call_delta',
    'tool_call_delta',
    'tool_call',
    'tool_result',
    'finish_step',
    'start_step',
    'text',
    'text',
    'source',
    'finish_step',
    'finish_message',
  ]);
  expect(events[10]?.data).toBe('"Sol em "');
  expect(shape(response)).toEqual({
    protocol: 'ai-sdk-v4',
    model: undefined,
    text: 'Sol em Lisboa ☀',
    reasoning: 'Checking the forecast.',
    tools: [{ id: 'call-1', name: 'getWeather', args: '{"city":"Lisboa"}', result: '{"temperature":19}' }],
    finish: 'stop',
    usage: { input: 60, output: 18 },
    errors: [],
    complete: true,
  });
  expect(response?.citations).toEqual([{ title: 'Lisboa', url: 'https://weather.example/lisboa' }]);
});

test('AI SDK 5 UI message stream: reasoning, tool input deltas and output, text, app data parts used, [DONE]', () => {
  const { response } = fold(LLM_STREAMS['ai-sdk-v5'] as LlmStream);
  expect(shape(response)).toEqual({
    protocol: 'ai-sdk-v5',
    model: undefined,
    text: 'Kalt in Berlin – 4 °C.',
    reasoning: 'User asks for Berlin.',
    tools: [{ id: 'call-5', name: 'getWeather', args: '{"city":"Berlin"}', result: '{"temperature":4}' }],
    finish: 'finish',
    usage: undefined,
    errors: [],
    complete: true,
  });
  expect(response?.unused).toBe(0);
});

test('LangGraph messages-tuple and updates: chunks make the text and the tool call; the tool message its result', () => {
  const { response } = fold(LLM_STREAMS.langgraph as LlmStream);
  expect(shape(response)).toEqual({
    protocol: 'langgraph',
    model: 'gpt-4o-mini-2024-07-18',
    text: 'Faz 28 °C em São Paulo.',
    reasoning: '',
    tools: [{ id: 'call_lg', name: 'get_weather', args: '{"city": "Sao Paulo"}', result: '28 °C' }],
    finish: 'stop',
    usage: { input: 80, output: 9, total: 89 },
    errors: [],
    complete: true,
  });
});

test('LangGraph messages/partial: each event holds the message so far; the fold takes only what is new', () => {
  const partial = (content: string) =>
    `event: messages/partial\ndata: ${JSON.stringify([{ id: 'm1', type: 'ai', content }])}\n\n`;
  const { response, events } = fold({
    source: 'https://langchain-ai.github.io/langgraph/cloud/how-tos/stream_messages/',
    format: 'sse',
    contentType: 'text/event-stream',
    body: `event: metadata\ndata: {"run_id":"r"}\n\n${partial('Ol')}${partial('Olá')}${partial('Olá!')}event: end\ndata: null\n\n`,
  });
  expect(response?.text).toBe('Olá!');
  expect(events.map((e) => e.piece?.text)).toEqual([undefined, 'Ol', 'á', '!', undefined]);
  expect(response?.complete).toBe(true);
});

test('MCP: the request from the POST body paired with its result by id, progress and logging between, priming and resumption ids', () => {
  const { response } = fold(LLM_STREAMS.mcp as LlmStream);
  const mcp = response?.mcp;
  expect(response?.protocol).toBe('mcp');
  expect(mcp?.primed).toBe(true);
  expect(mcp?.eventIds).toEqual(['s1-0', 's1-1', 's1-2', 's1-3']);
  expect(mcp?.messages.map((m) => [m.direction, m.kind, m.method, m.rpcId, m.eventId])).toEqual([
    ['sent', 'request', 'tools/call', '7', undefined],
    ['received', 'notification', 'notifications/progress', undefined, 's1-1'],
    ['received', 'notification', 'notifications/message', undefined, 's1-2'],
    ['received', 'result', undefined, '7', 's1-3'],
  ]);
  expect([...pairMessages(mcp?.messages ?? []).partner]).toEqual([
    [3, 0],
    [0, 3],
  ]);
  expect(response?.tools.map((t) => [t.name, t.args, t.result, t.resultError])).toEqual([
    ['search_docs', '{"query":"retry"}', 'retry: sets the reconnection time', false],
  ]);
  expect(response?.complete).toBe(true);
});

test('a stream no protocol claims is left alone after its first events; one claimed late still folds the held events', () => {
  const plain = fold({
    source: 'none',
    format: 'sse',
    contentType: 'text/event-stream',
    body: 'data: {"n":1}\n\n'.repeat(20),
  });
  expect(plain.response).toBeUndefined();
  expect(plain.events.every((e) => e.piece === undefined)).toBe(true);
  // Two unrelated events, then an OpenAI chunk: the first two count as unused.
  const late = fold({
    source: 'none',
    format: 'sse',
    contentType: 'text/event-stream',
    body: `data: {"hello":1}\n\nevent: keepalive\ndata: x\n\n${'data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"ok"}}]}\n\n'}`,
  });
  expect(late.response?.text).toBe('ok');
  expect(late.response?.used).toBe(1);
  expect(late.response?.unusedTypes).toEqual({ message: 1, keepalive: 1 });
});

test('tool arguments that are not valid JSON say so; timing comes from usage, else is estimated and said so', () => {
  expect(readArgs('{"city": "Par')).toEqual({ error: expect.stringMatching(/JSON/) });
  expect(readArgs('')).toEqual({ pretty: '' });
  const { response } = fold(LLM_STREAMS.anthropic as LlmStream);
  const timing = timingOf(response as LlmResponse, 1000);
  // The first fragment (thinking) came in a later chunk; 89 output tokens over the generation.
  expect(timing.firstToken).toBeGreaterThan(0);
  expect(timing.estimated).toBe(false);
  expect(timing.outputTokens).toBe(89);
  expect(timing.tools).toHaveLength(1);
  const v5 = timingOf(fold(LLM_STREAMS['ai-sdk-v5'] as LlmStream).response as LlmResponse, 1000);
  expect(v5.estimated).toBe(true);
  expect(v5.outputTokens).toBe(Math.round(('Kalt in Berlin – 4 °C.'.length + 'User asks for Berlin.'.length + 17) / 4));
});

test('a surrogate pair split across two deltas joins into one character', () => {
  const body = ['\\ud83d', '\\ude80']
    .map((half) => `data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"${half}"}}]}\n\n`)
    .join('');
  const { response } = fold({
    source: 'https://www.rfc-editor.org/rfc/rfc8259#section-7',
    format: 'sse',
    contentType: 'text/event-stream',
    body,
  });
  expect(response?.text).toBe('🚀');
});
