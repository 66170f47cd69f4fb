/**
 * Anthropic's Messages stream: `message_start` (the message's id, model and input usage), then
 * per content block `content_block_start` (its type: `text`, `thinking`, `redacted_thinking`,
 * `tool_use`, `server_tool_use`, `web_search_tool_result`…), `content_block_delta`s (`text_delta`,
 * `thinking_delta`, `input_json_delta` with `partial_json`, `citations_delta`, `signature_delta`)
 * and `content_block_stop`; `message_delta` (the `stop_reason` and output usage) and
 * `message_stop`. `ping` keeps the stream alive; `event: error` carries
 * `{"type": "error", "error": {"type", "message"}}`. Blocks are keyed by `index`.
 *
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @see https://github.com/anthropics/anthropic-sdk-typescript/blob/main/src/lib/MessageStream.ts
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
  jsonText,
  type LlmResponse,
  META,
  type Piece,
  setCall,
  setFinish,
  setModel,
  toolCall,
} from '../response';

const TYPES = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
]);

function foldUsage(response: LlmResponse, usage: unknown): void {
  if (!isObject(usage)) return;
  addUsage(response, {
    input: usage.input_tokens as number,
    output: usage.output_tokens as number,
    cached: usage.cache_read_input_tokens as number,
  });
}

function foldBlockStart(response: LlmResponse, key: string, block: Record<string, unknown>, time: number): Piece {
  switch (block.type) {
    case 'text':
      return addText(response, time, typeof block.text === 'string' ? block.text : '');
    case 'thinking':
      return addReasoning(response, time, typeof block.thinking === 'string' ? block.thinking : '');
    case 'redacted_thinking':
      return addReasoning(response, time, '[redacted thinking]\n');
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use': {
      const call = toolCall(response, key, time);
      setCall(call, { id: block.id, name: block.name, kind: block.type });
      // The input streams as JSON fragments; a block that starts with a non-empty input keeps it.
      if (isObject(block.input) && Object.keys(block.input).length > 0) call.args = jsonText(block.input);
      return { part: 'tool', text: '' };
    }
    default: {
      // Results of server tools (`web_search_tool_result`, `code_execution_tool_result`…) come whole.
      if (typeof block.type === 'string' && block.type.endsWith('_tool_result')) {
        const call = response.tools.find((c) => c.id === block.tool_use_id);
        const content = block.content;
        if (call) {
          call.result = jsonText(content);
          call.resultError = isObject(content) && typeof content.error_code === 'string';
        }
        if (Array.isArray(content))
          for (const item of content) if (isObject(item)) addCitation(response, { title: item.title, url: item.url });
      }
      return META;
    }
  }
}

function foldDelta(response: LlmResponse, key: string, delta: Record<string, unknown>, time: number): Piece {
  switch (delta.type) {
    case 'text_delta':
      return addText(response, time, typeof delta.text === 'string' ? delta.text : '');
    case 'thinking_delta':
      return addReasoning(response, time, typeof delta.thinking === 'string' ? delta.thinking : '');
    case 'input_json_delta':
      return addArgs(toolCall(response, key, time), typeof delta.partial_json === 'string' ? delta.partial_json : '');
    case 'citations_delta':
      if (isObject(delta.citation))
        addCitation(response, {
          title: delta.citation.title ?? delta.citation.document_title,
          url: delta.citation.url,
          text: delta.citation.cited_text,
        });
      return META;
    default:
      return META;
  }
}

export const anthropic: Protocol = {
  // `ping` alone says nothing: other streams ping too.
  detect: (_event, json) =>
    isObject(json) && typeof json.type === 'string' && json.type !== 'ping' && TYPES.has(json.type),

  fold(response, event, json) {
    if (!isObject(json)) return undefined;
    const { time } = event;
    const key = `#${String(json.index ?? 0)}`;
    switch (json.type) {
      case 'message_start':
        if (isObject(json.message)) {
          setModel(response, json.message.model, json.message.id);
          foldUsage(response, json.message.usage);
        }
        return META;
      case 'content_block_start':
        return isObject(json.content_block) ? foldBlockStart(response, key, json.content_block, time) : META;
      case 'content_block_delta':
        return isObject(json.delta) ? foldDelta(response, key, json.delta, time) : META;
      case 'content_block_stop':
      case 'ping':
        return META;
      case 'message_delta':
        if (isObject(json.delta)) setFinish(response, json.delta.stop_reason);
        foldUsage(response, json.usage);
        return META;
      case 'message_stop':
        response.complete = true;
        return META;
      case 'error':
        return isObject(json.error)
          ? addError(response, time, json.error.message, json.error.type)
          : addError(response, time, event.data);
      default:
        return undefined;
    }
  },
};
