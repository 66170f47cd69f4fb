/**
 * A2A, the agent-to-agent protocol, over JSON-RPC with SSE: the client POSTs `message/stream` or
 * `tasks/resubscribe` (0.3; 1.0 names them `SendStreamingMessage` and `SubscribeToTask`), and each
 * SSE event's data is a JSON-RPC response with the request's `id`, whose `result` is a `Task`, a
 * `Message`, a `TaskStatusUpdateEvent` (the task's new state, with `final` in 0.3) or a
 * `TaskArtifactUpdateEvent` (an artifact's parts, with `append` and `lastChunk`). 0.3 tells them
 * by `kind` (`task`, `message`, `status-update`, `artifact-update`); 1.0 by the field the result
 * has (`task`, `message`, `statusUpdate`, `artifactUpdate`). A JSON-RPC `error` ends the stream.
 *
 * @see https://a2a-protocol.org/v0.3.0/specification/#72-messagestream
 * @see https://a2a-protocol.org/latest/specification/
 * @see https://github.com/a2aproject/a2a-js/blob/main/src/client/transports/json_rpc_transport.ts
 */
import { parseJson } from '../../json';
import { isObject } from '../../plain-object';
import {
  type A2aLog,
  addArtifactChunk,
  endsStream,
  failedState,
  newA2aLog,
  readParts,
  taskOf,
  textOf,
} from '../a2a-task';
import type { Protocol } from '../protocol';
import { addError, addText, type LlmResponse, META, type Piece, setFinish } from '../response';

const METHODS = new Set(['message/stream', 'tasks/resubscribe', 'SendStreamingMessage', 'SubscribeToTask']);

type Result =
  | { kind: 'task' | 'message' | 'status' | 'artifact'; value: Record<string, unknown> }
  | { kind: undefined; value: undefined };

const KINDS_03 = {
  task: 'task',
  message: 'message',
  'status-update': 'status',
  'artifact-update': 'artifact',
} as const;
const FIELDS_10 = { task: 'task', message: 'message', statusUpdate: 'status', artifactUpdate: 'artifact' } as const;

function resultOf(result: unknown): Result {
  if (!isObject(result)) return { kind: undefined, value: undefined };
  if (typeof result.kind === 'string' && Object.hasOwn(KINDS_03, result.kind))
    return { kind: KINDS_03[result.kind as keyof typeof KINDS_03], value: result };
  for (const [field, kind] of Object.entries(FIELDS_10)) {
    const value = result[field];
    if (isObject(value)) return { kind, value };
  }
  return { kind: undefined, value: undefined };
}

const rpcOf = (value: unknown): Record<string, unknown> | undefined =>
  isObject(value) && value.jsonrpc === '2.0' ? value : undefined;

const idText = (id: unknown): string | undefined =>
  typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;

const logOf = (response: LlmResponse): A2aLog => (response.a2a ??= newA2aLog());

/** Where the answer stands: a new artifact or message starts a paragraph of its own. */
const lastSource = new WeakMap<LlmResponse, string>();

function answer(response: LlmResponse, source: string, text: string, time: number): Piece {
  if (text === '') return META;
  if (lastSource.get(response) !== source && response.text !== '') response.text += '\n\n';
  lastSource.set(response, source);
  return addText(response, time, text);
}

function foldStatus(response: LlmResponse, log: A2aLog, value: Record<string, unknown>, time: number, isTask: boolean) {
  const task = taskOf(log, isTask ? value.id : value.taskId, value.contextId);
  const status = isObject(value.status) ? value.status : {};
  const state = typeof status.state === 'string' ? status.state : undefined;
  const note = isObject(status.message) ? textOf(readParts(status.message.parts)) : '';
  const final = value.final === true;
  if (state !== undefined && (task.states.at(-1)?.state !== state || note !== '' || !isTask)) {
    const entry: (typeof task.states)[number] = { state, time };
    if (note !== '') entry.note = note;
    if (!isTask && 'final' in value) entry.final = final;
    task.states.push(entry);
  }
  if (state !== undefined && endsStream(state)) {
    setFinish(response, state);
    response.complete = true;
    if (failedState(state)) addError(response, time, note || state, state);
  }
  if (final) response.complete = true;
}

function foldMessage(response: LlmResponse, log: A2aLog, value: Record<string, unknown>, time: number): Piece {
  const text = textOf(readParts(value.parts));
  const entry: A2aLog['messages'][number] = { role: typeof value.role === 'string' ? value.role : '', text, time };
  if (typeof value.messageId === 'string') entry.messageId = value.messageId;
  if (typeof value.taskId === 'string') entry.taskId = value.taskId;
  log.messages.push(entry);
  // A message as the stream's result is the agent's whole answer.
  response.complete = true;
  return answer(response, `message ${entry.messageId ?? log.messages.length}`, text, time);
}

function foldResult(response: LlmResponse, result: Result, time: number): Piece {
  const log = logOf(response);
  switch (result.kind) {
    case 'task': {
      foldStatus(response, log, result.value, time, true);
      const task = taskOf(log, result.value.id);
      const seen = new Set(log.messages.map((m) => m.messageId));
      if (Array.isArray(result.value.history))
        for (const m of result.value.history)
          if (isObject(m) && !seen.has(m.messageId as string))
            log.messages.push({
              role: String(m.role ?? ''),
              text: textOf(readParts(m.parts)),
              messageId: String(m.messageId ?? ''),
              time,
            });
      let piece: Piece = META;
      if (Array.isArray(result.value.artifacts))
        for (const artifact of result.value.artifacts)
          if (isObject(artifact)) {
            const parts = addArtifactChunk(task, artifact, false, true, time);
            piece = answer(response, `artifact ${String(artifact.artifactId)}`, textOf(parts), time);
          }
      return piece;
    }
    case 'message':
      return foldMessage(response, log, result.value, time);
    case 'status':
      foldStatus(response, log, result.value, time, false);
      return META;
    case 'artifact': {
      const artifact = isObject(result.value.artifact) ? result.value.artifact : {};
      const task = taskOf(log, result.value.taskId, result.value.contextId);
      const parts = addArtifactChunk(
        task,
        artifact,
        result.value.append === true,
        result.value.lastChunk === true,
        time,
      );
      return answer(response, `artifact ${String(artifact.artifactId)}`, textOf(parts), time);
    }
    default:
      return META;
  }
}

export const a2a: Protocol = {
  detect: (_event, json, request) => {
    const sent = request.body === undefined ? undefined : rpcOf(parseJson(request.body)?.value);
    if (sent && typeof sent.method === 'string' && METHODS.has(sent.method)) return true;
    const rpc = rpcOf(json);
    return rpc !== undefined && resultOf(rpc.result).kind !== undefined;
  },

  start(response, request, time) {
    const log = logOf(response);
    const sent = request.body === undefined ? undefined : rpcOf(parseJson(request.body)?.value);
    if (!sent || typeof sent.method !== 'string') return;
    log.request = { method: sent.method, params: JSON.stringify(sent.params ?? null, null, 2), time };
    const id = idText(sent.id);
    if (id !== undefined) log.request.rpcId = id;
  },

  fold(response, event, json) {
    const rpc = rpcOf(json);
    if (!rpc) return undefined;
    const log = logOf(response);
    const id = idText(rpc.id);
    if (log.request?.rpcId === undefined || id === log.request.rpcId) {
      log.answers++;
      log.firstAnswer ??= event.time;
      log.lastAnswer = event.time;
    } else if (id !== undefined && !log.otherIds.includes(id)) log.otherIds.push(id);
    if (isObject(rpc.error)) return addError(response, event.time, rpc.error.message, rpc.error.code);
    const result = resultOf(rpc.result);
    return result.kind === undefined ? undefined : foldResult(response, result, event.time);
  },
};
