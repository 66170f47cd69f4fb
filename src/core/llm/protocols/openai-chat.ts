/**
 * OpenAI's Chat Completions stream, and the many servers that speak it (DeepSeek, Mistral,
 * OpenRouter, vLLM, llama.cpp…): `data: {"object": "chat.completion.chunk", "choices": [{"delta":
 * …, "finish_reason": …}]}` events, then `data: [DONE]`. A delta carries `content`, `refusal`,
 * `tool_calls` (fragments keyed by `index`: the first has the id and name, later ones add to
 * `function.arguments`), and, from DeepSeek and others, `reasoning_content` (OpenRouter:
 * `reasoning`). With `stream_options.include_usage` a last chunk has empty `choices` and `usage`.
 * An error mid-stream comes as `{"error": {"message", "type", "code"}}` (OpenRouter's also has
 * `choices` ending with `finish_reason: "error"`). Legacy completions carry `choices[0].text`.
 * vLLM's `stream_options.continuous_usage_stats` puts the usage so far on every chunk: each
 * replaces the last (never summed). Groq puts the usage on the last chunk as `x_groq.usage`;
 * llama.cpp adds its `timings`; Azure its content filter annotations (./azure-filters).
 *
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @see https://github.com/openai/openai-node/blob/master/src/lib/ChatCompletionStream.ts
 * @see https://api-docs.deepseek.com/guides/reasoning_model
 * @see https://openrouter.ai/docs/api-reference/streaming (comments, errors mid-stream)
 * @see https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html (continuous_usage_stats)
 * @see https://github.com/groq/groq-typescript/blob/main/src/resources/chat/completions.ts (x_groq)
 */
import { isObject } from '../../plain-object';
import type { LlmEvent, Protocol } from '../protocol';
import {
  addArgs,
  addError,
  addReasoning,
  addRefusal,
  addText,
  addUsage,
  type LlmResponse,
  META,
  type Piece,
  setCall,
  setFinish,
  setModel,
  toolCall,
} from '../response';
import { readFilterResults, readPromptFilters } from './azure-filters';
import { readTimings } from './llama-cpp';
import { foldContentChunks } from './mistral';

const isChunk = (json: unknown): json is Record<string, unknown> =>
  isObject(json) &&
  Array.isArray(json.choices) &&
  (json.object === 'chat.completion.chunk' ||
    json.object === 'text_completion' ||
    // Azure's first chunk: the prompt's filter verdicts, no choices, an empty object.
    Array.isArray(json.prompt_filter_results) ||
    json.choices.some((choice) => isObject(choice) && (isObject(choice.delta) || typeof choice.text === 'string')));

function foldDelta(response: LlmResponse, time: number, delta: Record<string, unknown>): Piece | undefined {
  let piece: Piece | undefined;
  const reasoning = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : delta.reasoning;
  if (typeof reasoning === 'string' && reasoning !== '') {
    if (typeof delta.reasoning_content === 'string') response.dialect ??= 'reasoning_content (DeepSeek style)';
    piece = addReasoning(response, time, reasoning);
  }
  if (typeof delta.content === 'string' && delta.content !== '') piece = addText(response, time, delta.content);
  else if (Array.isArray(delta.content)) piece = foldContentChunks(response, time, delta.content) ?? piece;
  if (typeof delta.refusal === 'string' && delta.refusal !== '') piece = addRefusal(response, delta.refusal);
  if (Array.isArray(delta.tool_calls)) {
    for (const fragment of delta.tool_calls) {
      if (!isObject(fragment)) continue;
      const key = typeof fragment.index === 'number' ? String(fragment.index) : String(fragment.id ?? 0);
      const call = toolCall(response, key, time);
      const fn = isObject(fragment.function) ? fragment.function : {};
      setCall(call, { id: fragment.id, name: fn.name, kind: fragment.type });
      piece = addArgs(call, typeof fn.arguments === 'string' ? fn.arguments : '');
    }
  }
  return piece;
}

export const openAiChat: Protocol = {
  detect: (_event, json) => isChunk(json),

  fold(response, event: LlmEvent, json) {
    if (event.data.trim() === '[DONE]') {
      response.complete = true;
      return META;
    }
    let piece: Piece | undefined;
    if (isObject(json) && isObject(json.error))
      piece = addError(response, event.time, json.error.message, json.error.code ?? json.error.type);
    if (!isChunk(json)) return piece;
    setModel(response, json.model, json.id);
    readPromptFilters(response, json.prompt_filter_results);
    readTimings(response, json.timings);
    const groq = isObject(json.x_groq) ? json.x_groq : undefined;
    if (groq && isObject(groq.usage)) response.dialect = 'x_groq (Groq)';
    const usage = isObject(json.usage) ? json.usage : groq?.usage;
    if (isObject(usage)) {
      const input = isObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
      const output = isObject(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
      addUsage(response, {
        input: usage.prompt_tokens as number,
        output: usage.completion_tokens as number,
        total: usage.total_tokens as number,
        cached: (input.cached_tokens ?? usage.prompt_cache_hit_tokens) as number,
        reasoning: output.reasoning_tokens as number,
      });
    }
    for (const choice of json.choices as unknown[]) {
      // Only the first choice (n = 1, what nearly every app asks for) makes the answer.
      if (!isObject(choice) || (typeof choice.index === 'number' && choice.index !== 0)) continue;
      if (isObject(choice.delta)) piece = foldDelta(response, event.time, choice.delta) ?? piece;
      else if (typeof choice.text === 'string') piece = addText(response, event.time, choice.text);
      setFinish(response, choice.finish_reason);
      readFilterResults(response, 'answer', choice.content_filter_results);
    }
    return piece ?? META;
  },
};
