/**
 * AG-UI, the agent–user interaction protocol: the client (`HttpAgent`) POSTs a `RunAgentInput`
 * (`threadId`, `runId`, `state`, `messages`, `tools`) and reads SSE whose every `data:` is one JSON
 * event with a `type`: `RUN_STARTED`, `TEXT_MESSAGE_START` / `_CONTENT` (`delta`) / `_END` and
 * `TEXT_MESSAGE_CHUNK`, `TOOL_CALL_START` (`toolCallId`, `toolCallName`) / `_ARGS` (`delta`) /
 * `_END` / `_CHUNK` / `_RESULT` (`content`), `STATE_SNAPSHOT`, `STATE_DELTA` (a JSON Patch),
 * `MESSAGES_SNAPSHOT`, `REASONING_*` (and the older `THINKING_*`), `STEP_STARTED` / `_FINISHED`,
 * `RUN_FINISHED` (`outcome`, `result`, `usage`: token counts per provider and model) and
 * `RUN_ERROR` (`message`, `code`). The same events over NDJSON are read alike.
 *
 * @see https://docs.ag-ui.com/concepts/events
 * @see https://github.com/ag-ui-protocol/ag-ui/blob/main/sdks/typescript/packages/core/src/events.ts
 * @see https://github.com/ag-ui-protocol/ag-ui/blob/main/sdks/typescript/packages/client/src/apply/default.ts
 */
import { parseJson } from '../../json';
import { isObject } from '../../plain-object';
import { type AgUiRun, finishStep, newRun, patchState, snapshotState, startStep } from '../agui-run';
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
  type Usage,
} from '../response';

/** `@ag-ui/core`'s `EventType` (1.0.0), and the `THINKING_*` names servers before it send. */
const TYPES = new Set([
  'TEXT_MESSAGE_START',
  'TEXT_MESSAGE_CONTENT',
  'TEXT_MESSAGE_END',
  'TEXT_MESSAGE_CHUNK',
  'TOOL_CALL_START',
  'TOOL_CALL_ARGS',
  'TOOL_CALL_END',
  'TOOL_CALL_CHUNK',
  'TOOL_CALL_RESULT',
  'STATE_SNAPSHOT',
  'STATE_DELTA',
  'MESSAGES_SNAPSHOT',
  'ACTIVITY_SNAPSHOT',
  'ACTIVITY_DELTA',
  'RAW',
  'CUSTOM',
  'RUN_STARTED',
  'RUN_FINISHED',
  'RUN_ERROR',
  'STEP_STARTED',
  'STEP_FINISHED',
  'REASONING_START',
  'REASONING_MESSAGE_START',
  'REASONING_MESSAGE_CONTENT',
  'REASONING_MESSAGE_END',
  'REASONING_MESSAGE_CHUNK',
  'REASONING_END',
  'REASONING_ENCRYPTED_VALUE',
  'SUBAGENT_STARTED',
  'SUBAGENT_FINISHED',
  'SUBAGENT_ERROR',
  'THINKING_START',
  'THINKING_END',
  'THINKING_TEXT_MESSAGE_START',
  'THINKING_TEXT_MESSAGE_CONTENT',
  'THINKING_TEXT_MESSAGE_END',
]);

/** Which text message the answer is in, messages of other roles, and the call a bare chunk continues. */
interface Reading {
  message?: string;
  notAnswer: Set<string>;
  chunkCall?: string;
}
const readings = new WeakMap<LlmResponse, Reading>();

function readingOf(response: LlmResponse): Reading {
  let reading = readings.get(response);
  if (!reading) {
    reading = { notAnswer: new Set() };
    readings.set(response, reading);
  }
  return reading;
}

const runOf = (response: LlmResponse): AgUiRun => (response.agui ??= newRun());

/** Text of a message: a new message in the answer starts on a paragraph of its own. */
function addMessageText(response: LlmResponse, time: number, id: unknown, delta: unknown): Piece {
  const reading = readingOf(response);
  if (typeof id === 'string' && reading.notAnswer.has(id)) return META;
  if (typeof id === 'string' && id !== reading.message) {
    if (reading.message !== undefined && response.text !== '' && !response.text.endsWith('\n\n'))
      response.text += '\n\n';
    reading.message = id;
  }
  return addText(response, time, typeof delta === 'string' ? delta : '');
}

/** A tool's result: its text, or its content parts' text (`contentToText`), or the parts as JSON. */
function resultText(content: unknown): string {
  if (!Array.isArray(content)) return jsonText(content);
  const texts = content
    .filter((p) => isObject(p) && p.type === 'text')
    .map((p) => String((p as { text: unknown }).text));
  return texts.length > 0 ? texts.join('\n') : jsonText(content);
}

/** A run's token counts, one entry per provider and model: summed, as the protocol's accounting allows. */
function addRunUsage(response: LlmResponse, entries: unknown): void {
  if (!Array.isArray(entries)) return;
  const sum: Usage = {};
  const fields = [
    ['input', 'inputTokens'],
    ['output', 'outputTokens'],
    ['reasoning', 'reasoningTokens'],
    ['cached', 'cachedInputTokens'],
    ['total', 'totalTokens'],
  ] as const;
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    setModel(response, entry.model);
    for (const [key, wire] of fields)
      if (typeof entry[wire] === 'number') sum[key] = (sum[key] ?? 0) + (entry[wire] as number);
  }
  if (Object.keys(sum).length > 0) addUsage(response, sum);
}

function foldTool(response: LlmResponse, json: Record<string, unknown>, time: number): Piece {
  const reading = readingOf(response);
  const id = typeof json.toolCallId === 'string' ? json.toolCallId : reading.chunkCall;
  if (id === undefined) return META;
  const call = toolCall(response, id, time);
  setCall(call, { id, name: json.toolCallName });
  switch (json.type) {
    case 'TOOL_CALL_START':
      reading.chunkCall = id;
      return { part: 'tool', text: '' };
    case 'TOOL_CALL_CHUNK':
      reading.chunkCall = id;
      return addArgs(call, typeof json.delta === 'string' ? json.delta : '');
    case 'TOOL_CALL_ARGS':
      return addArgs(call, typeof json.delta === 'string' ? json.delta : '');
    case 'TOOL_CALL_RESULT':
      call.result = resultText(json.content);
      return META;
    default:
      return META;
  }
}

export const agUi: Protocol = {
  // RAW and CUSTOM alone say too little: any stream could name its events so.
  detect: (_event, json) =>
    isObject(json) &&
    typeof json.type === 'string' &&
    TYPES.has(json.type) &&
    json.type !== 'RAW' &&
    json.type !== 'CUSTOM',

  start(response, request) {
    // The client's state before the run is what it sent: the first delta patches that.
    const input = request.body === undefined ? undefined : parseJson(request.body)?.value;
    if (isObject(input) && typeof input.runId === 'string' && 'state' in input) runOf(response).state = input.state;
  },

  fold(response, event, json) {
    if (!isObject(json) || typeof json.type !== 'string' || !TYPES.has(json.type)) return undefined;
    const { time } = event;
    const run = runOf(response);
    switch (json.type) {
      case 'RUN_STARTED':
        if (typeof json.threadId === 'string') run.threadId = json.threadId;
        if (typeof json.runId === 'string') run.runId = json.runId;
        response.complete = false;
        return META;
      case 'TEXT_MESSAGE_START':
        if (typeof json.messageId === 'string' && typeof json.role === 'string' && json.role !== 'assistant')
          readingOf(response).notAnswer.add(json.messageId);
        return addMessageText(response, time, json.messageId, '');
      case 'TEXT_MESSAGE_CONTENT':
      case 'TEXT_MESSAGE_CHUNK':
        return addMessageText(response, time, json.messageId, json.delta);
      case 'REASONING_MESSAGE_CONTENT':
      case 'REASONING_MESSAGE_CHUNK':
      case 'THINKING_TEXT_MESSAGE_CONTENT':
        return addReasoning(response, time, typeof json.delta === 'string' ? json.delta : '');
      case 'TOOL_CALL_START':
      case 'TOOL_CALL_ARGS':
      case 'TOOL_CALL_END':
      case 'TOOL_CALL_CHUNK':
      case 'TOOL_CALL_RESULT':
        return foldTool(response, json, time);
      case 'STATE_SNAPSHOT':
        snapshotState(run, json.snapshot, time);
        return META;
      case 'STATE_DELTA':
        patchState(run, json.delta, time);
        return META;
      case 'MESSAGES_SNAPSHOT':
        if (Array.isArray(json.messages)) run.messages = json.messages;
        return META;
      case 'STEP_STARTED':
        startStep(run, json.stepName, time);
        return META;
      case 'STEP_FINISHED':
        finishStep(run, json.stepName, time);
        return META;
      case 'RUN_FINISHED': {
        response.complete = true;
        const outcome = isObject(json.outcome) && typeof json.outcome.type === 'string' ? json.outcome.type : 'success';
        run.outcome = outcome;
        setFinish(response, outcome);
        if (json.result !== undefined) run.result = JSON.stringify(json.result, null, 2);
        addRunUsage(response, json.usage);
        return META;
      }
      case 'RUN_ERROR':
        addRunUsage(response, json.usage);
        return addError(response, time, json.message, json.code);
      default:
        return META;
    }
  },
};
