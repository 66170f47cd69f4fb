/**
 * The stream chat.deepseek.com's web app reads (`POST /api/v0/chat/completion`), undocumented: an
 * `event: ready` (`{"request_message_id", "response_message_id"}`), then JSON patches of the
 * message being written. What is read here is what public captures show:
 * - `{"v": {"response": {…}}}`: the message whole (`content`, `thinking_content`, `fragments`);
 * - `{"p": "response/content", "o": "APPEND", "v": "…"}` (and `response/thinking_content`):
 *   text added to the answer (the reasoning);
 * - `{"p": "response/fragments", "o": "APPEND", "v": [{"type": "THINK" | "RESPONSE", "content"}]}`
 *   new parts, then `{"p": "response/fragments/-1/content", "v": "…"}` (an index, -1 the last)
 *   text added to one: a `THINK` part's is reasoning, a `RESPONSE` part's the answer;
 * - `{"v": "…"}` alone: more text for the path last named (the web app's shorthand);
 * - `{"p": "response", "o": "BATCH", "v": [{"p": "status", "v": "FINISHED"},
 *   {"p": "accumulated_token_usage", "v": 115}]}`: several patches under one path;
 * - `event: finish`, `event: close`: the end.
 * A string on a text path is appended unless `o` is `SET`; a `SET` of text is not folded (counted unused).
 *
 * @see https://github.com/terminail/chromai-extension/blob/main/__tests__/request_response/deepseek/request-response-20251121.md (a captured stream)
 * @see https://github.com/CJackHwang/ds2api (a client of it: the earlier content and thinking_content paths)
 */
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import { addReasoning, addText, addUsage, type LlmResponse, META, type Piece, setFinish } from '../response';

interface PatchState {
  /** The path a bare `{"v": …}` continues. */
  path: string;
  /** The types of the message's fragments, in order (`THINK`, `RESPONSE`, `SEARCH`…). */
  fragments: string[];
}

const states = new WeakMap<LlmResponse, PatchState>();

function stateOf(response: LlmResponse): PatchState {
  let state = states.get(response);
  if (!state) {
    state = { path: '', fragments: [] };
    states.set(response, state);
  }
  return state;
}

function addTo(response: LlmResponse, time: number, kind: string | undefined, text: string): Piece | undefined {
  if (kind === 'THINK') return addReasoning(response, time, text);
  if (kind === 'RESPONSE') return addText(response, time, text);
  return undefined;
}

function addFragments(response: LlmResponse, time: number, state: PatchState, fragments: unknown): Piece | undefined {
  if (!Array.isArray(fragments)) return undefined;
  let piece: Piece | undefined;
  for (const fragment of fragments) {
    if (!isObject(fragment)) continue;
    const kind = typeof fragment.type === 'string' ? fragment.type : '';
    state.fragments.push(kind);
    if (typeof fragment.content === 'string') piece = addTo(response, time, kind, fragment.content) ?? piece;
  }
  return piece ?? META;
}

/** The message whole: the first patch, or a path of `response`. */
function addMessage(response: LlmResponse, time: number, state: PatchState, message: Record<string, unknown>): Piece {
  let piece: Piece = META;
  if (typeof message.thinking_content === 'string') piece = addReasoning(response, time, message.thinking_content);
  if (typeof message.content === 'string') piece = addText(response, time, message.content);
  piece = addFragments(response, time, state, message.fragments) ?? piece;
  setStatus(response, message.status);
  return piece;
}

function setStatus(response: LlmResponse, status: unknown): void {
  if (typeof status !== 'string' || status === 'WIP') return;
  setFinish(response, status);
  response.complete = true;
}

function apply(
  response: LlmResponse,
  time: number,
  state: PatchState,
  path: string,
  op: unknown,
  v: unknown,
): Piece | undefined {
  if (op === 'BATCH' && Array.isArray(v)) {
    let piece: Piece | undefined;
    // One level only: a page's nesting of batches must not cost a stack frame each.
    for (const patch of v)
      if (isObject(patch) && typeof patch.p === 'string' && patch.o !== 'BATCH')
        piece = apply(response, time, state, `${path}/${patch.p}`, patch.o, patch.v) ?? piece;
    return piece ?? META;
  }
  if (path === 'response/status') {
    setStatus(response, v);
    return META;
  }
  if (path === 'response/accumulated_token_usage') {
    addUsage(response, { total: v as number });
    return META;
  }
  if (path === 'response/fragments' && op === 'APPEND') return addFragments(response, time, state, v);
  if (path === 'response' && isObject(v)) return addMessage(response, time, state, v);
  if (typeof v !== 'string' || op === 'SET') return undefined;
  if (path === 'response/content') return addText(response, time, v);
  if (path === 'response/thinking_content') return addReasoning(response, time, v);
  const fragment = /^response\/fragments\/(-?\d+)\/content$/.exec(path);
  if (!fragment) return undefined;
  return addTo(response, time, state.fragments.at(Number(fragment[1])), v);
}

const isPatch = (json: unknown): json is Record<string, unknown> =>
  isObject(json) && 'v' in json && (json.p === undefined || typeof json.p === 'string');

export const deepSeekWeb: Protocol = {
  detect: (_event, json) =>
    isObject(json) &&
    ((typeof json.request_message_id === 'number' && typeof json.response_message_id === 'number') ||
      (isObject(json.v) && isObject(json.v.response)) ||
      (typeof json.p === 'string' && json.p.startsWith('response') && 'v' in json)),

  fold(response, event, json) {
    if (event.type === 'finish' || event.type === 'close') {
      response.complete = true;
      return META;
    }
    if (isObject(json) && typeof json.response_message_id === 'number') {
      response.responseId ??= String(json.response_message_id);
      return META;
    }
    if (!isPatch(json)) return undefined;
    const state = stateOf(response);
    if (json.p === undefined && isObject(json.v) && isObject(json.v.response))
      return addMessage(response, event.time, state, json.v.response);
    const path = typeof json.p === 'string' ? json.p : state.path;
    if (typeof json.p === 'string' && json.o !== 'BATCH') state.path = json.p;
    return apply(response, event.time, state, path, json.p === undefined ? 'APPEND' : json.o, json.v);
  },
};
