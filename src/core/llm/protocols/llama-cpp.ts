/**
 * llama.cpp server's native `/completion` stream (`"stream": true`): SSE events
 * `{"content": "…", "stop": false, "id_slot", "tokens"…}`; the last has `"stop": true`, why it
 * stopped (`stop_type`: `eos`, `limit`, `word` with the `stopping_word`, or `none`), the counts
 * (`tokens_evaluated`, `tokens_predicted`) and the server's own `timings` (`prompt_per_second`,
 * `predicted_per_second`…), shown as the speeds it measured. An error is `{"error": {"code",
 * "message", "type"}}`. (Its OpenAI-compatible endpoints are read by ./openai-chat.)
 *
 * @see https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md (POST /completion)
 * @see https://github.com/ggml-org/llama.cpp/blob/master/tools/server/server-task.cpp (to_json_non_oaicompat)
 */
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import { addError, addText, addUsage, type LlmResponse, META, type Piece, setFinish, setModel } from '../response';

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Reads llama.cpp's `timings` (the native stream's last event, and its OpenAI-style chunks'). */
export function readTimings(response: LlmResponse, timings: unknown): void {
  if (!isObject(timings)) return;
  const output = num(timings.predicted_per_second);
  const input = num(timings.prompt_per_second);
  if (output === undefined && input === undefined) return;
  response.serverTimings = {};
  if (output !== undefined) response.serverTimings.output = output;
  if (input !== undefined) response.serverTimings.input = input;
}

export const llamaCpp: Protocol = {
  detect: (_event, json) => isObject(json) && typeof json.content === 'string' && typeof json.stop === 'boolean',

  fold(response, event, json) {
    if (!isObject(json)) return undefined;
    if (isObject(json.error)) return addError(response, event.time, json.error.message, json.error.type);
    if (typeof json.stop !== 'boolean') return undefined;
    let piece: Piece = META;
    if (typeof json.content === 'string' && json.content !== '') piece = addText(response, event.time, json.content);
    if (json.stop) {
      setModel(response, json.model);
      const word = json.stop_type === 'word' && typeof json.stopping_word === 'string' ? `: ${json.stopping_word}` : '';
      if (typeof json.stop_type === 'string') setFinish(response, `${json.stop_type}${word}`);
      addUsage(response, { input: json.tokens_evaluated as number, output: json.tokens_predicted as number });
      readTimings(response, json.timings);
      response.complete = true;
    }
    return piece;
  },
};
