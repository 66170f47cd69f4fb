/**
 * Amazon Bedrock's streams, read from the AWS event stream (each AWS message an event of its
 * `:event-type`). `ConverseStream`: `messageStart` (the role), per content block an optional
 * `contentBlockStart` (a `toolUse` block's id and name), `contentBlockDelta`s (`text`,
 * `toolUse.input` as JSON fragments, `reasoningContent` with `text`, `signature` or
 * `redactedContent`, `citation`), `contentBlockStop`; `messageStop` (the `stopReason`) and
 * `metadata` (`usage`, `metrics.latencyMs`). Blocks are keyed by `contentBlockIndex`. Every
 * payload may carry a `p` field of padding, which says nothing. An exception (`:message-type:
 * exception`) is an event of its type, `throttlingException`, `validationException`…, with
 * `{"message"}`. `InvokeModelWithResponseStream` sends `chunk` events whose `bytes` are the
 * model's own stream event in base64: an Anthropic model's are folded as Anthropic's.
 *
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html
 */
import { fromBase64 } from '../../base64';
import { parseJson } from '../../json';
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import {
  addArgs,
  addCitation,
  addError,
  addReasoning,
  addText,
  addUsage,
  type LlmResponse,
  META,
  type Piece,
  setCall,
  setFinish,
  toolCall,
} from '../response';
import { anthropic } from './anthropic';

const EVENTS = new Set([
  'messageStart',
  'contentBlockStart',
  'contentBlockDelta',
  'contentBlockStop',
  'messageStop',
  'metadata',
]);

/** The dialect of a stream whose `chunk` events carry a model's own events. */
const INVOKE_DIALECT = 'InvokeModelWithResponseStream';

/** Bedrock's exceptions are named `…Exception` (ConverseStreamOutput's error members). */
const isException = (type: string) => type.endsWith('Exception');

function foldDelta(response: LlmResponse, key: string, delta: Record<string, unknown>, time: number): Piece {
  if (typeof delta.text === 'string') return addText(response, time, delta.text);
  if (isObject(delta.toolUse))
    return addArgs(toolCall(response, key, time), typeof delta.toolUse.input === 'string' ? delta.toolUse.input : '');
  if (isObject(delta.reasoningContent)) {
    const reasoning = delta.reasoningContent;
    if (typeof reasoning.text === 'string') return addReasoning(response, time, reasoning.text);
    if (reasoning.redactedContent !== undefined) return addReasoning(response, time, '[redacted reasoning]\n');
    return META;
  }
  if (isObject(delta.citation)) {
    const location = isObject(delta.citation.location) ? delta.citation.location : {};
    const web = isObject(location.web) ? location.web : {};
    addCitation(response, { title: delta.citation.title ?? web.domain, url: web.url });
  }
  return META;
}

/** An `InvokeModelWithResponseStream` chunk: the model's own event, folded by its protocol. */
function foldChunk(response: LlmResponse, time: number, json: Record<string, unknown>): Piece | undefined {
  if (typeof json.bytes !== 'string') return undefined;
  let inner: unknown;
  try {
    inner = parseJson(new TextDecoder().decode(fromBase64(json.bytes)))?.value;
  } catch {
    return undefined;
  }
  response.dialect = INVOKE_DIALECT;
  const event = { type: 'chunk', data: '', time };
  if (!anthropic.detect(event, inner, { url: '' }) && !(isObject(inner) && inner.type === 'error')) return undefined;
  const piece = anthropic.fold(response, event, inner);
  // Bedrock adds the invocation's metrics to the last chunk.
  const metrics = isObject(inner) ? inner['amazon-bedrock-invocationMetrics'] : undefined;
  if (isObject(metrics)) {
    addUsage(response, { input: metrics.inputTokenCount as number, output: metrics.outputTokenCount as number });
    if (typeof metrics.invocationLatency === 'number' && Number.isFinite(metrics.invocationLatency))
      response.latencyMs = metrics.invocationLatency;
  }
  return piece;
}

export const bedrockConverse: Protocol = {
  detect: (event, json, request) =>
    request.format === 'aws-eventstream' &&
    (EVENTS.has(event.type) || isException(event.type) || (event.type === 'chunk' && isObject(json))),

  fold(response, event, json) {
    const { time, type } = event;
    if (isException(type)) return addError(response, time, isObject(json) ? json.message : event.data, type);
    if (!isObject(json)) return undefined;
    const key = `#${String(json.contentBlockIndex ?? 0)}`;
    switch (type) {
      case 'messageStart':
      case 'contentBlockStop':
        return META;
      case 'contentBlockStart': {
        const start = isObject(json.start) ? json.start : {};
        if (isObject(start.toolUse)) {
          const call = toolCall(response, key, time);
          setCall(call, { id: start.toolUse.toolUseId, name: start.toolUse.name, kind: 'toolUse' });
          return { part: 'tool', text: '' };
        }
        return META;
      }
      case 'contentBlockDelta':
        return isObject(json.delta) ? foldDelta(response, key, json.delta, time) : META;
      case 'messageStop':
        setFinish(response, json.stopReason);
        response.complete = true;
        return META;
      case 'metadata': {
        const usage = isObject(json.usage) ? json.usage : {};
        addUsage(response, {
          input: usage.inputTokens as number,
          output: usage.outputTokens as number,
          cached: usage.cacheReadInputTokens as number,
          total: usage.totalTokens as number,
        });
        const metrics = isObject(json.metrics) ? json.metrics : {};
        if (typeof metrics.latencyMs === 'number' && Number.isFinite(metrics.latencyMs))
          response.latencyMs = metrics.latencyMs;
        return META;
      }
      case 'chunk':
        return foldChunk(response, time, json);
      default:
        return undefined;
    }
  },
};
