/**
 * LangGraph's streaming runs (LangGraph Platform, `POST /threads/{id}/runs/stream`, and
 * `langgraph dev`) and LangChain's `streamEvents` over LangServe. LangGraph names each event by
 * its stream mode, in the SSE `event:` field (a subgraph's as `mode|namespace`): `metadata`
 * (`run_id`), `messages` (messages-tuple mode: `[chunk, metadata]`, the chunk a *delta*),
 * `messages/partial` (`[message…]`, each message *so far*), `messages/metadata`,
 * `messages/complete`, `updates` (`{node: update}`), `values` (the state), `custom`, `debug`,
 * `error` (`{error, message}`) and `end`. A message chunk has `content` (text, or a list of
 * `{type: "text" | "thinking" | "reasoning"}` blocks), `tool_call_chunks` (`index`, `id`, `name`,
 * `args` fragments), `usage_metadata` and `response_metadata` (`finish_reason`, `model_name`).
 * LangServe's `stream_events` sends `event: data` with `{"event": "on_chat_model_stream", "data":
 * {"chunk": …}}` and `on_tool_end`.
 *
 * @see https://langchain-ai.github.io/langgraph/cloud/how-tos/streaming/
 * @see https://github.com/langchain-ai/langgraph/blob/main/libs/sdk-js/src/types.stream.ts
 * @see https://python.langchain.com/docs/how_to/streaming/#using-stream-events
 */
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import {
  addArgs,
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

const MODES = new Set([
  'metadata',
  'messages',
  'messages/partial',
  'messages/metadata',
  'messages/complete',
  'updates',
  'values',
  'custom',
  'debug',
  'tasks',
  'checkpoints',
  'events',
  'end',
  'error',
]);

/** How much of each message a `messages/partial` event had already shown. */
const shown = new WeakMap<LlmResponse, Map<string, { text: number; reasoning: number }>>();

const modeOf = (type: string): string => type.split('|')[0] as string;

function contentParts(content: unknown): { text: string; reasoning: string } {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  let text = '';
  let reasoning = '';
  if (Array.isArray(content))
    for (const block of content) {
      if (!isObject(block)) continue;
      if (block.type === 'text' && typeof block.text === 'string') text += block.text;
      else if (block.type === 'thinking' && typeof block.thinking === 'string') reasoning += block.thinking;
      else if (block.type === 'reasoning' && typeof block.reasoning === 'string') reasoning += block.reasoning;
    }
  return { text, reasoning };
}

function foldMeta(response: LlmResponse, message: Record<string, unknown>): void {
  const meta = isObject(message.response_metadata) ? message.response_metadata : {};
  setModel(response, meta.model_name ?? meta.model);
  setFinish(response, meta.finish_reason ?? meta.stop_reason ?? meta.done_reason);
  if (isObject(message.usage_metadata)) {
    const usage = message.usage_metadata;
    const input = isObject(usage.input_token_details) ? usage.input_token_details : {};
    const output = isObject(usage.output_token_details) ? usage.output_token_details : {};
    addUsage(response, {
      input: usage.input_tokens as number,
      output: usage.output_tokens as number,
      total: usage.total_tokens as number,
      cached: input.cache_read as number,
      reasoning: output.reasoning as number,
    });
  }
}

/** A message chunk: a delta of text, reasoning and tool-call arguments. */
function foldChunk(response: LlmResponse, chunk: Record<string, unknown>, time: number): Piece {
  let piece: Piece = META;
  const { text, reasoning } = contentParts(chunk.content);
  const extra = isObject(chunk.additional_kwargs) ? chunk.additional_kwargs.reasoning_content : undefined;
  if (typeof extra === 'string' && extra !== '') piece = addReasoning(response, time, extra);
  if (reasoning !== '') piece = addReasoning(response, time, reasoning);
  if (text !== '') piece = addText(response, time, text);
  if (Array.isArray(chunk.tool_call_chunks))
    for (const fragment of chunk.tool_call_chunks) {
      if (!isObject(fragment)) continue;
      const key = `${String(chunk.id ?? '')}#${String(fragment.index ?? fragment.id ?? 0)}`;
      const call = toolCall(response, key, time);
      setCall(call, { id: fragment.id, name: fragment.name, kind: 'tool_call' });
      piece = addArgs(call, typeof fragment.args === 'string' ? fragment.args : '');
    }
  foldMeta(response, chunk);
  return piece;
}

/** A whole message (from `updates`, `values` or a finished run): tool calls not yet seen, tool results. */
function foldWhole(response: LlmResponse, message: unknown, time: number): void {
  if (!isObject(message)) return;
  if ((message.type === 'tool' || message.type === 'ToolMessage') && typeof message.tool_call_id === 'string') {
    const call = response.tools.find((c) => c.id === message.tool_call_id);
    if (call) {
      call.result = contentParts(message.content).text || jsonText(message.content);
      call.resultError = message.status === 'error';
    }
    return;
  }
  if (Array.isArray(message.tool_calls))
    for (const whole of message.tool_calls) {
      if (!isObject(whole) || response.tools.some((c) => c.id !== undefined && c.id === whole.id)) continue;
      const call = toolCall(response, String(whole.id), time);
      setCall(call, { id: whole.id, name: whole.name, kind: 'tool_call' });
      call.args = jsonText(whole.args ?? {});
    }
}

function foldPartial(response: LlmResponse, messages: unknown[], time: number): Piece {
  let seen = shown.get(response);
  if (!seen) {
    seen = new Map();
    shown.set(response, seen);
  }
  let piece: Piece = META;
  for (const message of messages) {
    if (!isObject(message)) continue;
    const key = String(message.id ?? '');
    const before = seen.get(key) ?? { text: 0, reasoning: 0 };
    const { text, reasoning } = contentParts(message.content);
    if (reasoning.length > before.reasoning) piece = addReasoning(response, time, reasoning.slice(before.reasoning));
    if (text.length > before.text) piece = addText(response, time, text.slice(before.text));
    seen.set(key, {
      text: Math.max(text.length, before.text),
      reasoning: Math.max(reasoning.length, before.reasoning),
    });
    foldMeta(response, message);
    foldWhole(response, message, time);
  }
  return piece;
}

function foldUpdates(response: LlmResponse, value: unknown, time: number): void {
  if (!isObject(value)) return;
  for (const update of Object.values(value)) {
    const messages = isObject(update) ? update.messages : undefined;
    if (Array.isArray(messages)) for (const message of messages) foldWhole(response, message, time);
  }
}

export const langGraph: Protocol = {
  detect: (event, json) =>
    (isObject(json) && event.type === 'metadata' && typeof json.run_id === 'string') ||
    (modeOf(event.type).startsWith('messages') && Array.isArray(json)) ||
    (isObject(json) && typeof json.event === 'string' && json.event.startsWith('on_') && 'run_id' in json),

  fold(response, event, json) {
    const { time } = event;
    // LangServe's stream_events.
    if (isObject(json) && typeof json.event === 'string' && json.event.startsWith('on_')) {
      const data = isObject(json.data) ? json.data : {};
      const metadata = isObject(json.metadata) ? json.metadata : {};
      setModel(response, metadata.ls_model_name);
      if (json.event === 'on_chat_model_stream' && isObject(data.chunk)) return foldChunk(response, data.chunk, time);
      if (json.event === 'on_chat_model_end' && isObject(data.output)) foldWhole(response, data.output, time);
      if (json.event === 'on_tool_end') foldWhole(response, data.output, time);
      return META;
    }
    const mode = modeOf(event.type);
    switch (mode) {
      case 'messages': {
        // messages-tuple: [chunk, metadata].
        if (!Array.isArray(json)) return META;
        const [chunk, metadata] = json as unknown[];
        if (isObject(metadata)) setModel(response, metadata.ls_model_name);
        if (!isObject(chunk)) return META;
        if (chunk.type === 'tool' || chunk.type === 'ToolMessage') {
          foldWhole(response, chunk, time);
          return META;
        }
        return foldChunk(response, chunk, time);
      }
      case 'messages/partial':
      case 'messages/complete':
        return Array.isArray(json) ? foldPartial(response, json, time) : META;
      case 'updates':
        foldUpdates(response, json, time);
        return META;
      case 'values':
        if (isObject(json) && Array.isArray(json.messages)) for (const m of json.messages) foldWhole(response, m, time);
        return META;
      case 'error':
        return isObject(json)
          ? addError(response, time, json.message ?? json.error, json.error)
          : addError(response, time, event.data);
      case 'end':
        response.complete = true;
        return META;
      case 'data':
        return undefined;
      default:
        return MODES.has(mode) ? META : undefined;
    }
  },
};
