/**
 * OpenAI's Responses API stream: each event's type names it (`response.created`,
 * `response.output_item.added`, `response.output_text.delta`,
 * `response.reasoning_summary_text.delta`, `response.function_call_arguments.delta`,
 * `response.completed` / `incomplete` / `failed`, and `error`), in the SSE `event:` field and in
 * the data's `type`. Output items are keyed by `item_id` (or `output_index`); a function call's
 * item carries its `call_id` and `name`, and its arguments stream as deltas. Usage and the final
 * status come with `response.completed`.
 *
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 * @see https://github.com/openai/openai-node/blob/master/src/lib/responses/ResponseStream.ts
 */
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import {
  addArgs,
  addCitation,
  addError,
  addReasoning,
  addRefusal,
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

const itemKey = (json: Record<string, unknown>): string =>
  typeof json.item_id === 'string' ? json.item_id : `#${String(json.output_index ?? 0)}`;

function foldResponseObject(response: LlmResponse, value: unknown, time: number): void {
  if (!isObject(value)) return;
  setModel(response, value.model, value.id);
  if (typeof value.status === 'string' && value.status !== 'in_progress' && value.status !== 'queued')
    setFinish(response, isObject(value.incomplete_details) ? value.incomplete_details.reason : value.status);
  if (isObject(value.usage)) {
    const usage = value.usage;
    const input = isObject(usage.input_tokens_details) ? usage.input_tokens_details : {};
    const output = isObject(usage.output_tokens_details) ? usage.output_tokens_details : {};
    addUsage(response, {
      input: usage.input_tokens as number,
      output: usage.output_tokens as number,
      total: usage.total_tokens as number,
      cached: input.cached_tokens as number,
      reasoning: output.reasoning_tokens as number,
    });
  }
  if (isObject(value.error)) addError(response, time, value.error.message, value.error.code);
}

const TOOL_ITEMS = new Set([
  'function_call',
  'custom_tool_call',
  'web_search_call',
  'file_search_call',
  'code_interpreter_call',
  'mcp_call',
  'computer_call',
  'image_generation_call',
]);

function foldItem(response: LlmResponse, item: unknown, key: string, time: number, done: boolean): void {
  if (!isObject(item) || typeof item.type !== 'string' || !TOOL_ITEMS.has(item.type)) return;
  const call = toolCall(response, typeof item.id === 'string' ? item.id : key, time);
  setCall(call, { id: item.call_id ?? item.id, name: item.name ?? item.type, kind: item.type });
  if (done && typeof item.arguments === 'string' && call.args === '') call.args = item.arguments;
  if (done && item.type !== 'function_call' && isObject(item.action)) call.args ||= jsonText(item.action);
  if (done && item.output !== undefined && item.output !== null) call.result = jsonText(item.output);
}

export const openAiResponses: Protocol = {
  detect: (_event, json) => isObject(json) && typeof json.type === 'string' && json.type.startsWith('response.'),

  fold(response, event, json): Piece | undefined {
    if (!isObject(json) || typeof json.type !== 'string') return undefined;
    const { time } = event;
    switch (json.type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        foldResponseObject(response, json.response, time);
        return META;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        foldResponseObject(response, json.response, time);
        response.complete = true;
        return META;
      case 'error':
        return addError(response, time, json.message, json.code);
      case 'response.output_text.delta':
        return typeof json.delta === 'string' ? addText(response, time, json.delta) : META;
      case 'response.refusal.delta':
        return typeof json.delta === 'string' ? addRefusal(response, json.delta) : META;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return typeof json.delta === 'string' ? addReasoning(response, time, json.delta) : META;
      case 'response.reasoning_summary_part.added':
        // Summary parts are paragraphs: keep them apart.
        if (response.reasoning !== '' && !response.reasoning.endsWith('\n\n')) response.reasoning += '\n\n';
        return META;
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
      case 'response.mcp_call_arguments.delta': {
        const call = toolCall(response, itemKey(json), time);
        return addArgs(call, typeof json.delta === 'string' ? json.delta : '');
      }
      case 'response.output_item.added':
      case 'response.output_item.done':
        foldItem(response, json.item, itemKey(json), time, json.type === 'response.output_item.done');
        return META;
      case 'response.output_text.annotation.added':
        if (isObject(json.annotation))
          addCitation(response, { title: json.annotation.title ?? json.annotation.filename, url: json.annotation.url });
        return META;
      default:
        // Every other `response.*` event (part added/done, text done, search progress) is bookkeeping.
        return json.type.startsWith('response.') ? META : undefined;
    }
  },
};
