/**
 * Mistral's chat completions stream: the OpenAI chat envelope, except that `delta.content` may be
 * an array of chunks rather than a string. A reasoning model (Magistral) sends
 * `{type: "thinking", thinking: [{type: "text", text}]}` before `{type: "text", text}`; web search
 * answers carry `{type: "reference", reference_ids}`. The envelope is folded by ./openai-chat,
 * which hands content arrays here.
 *
 * @see https://docs.mistral.ai/capabilities/reasoning/
 * @see https://github.com/mistralai/client-python/blob/main/src/mistralai/models/thinkchunk.py
 */
import { isObject } from '../../plain-object';
import { addCitation, addReasoning, addText, type LlmResponse, type Piece } from '../response';

const MISTRAL_DIALECT = 'Mistral content chunks';

/** Folds a content array; returns what it added (text before reasoning when it has both). */
export function foldContentChunks(response: LlmResponse, time: number, chunks: readonly unknown[]): Piece | undefined {
  response.dialect = MISTRAL_DIALECT;
  let text: Piece | undefined;
  let reasoning: Piece | undefined;
  for (const chunk of chunks) {
    if (!isObject(chunk)) continue;
    if (chunk.type === 'text' && typeof chunk.text === 'string') {
      const piece = addText(response, time, chunk.text);
      text = text ? { part: 'text', text: text.text + piece.text } : piece;
    } else if (chunk.type === 'thinking' && Array.isArray(chunk.thinking)) {
      for (const inner of chunk.thinking) {
        if (!isObject(inner) || typeof inner.text !== 'string') continue;
        const piece = addReasoning(response, time, inner.text);
        reasoning = reasoning ? { part: 'reasoning', text: reasoning.text + piece.text } : piece;
      }
    } else if (chunk.type === 'reference' && Array.isArray(chunk.reference_ids)) {
      for (const id of chunk.reference_ids) addCitation(response, { title: `reference ${String(id)}` });
    }
  }
  return text ?? reasoning;
}
