/**
 * The Model Context Protocol's Streamable HTTP transport: the client POSTs a JSON-RPC message (a
 * request, or in older revisions a batch) and the server may answer with an SSE stream whose
 * events each carry one JSON-RPC message: its own requests and notifications (`notifications/
 * progress` with the request's `progressToken`, `notifications/message` for logging), then the
 * response to the client's request, by `id`. A client's GET opens a stream for the server's own
 * messages. Events carry `id`s so a dropped stream can be resumed with `Last-Event-ID`; since
 * 2025-11-25 the server primes a stream with an event that has an id and empty data.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 * @see https://github.com/modelcontextprotocol/typescript-sdk/blob/main/src/client/streamableHttp.ts
 */
import { parseJson } from '../../json';
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import {
  addError,
  jsonText,
  type LlmResponse,
  type McpLog,
  type McpMessage,
  META,
  type Piece,
  setCall,
  toolCall,
} from '../response';

const isRpc = (value: unknown): value is Record<string, unknown> => isObject(value) && value.jsonrpc === '2.0';

function pretty(value: unknown): string {
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2) ?? '';
  } catch {
    return String(value);
  }
}

/** Requests the client sent that are not answered yet: the stream is complete when none is left. */
const unanswered = new WeakMap<LlmResponse, Set<string>>();

const logOf = (response: LlmResponse): McpLog => (response.mcp ??= { messages: [], eventIds: [], primed: false });

function messageOf(rpc: Record<string, unknown>, direction: McpMessage['direction'], time: number): McpMessage {
  const hasId = typeof rpc.id === 'string' || typeof rpc.id === 'number';
  const message: McpMessage = {
    direction,
    kind: typeof rpc.method === 'string' ? (hasId ? 'request' : 'notification') : 'error' in rpc ? 'error' : 'result',
    body: pretty('method' in rpc ? rpc.params : 'error' in rpc ? rpc.error : rpc.result),
    time,
  };
  if (hasId) message.rpcId = String(rpc.id);
  if (typeof rpc.method === 'string') message.method = rpc.method;
  return message;
}

/** A `tools/call` the client sent becomes a tool call; its answer, the call's result. */
function trackTools(response: LlmResponse, rpc: Record<string, unknown>, message: McpMessage): void {
  if (message.method === 'tools/call' && isObject(rpc.params)) {
    const call = toolCall(response, `rpc ${message.rpcId ?? ''}`, message.time);
    setCall(call, { id: message.rpcId, name: rpc.params.name, kind: 'tools/call' });
    call.args = jsonText(rpc.params.arguments ?? {});
  } else if ((message.kind === 'result' || message.kind === 'error') && message.rpcId !== undefined) {
    const call = response.tools.find((c) => c.key === `rpc ${message.rpcId}`);
    if (!call) return;
    const result = isObject(rpc.result) ? rpc.result : {};
    const content = Array.isArray(result.content) ? result.content : [];
    const texts = content.filter((c) => isObject(c) && c.type === 'text').map((c) => (c as { text: string }).text);
    call.result = message.kind === 'error' ? message.body : texts.length > 0 ? texts.join('\n') : message.body;
    call.resultError = message.kind === 'error' || result.isError === true;
  }
}

function add(
  response: LlmResponse,
  rpc: Record<string, unknown>,
  direction: McpMessage['direction'],
  time: number,
  eventId?: string,
): McpMessage {
  const message = messageOf(rpc, direction, time);
  if (eventId !== undefined) message.eventId = eventId;
  logOf(response).messages.push(message);
  trackTools(response, rpc, message);
  if (message.kind === 'error' && isObject(rpc.error)) addError(response, time, rpc.error.message, rpc.error.code);
  return message;
}

export const mcp: Protocol = {
  detect: (_event, json, request) =>
    isRpc(json) || (Array.isArray(json) && json.some(isRpc)) || /"jsonrpc"\s*:\s*"2\.0"/.test(request.body ?? ''),

  start(response, request, time) {
    logOf(response);
    const body = request.body === undefined ? undefined : parseJson(request.body)?.value;
    const sent = Array.isArray(body) ? body : [body];
    const waiting = new Set<string>();
    for (const rpc of sent) {
      if (!isRpc(rpc)) continue;
      const message = add(response, rpc, 'sent', time);
      if (message.kind === 'request' && message.rpcId !== undefined) waiting.add(message.rpcId);
    }
    if (waiting.size > 0) unanswered.set(response, waiting);
  },

  fold(response, event, json): Piece | undefined {
    const log = logOf(response);
    if (event.blockId !== undefined && event.blockId !== '') log.eventIds.push(event.blockId);
    if (event.data === '') {
      // The priming event: an id and empty data, so a client can resume from the very start.
      if (!log.messages.some((m) => m.direction === 'received') && event.blockId !== undefined) log.primed = true;
      return META;
    }
    const received = Array.isArray(json) ? json : [json];
    let used = false;
    let piece: Piece = META;
    for (const rpc of received) {
      if (!isRpc(rpc)) continue;
      used = true;
      const message = add(response, rpc, 'received', event.time, event.blockId);
      piece = { part: 'meta', text: message.method ?? `${message.kind} ${message.rpcId ?? ''}`.trim() };
      // The stream is complete once every request the client sent in it has its answer.
      const waiting = unanswered.get(response);
      if (waiting && (message.kind === 'result' || message.kind === 'error') && message.rpcId !== undefined) {
        waiting.delete(message.rpcId);
        if (waiting.size === 0) response.complete = true;
      }
    }
    return used ? piece : undefined;
  },
};
