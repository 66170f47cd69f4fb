/**
 * Ollama's native API, streamed as NDJSON (`application/x-ndjson`): `/api/chat` lines carry
 * `message: {role, content, thinking, tool_calls}`, `/api/generate` lines `response` and
 * `thinking`; each has `model` and `done`. The last line has `done: true`, `done_reason` and the
 * counts (`prompt_eval_count`, `eval_count`, and durations in nanoseconds). Tool calls come whole
 * (`{function: {name, arguments}}`, arguments an object). An error is a line `{"error": "…"}`.
 *
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 * @see https://github.com/ollama/ollama-js/blob/main/src/interfaces.ts
 */
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import {
  addError,
  addReasoning,
  addText,
  addUsage,
  jsonText,
  META,
  type Piece,
  setCall,
  setFinish,
  setModel,
  toolCall,
} from '../response';

export const ollama: Protocol = {
  detect: (_event, json) =>
    isObject(json) &&
    typeof json.done === 'boolean' &&
    typeof json.model === 'string' &&
    (isObject(json.message) || typeof json.response === 'string'),

  fold(response, event, json) {
    if (!isObject(json)) return undefined;
    const { time } = event;
    if (typeof json.error === 'string') return addError(response, time, json.error);
    if (typeof json.done !== 'boolean') return undefined;
    setModel(response, json.model);
    const message = isObject(json.message) ? json.message : json;
    let piece: Piece = META;
    if (typeof message.thinking === 'string' && message.thinking !== '')
      piece = addReasoning(response, time, message.thinking);
    const text = isObject(json.message) ? message.content : json.response;
    if (typeof text === 'string' && text !== '') piece = addText(response, time, text);
    if (Array.isArray(message.tool_calls)) {
      for (const fragment of message.tool_calls) {
        if (!isObject(fragment) || !isObject(fragment.function)) continue;
        const call = toolCall(response, `call ${response.tools.length + 1}`, time);
        setCall(call, { id: fragment.id, name: fragment.function.name, kind: 'function' });
        call.args = jsonText(fragment.function.arguments ?? {});
        piece = { part: 'tool', text: call.args };
      }
    }
    if (json.done) {
      setFinish(response, json.done_reason ?? 'stop');
      addUsage(response, { input: json.prompt_eval_count as number, output: json.eval_count as number });
      response.complete = true;
    }
    return piece;
  },
};
