/**
 * The text an LLM stream spells out, joined from its deltas: OpenAI's chat completions
 * (`choices[0].delta.content`, ending with `[DONE]`), Anthropic's messages (`content_block_delta`
 * with `delta.text`), OpenAI's Responses API (`response.output_text.delta`), or plain text events.
 */
import { parseJson } from './json';
import { isObject } from './plain-object';
export type AssembledFormat = 'openai' | 'anthropic' | 'responses' | 'text';

export interface Assembled {
  format: AssembledFormat;
  text: string;
  /** Events that contributed. */
  parts: number;
}

/** The text delta an event carries, and in which format; undefined when it carries none. */
function delta(type: string, data: string): { format: AssembledFormat; text: string } | undefined {
  const json = parseJson(data)?.value;
  if (!isObject(json)) return undefined;
  const choices = json.choices;
  if (Array.isArray(choices) && isObject(choices[0])) {
    const piece = isObject(choices[0].delta) ? choices[0].delta.content : choices[0].text;
    return typeof piece === 'string' ? { format: 'openai', text: piece } : undefined;
  }
  if ((type === 'content_block_delta' || json.type === 'content_block_delta') && isObject(json.delta)) {
    return typeof json.delta.text === 'string' ? { format: 'anthropic', text: json.delta.text } : undefined;
  }
  if (json.type === 'response.output_text.delta' && typeof json.delta === 'string')
    return { format: 'responses', text: json.delta };
  return undefined;
}

/** Joins a connection's events; undefined when they are neither an LLM stream nor text. */
export function assemble(events: readonly { type: string; data: string }[]): Assembled | undefined {
  let format: AssembledFormat | undefined;
  let text = '';
  let parts = 0;
  for (const event of events) {
    const piece = delta(event.type, event.data);
    if (piece) {
      format ??= piece.format;
      text += piece.text;
      parts++;
    }
  }
  if (format) return { format, text, parts };
  // Plain text: events whose data is not JSON, joined as they came ([DONE]-style markers left out).
  for (const event of events) {
    if (parseJson(event.data) !== undefined || event.data === '[DONE]') continue;
    text += event.data;
    parts++;
  }
  return parts > 0 ? { format: 'text', text, parts } : undefined;
}
