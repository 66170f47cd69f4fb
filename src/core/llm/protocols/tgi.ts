/**
 * Hugging Face Text Generation Inference's `/generate_stream`: one SSE event a token,
 * `{"index", "token": {"id", "text", "logprob", "special"}, "generated_text": null, "details": null}`;
 * the last also carries the whole `generated_text` and `details` (`finish_reason`: `length`,
 * `eos_token` or `stop_sequence`; `generated_tokens`, `seed`, and on newer servers `input_length`).
 * Special tokens (`</s>`, `<|eot_id|>`…) are the model's markers, not its answer: they are left out
 * of the text. An error is an event `{"error": "…", "error_type": "…"}`.
 *
 * @see https://github.com/huggingface/text-generation-inference/blob/main/router/src/lib.rs (StreamResponse, StreamDetails, Token, ErrorResponse)
 * @see https://huggingface.github.io/text-generation-inference/#/Text%20Generation%20Inference/generate_stream
 */
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import { addError, addText, addUsage, META, setFinish } from '../response';

const isToken = (token: unknown): token is Record<string, unknown> =>
  isObject(token) && typeof token.text === 'string' && typeof token.special === 'boolean';

export const tgi: Protocol = {
  detect: (_event, json) => isObject(json) && isToken(json.token),

  fold(response, event, json) {
    if (!isObject(json)) return undefined;
    if (typeof json.error === 'string') return addError(response, event.time, json.error, json.error_type);
    if (!isToken(json.token)) return undefined;
    const piece = json.token.special ? META : addText(response, event.time, json.token.text as string);
    if (isObject(json.details)) {
      setFinish(response, json.details.finish_reason);
      addUsage(response, {
        output: json.details.generated_tokens as number,
        input: json.details.input_length as number,
      });
      response.complete = true;
    }
    return piece;
  },
};
