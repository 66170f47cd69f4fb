/**
 * The protocol modules on the cases a short fixture does not reach: server tools and their
 * results, failures and in-band errors of each protocol, MCP streams the server opens, and the
 * answer surviving an export and import.
 */
import { expect, test } from '@playwright/test';
import { type FoldedEvent, ResponseFolder } from '../../src/core/llm/fold';
import { joinPlainText } from '../../src/core/llm/plain-text';
import type { LlmRequest } from '../../src/core/llm/protocol';
import type { LlmResponse } from '../../src/core/llm/response';
import { CaptureStore } from '../../src/core/store/capture-store';
import { sourceOf, toCaptureFile } from '../../src/files/capture-file';
import { importCaptureFile, storeFromImport } from '../../src/files/capture-import';
import { findingSummary } from '../../src/ui/text/findings';

function fold(events: [string, unknown][], request: Partial<LlmRequest> = {}): LlmResponse | undefined {
  const folder = new ResponseFolder(() => ({ url: 'http://127.0.0.1/x', ...request }));
  events.forEach(([type, data], i) => {
    const event: FoldedEvent = { type, data: typeof data === 'string' ? data : JSON.stringify(data), time: 100 + i };
    folder.push(event);
  });
  return folder.response;
}

test('Anthropic server tools: the web search call with its input, its result and the sources it found', () => {
  const response = fold([
    [
      'message_start',
      { type: 'message_start', message: { id: 'm', model: 'claude-opus-4-1', usage: { input_tokens: 5 } } },
    ],
    [
      'content_block_start',
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
      },
    ],
    [
      'content_block_delta',
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"query": "sse retry"}' },
      },
    ],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    [
      'content_block_start',
      {
        type: 'content_block_start',
        index: 1,
        content_block: {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_1',
          content: [{ type: 'web_search_result', url: 'https://html.spec.whatwg.org/', title: 'HTML Standard' }],
        },
      },
    ],
    ['content_block_start', { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } }],
    [
      'content_block_delta',
      {
        type: 'content_block_delta',
        index: 2,
        delta: {
          type: 'citations_delta',
          citation: {
            type: 'web_search_result_location',
            cited_text: 'reconnection time',
            url: 'https://html.spec.whatwg.org/',
            title: 'HTML Standard',
          },
        },
      },
    ],
    [
      'content_block_delta',
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Use retry.' } },
    ],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 12 } }],
    ['message_stop', { type: 'message_stop' }],
  ]);
  expect(response?.tools.map((t) => [t.kind, t.name, t.args, t.result])).toEqual([
    [
      'server_tool_use',
      'web_search',
      '{"query": "sse retry"}',
      '[{"type":"web_search_result","url":"https://html.spec.whatwg.org/","title":"HTML Standard"}]',
    ],
  ]);
  expect(response?.citations).toEqual([
    { title: 'HTML Standard', url: 'https://html.spec.whatwg.org/' },
    { title: 'HTML Standard', url: 'https://html.spec.whatwg.org/', text: 'reconnection time' },
  ]);
  expect(response?.text).toBe('Use retry.');
  expect(response?.finish).toBe('end_turn');
});

test('failures in band: Responses failed, Gemini, Ollama, AI SDK 5 and LangGraph errors, and Cohere thinking', () => {
  const failed = fold([
    ['response.created', { type: 'response.created', response: { id: 'r', model: 'gpt-5', status: 'in_progress' } }],
    ['response.output_text.delta', { type: 'response.output_text.delta', item_id: 'm', delta: 'Hi' }],
    [
      'response.failed',
      {
        type: 'response.failed',
        response: { id: 'r', status: 'failed', error: { code: 'server_error', message: 'The model failed.' } },
      },
    ],
  ]);
  expect([failed?.text, failed?.finish, failed?.errors.map((e) => [e.message, e.code]), failed?.complete]).toEqual([
    'Hi',
    'failed',
    [['The model failed.', 'server_error']],
    true,
  ]);
  const gemini = fold([
    ['message', { candidates: [{ content: { parts: [{ text: 'Bon' }] } }] }],
    ['message', { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }],
  ]);
  expect(gemini?.errors.map((e) => [e.message, e.code])).toEqual([['The model is overloaded.', 'UNAVAILABLE']]);
  const ollama = fold([
    ['ndjson', { model: 'llama3.2', message: { role: 'assistant', content: 'x' }, done: false }],
    ['ndjson', { error: 'model runner has unexpectedly stopped' }],
  ]);
  expect(ollama?.errors.map((e) => e.message)).toEqual(['model runner has unexpectedly stopped']);
  const v5 = fold([
    ['message', { type: 'start' }],
    ['message', { type: 'text-delta', id: 't', delta: 'a' }],
    ['message', { type: 'error', errorText: 'Rate limit reached' }],
  ]);
  expect([v5?.protocol, v5?.errors.map((e) => e.message)]).toEqual(['ai-sdk-v5', ['Rate limit reached']]);
  const graph = fold([
    ['metadata', { run_id: 'r1' }],
    ['error', { error: 'GraphRecursionError', message: 'Recursion limit of 25 reached' }],
  ]);
  expect(graph?.errors.map((e) => [e.message, e.code])).toEqual([
    ['Recursion limit of 25 reached', 'GraphRecursionError'],
  ]);
  const cohere = fold([
    ['message-start', { type: 'message-start', id: 'c', delta: { message: { role: 'assistant' } } }],
    [
      'content-start',
      { type: 'content-start', index: 0, delta: { message: { content: { type: 'thinking', thinking: '' } } } },
    ],
    ['content-delta', { type: 'content-delta', index: 0, delta: { message: { content: { thinking: 'Hmm.' } } } }],
  ]);
  expect(cohere?.reasoning).toBe('Hmm.');
});

test('MCP over a GET stream the server opened: its own request (sampling) and an error answer to the client', () => {
  const response = fold([
    ['message', { jsonrpc: '2.0', id: 'srv-1', method: 'sampling/createMessage', params: { maxTokens: 10 } }],
    ['message', { jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'Unknown tool: nope' } }],
  ]);
  expect(response?.protocol).toBe('mcp');
  expect(response?.mcp?.primed).toBe(false);
  expect(response?.mcp?.messages.map((m) => [m.direction, m.kind, m.method, m.rpcId])).toEqual([
    ['received', 'request', 'sampling/createMessage', 'srv-1'],
    ['received', 'error', undefined, '3'],
  ]);
  expect(response?.errors.map((e) => [e.message, e.code])).toEqual([['Unknown tool: nope', '-32602']]);
  // Nothing the client sent is waiting: a GET stream is never "complete".
  expect(response?.complete).toBe(false);
});

test('an exported LLM stream, imported again, shows the same answer (the import folds its events again)', () => {
  const store = new CaptureStore();
  store.addDocument({ docId: 'd', url: 'http://127.0.0.1/', top: true, activatedAt: 1, frameId: 0 });
  const chunk = (content: string) =>
    `data: ${JSON.stringify({ object: 'chat.completion.chunk', model: 'm-1', choices: [{ index: 0, delta: { content } }] })}\n\n`;
  const text = `${chunk('Hello ')}${chunk('world')}data: [DONE]\n\n`;
  store.addRecords('d', [
    {
      kind: 'connection',
      seq: 1,
      time: 10,
      conn: 1,
      type: 'fetch',
      url: 'http://127.0.0.1/v1/chat',
      withCredentials: false,
      method: 'POST',
      requestHeaders: [],
    },
    {
      kind: 'response',
      seq: 2,
      time: 11,
      conn: 1,
      url: 'http://127.0.0.1/v1/chat',
      status: 200,
      statusText: 'OK',
      headers: [],
      format: 'sse',
    },
    { kind: 'lifecycle', seq: 3, time: 11, conn: 1, state: 'open' },
    { kind: 'chunk', seq: 4, time: 12, conn: 1, size: text.length, base64: Buffer.from(text).toString('base64') },
    { kind: 'lifecycle', seq: 5, time: 13, conn: 1, state: 'closed', reason: 'complete' },
  ]);
  expect(store.connections[0]?.llm?.response?.text).toBe('Hello world');
  const file = JSON.parse(JSON.stringify(toCaptureFile(sourceOf(store, findingSummary), 'test')));
  expect(file.connections[0].answer).toEqual({
    protocol: 'openai-chat',
    model: 'm-1',
    text: 'Hello world',
    reasoning: '',
    toolCalls: [],
    citations: [],
    errors: [],
    complete: true,
  });
  const again = storeFromImport(importCaptureFile(file).capture);
  expect(again.connections[0]?.llm?.response?.text).toBe('Hello world');
  expect(again.events.map((e) => e.piece?.text)).toEqual(['Hello ', 'world', undefined]);
});

test('generic events do not claim a stream: a bare ping, start or finish, or JSON with neither choices nor candidates', () => {
  const generic: [string, unknown][] = [
    ['message', { type: 'ping' }],
    ['message', { type: 'start' }],
    ['message', { type: 'finish' }],
    ['message', { type: 'debug' }],
    ['message', { object: 'list', data: [] }],
    ['message', { done: true }],
    ['message', { jsonrpc: '1.0', id: 1 }],
    ['message', { event: 'update', value: 3 }],
  ];
  expect(fold(generic)).toBeUndefined();
  // The same first events, then a part only the AI SDK 5 sends: claimed then, the held ones folded
  // (start and finish are its parts; the ping is not, and is counted as unused).
  const late = fold([...generic.slice(0, 3), ['message', { type: 'text-delta', id: 't', delta: 'ok' }]]);
  expect([late?.protocol, late?.text, late?.used, late?.unusedTypes]).toEqual(['ai-sdk-v5', 'ok', 3, { message: 1 }]);
});

test('plain text: pieces of one text are joined as they came; whole messages one a line, not run together', () => {
  const of = (...data: string[]) => joinPlainText(data.map((d) => ({ data: d })));
  expect(of('Hello', ' world', '!', '[DONE]')).toEqual({ text: 'Hello world!', parts: 3, pieces: true });
  expect(of('green', 'amber', '{"json":1}')).toEqual({ text: 'green\namber', parts: 2, pieces: false });
  expect(of('{"a":1}', '[DONE]')).toBeUndefined();
});
