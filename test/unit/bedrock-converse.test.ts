import { expect, test } from '@playwright/test';
import { AwsEventStreamParser } from '../../src/core/aws-eventstream-parser';
import { toBase64 } from '../../src/core/base64';
import { type FoldedEvent, ResponseFolder } from '../../src/core/llm/fold';
import type { StreamFormat } from '../../src/core/model';
import { bedrockEvent, bedrockException, converseStream, joinBytes } from '../fixtures/aws-eventstream';

/** The stream as the panel folds it: its bytes in 9-byte chunks through the parser, each event into the folder. */
function fold(parts: Uint8Array[], format: StreamFormat = 'aws-eventstream') {
  const bytes = joinBytes(parts);
  const parser = new AwsEventStreamParser(1, 'http://127.0.0.1');
  const folder = new ResponseFolder(() => ({
    url: 'http://127.0.0.1/model/m/converse-stream',
    method: 'POST',
    format,
  }));
  const events: FoldedEvent[] = [];
  let time = 1000;
  for (let at = 0; at < bytes.length; at += 9) {
    time += 10;
    for (const record of parser.parse(time, bytes.subarray(at, at + 9))) {
      if (record.kind !== 'event') continue;
      const event: FoldedEvent = { type: record.type, data: record.data, time: record.time };
      events.push(event);
      folder.push(event);
    }
  }
  return { response: folder.response, events };
}

test('ConverseStream folds into the answer, reasoning, tool call, stop reason, usage and latency', () => {
  const { response, events } = fold(converseStream());
  expect(response).toMatchObject({
    protocol: 'bedrock-converse',
    text: 'Let me check the weather in Paris.',
    reasoning: 'The user wants the weather.',
    finish: 'tool_use',
    usage: { input: 412, output: 57, cached: 128, total: 469 },
    latencyMs: 1234,
    complete: true,
    errors: [],
    used: 14,
    unused: 0,
  });
  expect(response?.tools).toEqual([
    expect.objectContaining({
      key: '#2',
      id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
      name: 'get_weather',
      kind: 'toolUse',
      args: '{"city":"Paris"}',
    }),
  ]);
  // The table's preview: what each delta added.
  expect(events.map((e) => e.piece?.text ?? '')).toEqual([
    '',
    'The user wants ',
    'the weather.',
    '',
    '',
    'Let me check ',
    'the weather in Paris.',
    '',
    '',
    '{"city":',
    '"Paris"}',
    '',
    '',
    '',
  ]);
});

test('an exception mid-stream is an error with its type; the answer so far stays', () => {
  const { response } = fold([
    bedrockEvent('messageStart', { role: 'assistant' }),
    bedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hel' } }),
    bedrockException('throttlingException', 'Too many requests, please wait before trying again.'),
  ]);
  expect(response?.text).toBe('Hel');
  expect(response?.complete).toBe(false);
  expect(response?.errors).toEqual([
    {
      code: 'throttlingException',
      message: 'Too many requests, please wait before trying again.',
      time: expect.any(Number),
    },
  ]);
});

test('a stream that is only an exception is claimed and shows the error', () => {
  const { response } = fold([bedrockException('validationException', 'The provided model identifier is invalid.')]);
  expect(response?.protocol).toBe('bedrock-converse');
  expect(response?.errors.map((e) => [e.code, e.message])).toEqual([
    ['validationException', 'The provided model identifier is invalid.'],
  ]);
});

test('InvokeModelWithResponseStream chunks carry an Anthropic model’s events, folded as Anthropic’s', () => {
  const chunk = (event: unknown) =>
    bedrockEvent('chunk', { bytes: toBase64(new TextEncoder().encode(JSON.stringify(event))), p: 'ab' });
  const { response } = fold([
    chunk({
      type: 'message_start',
      message: { id: 'msg_bdrk_1', model: 'claude-3-5-haiku', usage: { input_tokens: 9 } },
    }),
    chunk({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    chunk({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Bonjour' } }),
    chunk({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } }),
    chunk({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': { inputTokenCount: 9, outputTokenCount: 3, invocationLatency: 321 },
    }),
  ]);
  expect(response).toMatchObject({
    protocol: 'bedrock-converse',
    dialect: 'InvokeModelWithResponseStream',
    model: 'claude-3-5-haiku',
    text: 'Bonjour',
    finish: 'end_turn',
    usage: { input: 9, output: 3 },
    latencyMs: 321,
    complete: true,
  });
});

test('the same event names over SSE are not claimed as Bedrock’s', () => {
  expect(fold(converseStream(), 'sse').response?.protocol).not.toBe('bedrock-converse');
});
