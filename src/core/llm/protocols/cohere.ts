/**
 * Cohere's v2 Chat stream: typed events, each `{"type", "index", "delta": {"message": …}}`:
 * `message-start` (the message id), `content-start` / `content-delta` / `content-end` (content
 * `{type: "text", text}`, or `{type: "thinking", thinking}` from reasoning models),
 * `tool-plan-delta` (the model's plan before it calls tools: shown as reasoning),
 * `tool-call-start` (`tool_calls: {id, function: {name, arguments}}`) / `tool-call-delta` /
 * `tool-call-end`, `citation-start` / `citation-end`, and `message-end` with `finish_reason` and
 * `usage` (`billed_units` and `tokens`). The SSE `event:` field repeats the type.
 *
 * @see https://docs.cohere.com/v2/docs/streaming
 * @see https://docs.cohere.com/v2/reference/chat-stream
 */
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import {
  addArgs,
  addCitation,
  addError,
  addReasoning,
  addText,
  addUsage,
  META,
  type Piece,
  setCall,
  setFinish,
  setModel,
  toolCall,
} from '../response';

const TYPES = new Set([
  'message-start',
  'content-start',
  'content-delta',
  'content-end',
  'tool-plan-delta',
  'tool-call-start',
  'tool-call-delta',
  'tool-call-end',
  'citation-start',
  'citation-end',
  'message-end',
  'debug',
]);

const messageOf = (json: Record<string, unknown>): Record<string, unknown> =>
  isObject(json.delta) && isObject(json.delta.message) ? json.delta.message : {};

export const cohere: Protocol = {
  detect: (_event, json) =>
    isObject(json) && typeof json.type === 'string' && json.type !== 'debug' && TYPES.has(json.type),

  fold(response, event, json) {
    if (!isObject(json) || typeof json.type !== 'string') return undefined;
    const { time } = event;
    const message = messageOf(json);
    const key = `#${String(json.index ?? 0)}`;
    switch (json.type) {
      case 'message-start':
        setModel(response, undefined, json.id);
        return META;
      case 'content-start':
      case 'content-delta': {
        const content = isObject(message.content) ? message.content : {};
        let piece: Piece = META;
        if (typeof content.thinking === 'string') piece = addReasoning(response, time, content.thinking);
        if (typeof content.text === 'string') piece = addText(response, time, content.text);
        return piece;
      }
      case 'tool-plan-delta':
        return typeof message.tool_plan === 'string' ? addReasoning(response, time, message.tool_plan) : META;
      case 'tool-call-start':
      case 'tool-call-delta': {
        const fragment = isObject(message.tool_calls) ? message.tool_calls : {};
        const fn = isObject(fragment.function) ? fragment.function : {};
        const call = toolCall(response, key, time);
        setCall(call, { id: fragment.id, name: fn.name, kind: fragment.type });
        return addArgs(call, typeof fn.arguments === 'string' ? fn.arguments : '');
      }
      case 'citation-start': {
        const citation = isObject(message.citations) ? message.citations : {};
        const sources = Array.isArray(citation.sources) ? citation.sources : [];
        const first = sources.find(isObject);
        const document = first && isObject(first.document) ? first.document : {};
        addCitation(response, { text: citation.text, title: document.title ?? first?.id, url: document.url });
        return META;
      }
      case 'message-end': {
        const delta = isObject(json.delta) ? json.delta : {};
        setFinish(response, delta.finish_reason);
        const usage = isObject(delta.usage) ? delta.usage : {};
        const tokens = isObject(usage.tokens) ? usage.tokens : isObject(usage.billed_units) ? usage.billed_units : {};
        addUsage(response, { input: tokens.input_tokens as number, output: tokens.output_tokens as number });
        if (isObject(delta.error) || typeof delta.error === 'string')
          addError(response, time, isObject(delta.error) ? delta.error.message : delta.error);
        response.complete = true;
        return META;
      }
      default:
        return META;
    }
  },
};
