/**
 * The wire formats of issue 33 folded from their fixtures (test/fixtures/llm-more-streams.ts, each
 * citing its source): TGI, llama.cpp's /completion, vLLM's usage on every chunk, Groq's x_groq,
 * OpenRouter's comments and error mid-stream, Azure's content filter, DeepSeek's web patches. And
 * no new protocol claims a stream an earlier one owned: every fixture keeps its protocol.
 */
import { expect, test } from '@playwright/test';
import { answerState } from '../../src/core/llm/answer-state';
import { keepAlivesOf } from '../../src/core/llm/keep-alives';
import type { LlmResponse } from '../../src/core/llm/response';
import { timingOf } from '../../src/core/llm/timing';
import type { BlockRecord } from '../../src/core/model';
import { StreamParser } from '../../src/core/stream-parser';
import { AGENT_STREAMS } from '../fixtures/agent-streams';
import { MORE_LLM_STREAMS } from '../fixtures/llm-more-streams';
import { chat, LLM_STREAMS, type LlmStream, sse } from '../fixtures/llm-streams';
import { foldStream } from '../support/fold-stream';

const stream = (name: string) => MORE_LLM_STREAMS[name] as LlmStream;

const shape = (r: LlmResponse | undefined) =>
  r && {
    protocol: r.protocol,
    model: r.model,
    text: r.text,
    reasoning: r.reasoning,
    finish: r.finish,
    usage: r.usage,
    errors: r.errors.map((e) => [e.message, e.code]),
    complete: r.complete,
  };

test('TGI generate_stream: token texts make the answer, the special </s> is left out, details end it', () => {
  const { response, events } = foldStream(stream('tgi'));
  expect(shape(response)).toEqual({
    protocol: 'tgi',
    model: undefined,
    text: 'Bonjour à tous 🌍',
    reasoning: '',
    finish: 'eos_token',
    usage: { input: 4, output: 5 },
    errors: [],
    complete: true,
  });
  expect(events.map((e) => e.piece?.text)).toEqual(['Bonjour', ' à', ' tous', ' 🌍', undefined]);
});

test('TGI: an error event is kept and the answer cut short', () => {
  const { response } = foldStream({
    ...stream('tgi'),
    body: `${stream('tgi').body.split('\n\n').slice(0, 2).join('\n\n')}\n\ndata: {"error":"Request failed during generation: Server error: CUDA OOM","error_type":"generation"}\n\n`,
  });
  expect(response?.text).toBe('Bonjour à');
  expect(response?.errors.map((e) => [e.message, e.code])).toEqual([
    ['Request failed during generation: Server error: CUDA OOM', 'generation'],
  ]);
  expect(answerState(response as LlmResponse, true)).toBe('cut-short');
});

test('llama.cpp /completion: content, why it stopped (the stopping word), counts, the server measured speeds', () => {
  const { response } = foldStream(stream('llama-cpp'));
  expect(shape(response)).toEqual({
    protocol: 'llama-cpp',
    model: 'gemma-3-4b-it-Q4_K_M.gguf',
    text: 'Neige sur le toit ❄',
    reasoning: '',
    finish: 'word: \n\n',
    usage: { input: 6, output: 9 },
    errors: [],
    complete: true,
  });
  expect(response?.serverTimings).toEqual({ output: 49.9, input: 292.7 });
  const timing = timingOf(response as LlmResponse, 900);
  expect(timing).toMatchObject({ tokensPerSecond: 49.9, promptPerSecond: 292.7, measured: true, estimated: false });
});

test('vLLM continuous usage: each chunk replaces the usage (the last is kept, never summed), and it grows', () => {
  const s = stream('vllm');
  const { response } = foldStream(s);
  expect(shape(response)).toEqual({
    protocol: 'openai-chat',
    model: 'meta-llama/Llama-3.1-8B-Instruct',
    text: 'Ciao mondo ☀',
    reasoning: '',
    finish: 'stop',
    usage: { input: 12, output: 3, total: 15 },
    errors: [],
    complete: true,
  });
  // Part way, the usage is the latest chunk's: it grows with the answer.
  const part = s.body.split('\n\n').slice(0, 3).join('\n\n');
  expect(foldStream({ ...s, body: `${part}\n\n` }).response?.usage).toEqual({ input: 12, output: 2, total: 14 });
});

test('Groq: the usage comes from x_groq on the last chunk', () => {
  const { response } = foldStream(stream('groq'));
  expect(shape(response)).toEqual({
    protocol: 'openai-chat',
    model: 'gpt-4.1-mini',
    text: 'Hola 👋',
    reasoning: '',
    finish: 'stop',
    usage: { input: 18, output: 4, total: 22 },
    errors: [],
    complete: true,
  });
  expect(response?.dialect).toBe('x_groq (Groq)');
});

test('OpenRouter: comments are keep-alives, not events; the error chunk cuts the answer with finish_reason error', () => {
  const s = stream('openrouter');
  const { response, events } = foldStream(s);
  expect(events.length).toBe(3);
  expect(shape(response)).toEqual({
    protocol: 'openai-chat',
    model: 'openai/gpt-4o',
    text: 'Olá, tudo bem',
    reasoning: '',
    finish: 'error',
    usage: undefined,
    errors: [['Provider disconnected', '502']],
    complete: false,
  });
  expect(answerState(response as LlmResponse, true)).toBe('cut-short');
  const parser = new StreamParser(1, 'sse', 'http://127.0.0.1');
  const records = [...parser.parse(1, new TextEncoder().encode(s.body)), ...parser.end(2)];
  const blocks = records.filter((r): r is BlockRecord => r.kind === 'block');
  expect(keepAlivesOf(blocks, 2)).toEqual({ count: 2, first: 'OPENROUTER PROCESSING' });
  expect(keepAlivesOf(blocks, 0)).toBeUndefined();
  expect(keepAlivesOf([], 1)).toBeUndefined();
});

test('Azure content filter: the prompt chunk is read, safe verdicts are left out, the filtered category is named', () => {
  const { response } = foldStream(stream('azure'));
  expect(shape(response)).toEqual({
    protocol: 'openai-chat',
    model: 'gpt-4o-2024-08-06',
    text: 'Die Schlacht begann früh',
    reasoning: '',
    finish: 'content_filter',
    usage: undefined,
    errors: [],
    complete: true,
  });
  expect(response?.filters).toEqual([{ on: 'answer', category: 'violence', severity: 'medium', filtered: true }]);
  expect(response?.unused).toBe(0);
});

test('Azure: a jailbreak detected in the prompt is kept, flagged without a severity', () => {
  const s = stream('azure');
  const body = s.body.replace(
    '"jailbreak":{"filtered":false,"detected":false}',
    '"jailbreak":{"filtered":false,"detected":true}',
  );
  expect(body).not.toBe(s.body);
  expect(foldStream({ ...s, body }).response?.filters).toEqual([
    { on: 'prompt', category: 'jailbreak', filtered: false },
    { on: 'answer', category: 'violence', severity: 'medium', filtered: true },
  ]);
});

test('DeepSeek web patches: fragments, THINK as reasoning, bare v continuing the last path, BATCH status and usage', () => {
  const { response, events } = foldStream(stream('deepseek-web'));
  expect(shape(response)).toEqual({
    protocol: 'deepseek-web',
    model: undefined,
    text: '你好！😊 有什么可以帮你？',
    reasoning: '用户打招呼',
    finish: 'FINISHED',
    usage: { total: 41 },
    errors: [],
    complete: true,
  });
  expect(response?.responseId).toBe('2');
  expect(events.map((e) => e.piece?.text).filter(Boolean)).toEqual([
    '用户',
    '打',
    '招呼',
    '你好',
    '！😊',
    ' 有什么',
    '可以帮你？',
  ]);
  expect(response?.unusedTypes).toEqual({ update_session: 1 });
});

test('DeepSeek web, the earlier paths: content and thinking_content, with or without APPEND', () => {
  const { response } = foldStream(stream('deepseek-web-content'));
  expect(shape(response)).toEqual({
    protocol: 'deepseek-web',
    model: undefined,
    text: 'Привет, мир',
    reasoning: 'Short answer.',
    finish: 'FINISHED',
    usage: undefined,
    errors: [],
    complete: true,
  });
});

test('no false claims: every earlier fixture keeps its protocol, every new one its own', () => {
  const expected: Record<string, string> = {
    tgi: 'tgi',
    'llama-cpp': 'llama-cpp',
    vllm: 'openai-chat',
    groq: 'openai-chat',
    openrouter: 'openai-chat',
    azure: 'openai-chat',
    'deepseek-web': 'deepseek-web',
    'deepseek-web-content': 'deepseek-web',
  };
  for (const [name, s] of Object.entries(MORE_LLM_STREAMS))
    expect(foldStream(s).response?.protocol, name).toBe(expected[name]);
  for (const [name, s] of Object.entries({ ...LLM_STREAMS, ...AGENT_STREAMS })) {
    const protocol = foldStream(s).response?.protocol;
    expect(['tgi', 'llama-cpp', 'deepseek-web'], name).not.toContain(protocol);
  }
});

test('DeepSeek web, hostile patches: nested batches, unknown fragments and non-text values are not folded', () => {
  // Written as text: too deep for JSON.stringify, not for JSON.parse.
  const depth = 20_000;
  const nested = `${'[{"p":"x","o":"BATCH","v":'.repeat(depth)}[{"p":"content","v":"deep"}]${'}]'.repeat(depth)}`;
  const body = sse([
    { event: 'ready', data: { request_message_id: 1, response_message_id: 2 } },
    { data: `{"p":"response","o":"BATCH","v":${nested}}` },
    { data: { p: 'response/fragments/99/content', o: 'APPEND', v: 'nowhere' } },
    { data: { p: 'response/content', o: 'APPEND', v: 'ok' } },
    { data: { v: 5 } },
    { data: { p: 'response/content', o: 'SET', v: 'replaced' } },
  ]);
  const { response } = foldStream({ ...stream('deepseek-web-content'), body }, 65_536);
  expect(response?.protocol).toBe('deepseek-web');
  expect(response?.text).toBe('ok');
  expect(response?.unused).toBe(3);
});

test("llama.cpp's OpenAI-compatible chunks: the timings on the last are the server's speeds", () => {
  // tools/server's /v1/chat/completions adds `timings` to its final chunk (server-task.cpp).
  const body = sse([
    chat({ content: 'Hej' }),
    {
      data: {
        ...chat({}, { finish_reason: 'stop' }).data,
        timings: { prompt_per_second: 150, predicted_per_second: 31.5 },
      },
    },
    'data: [DONE]\n\n',
  ]);
  const { response } = foldStream({ ...stream('vllm'), body });
  expect(response?.protocol).toBe('openai-chat');
  expect(response?.serverTimings).toEqual({ output: 31.5, input: 150 });
  expect(timingOf(response as LlmResponse, 0).tokensPerSecond).toBe(31.5);
});
