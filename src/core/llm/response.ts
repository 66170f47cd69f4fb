/**
 * What a model did in one streamed answer, as the Response view shows it: the answer text, the
 * reasoning, each tool call with its arguments joined from their fragments, citations, why it
 * stopped, what it cost, and where it broke. Each protocol module (./protocols) folds its events
 * into one of these, one event at a time, so a long stream costs the same per event throughout.
 */
import type { A2aLog } from './a2a-task';
import type { AgUiRun } from './agui-run';

export type ProtocolId =
  | 'openai-chat'
  | 'openai-responses'
  | 'anthropic'
  | 'gemini'
  | 'cohere'
  | 'ollama'
  | 'ai-sdk-v4'
  | 'ai-sdk-v5'
  | 'langgraph'
  | 'mcp'
  | 'ag-ui'
  | 'a2a'
  | 'tgi'
  | 'llama-cpp'
  | 'deepseek-web'
  | 'bedrock-converse'
  | 'text';

/** When a part of the answer began and last grew (epoch ms). */
export interface Span {
  start: number;
  end: number;
}

export interface ToolCall {
  /** How the protocol tells this call's fragments from others' (an index, an item id, a call id). */
  key: string;
  id?: string;
  name?: string;
  /** `function`, `server_tool_use`, `web_search_call`…: what the protocol calls it. */
  kind?: string;
  /** The arguments as streamed, joined; for a call that came whole, its JSON. */
  args: string;
  /** What the tool returned, where the protocol carries it (JSON text or plain text). */
  result?: string;
  resultError?: boolean;
  span: Span;
}

export interface Citation {
  title?: string;
  url?: string;
  /** The passage cited, or a search result's snippet. */
  text?: string;
}

export interface Usage {
  input?: number;
  output?: number;
  reasoning?: number;
  /** Input tokens read from the provider's cache. */
  cached?: number;
  total?: number;
}

export interface StreamError {
  message: string;
  /** The provider's code or type (`overloaded_error`, `rate_limit_exceeded`…), when it gave one. */
  code?: string;
  time: number;
}

/** Speeds the server measured itself (llama.cpp's `timings`), in tokens per second. */
export interface ServerTimings {
  output?: number;
  input?: number;
}

/** A content filter's verdict on a category (Azure OpenAI): flagged, and whether it filtered. */
export interface FilterVerdict {
  on: 'prompt' | 'answer';
  category: string;
  /** `safe`, `low`, `medium`, `high`; absent for detectors that only say `detected`. */
  severity?: string;
  filtered: boolean;
}

/** One JSON-RPC message of an MCP stream (or of the request that opened it). */
export interface McpMessage {
  direction: 'sent' | 'received';
  kind: 'request' | 'notification' | 'result' | 'error';
  /** The JSON-RPC id (as text), for requests and their answers. */
  rpcId?: string;
  method?: string;
  /** What the view prints: params, result or error, as pretty JSON. */
  body: string;
  time: number;
  /** The SSE id this message came with: where a resumed stream would start after it. */
  eventId?: string;
}

export interface McpExchange {
  request?: McpMessage;
  answer?: McpMessage;
  /** Notifications received between the request and its answer that name it (progress). */
  notes: McpMessage[];
}

export interface McpLog {
  /** Every message in order. */
  messages: McpMessage[];
  /** The SSE ids the server sent (resumption points), in order. */
  eventIds: string[];
  /** Whether the stream began with a priming event (an id and empty data). */
  primed: boolean;
}

export interface LlmResponse {
  protocol: ProtocolId;
  /** A flavour of the protocol the stream showed (`DeepSeek reasoning_content`, `Mistral content chunks`…). */
  dialect?: string;
  model?: string;
  responseId?: string;
  text: string;
  reasoning: string;
  refusal: string;
  tools: ToolCall[];
  citations: Citation[];
  finish?: string;
  usage?: Usage;
  serverTimings?: ServerTimings;
  /** Content filter verdicts other than safe, the latest per part and category. */
  filters?: FilterVerdict[];
  /** How long the provider says the model took, in ms (Bedrock's `metrics.latencyMs`). */
  latencyMs?: number;
  errors: StreamError[];
  /** A terminal event was seen (`[DONE]`, `message_stop`, `response.completed`, `done: true`…). */
  complete: boolean;
  textSpan?: Span;
  reasoningSpan?: Span;
  /** Events the fold used, and those it did not (by type), so nothing is dropped in silence. */
  used: number;
  unused: number;
  unusedTypes: Record<string, number>;
  mcp?: McpLog;
  agui?: AgUiRun;
  a2a?: A2aLog;
}

/** What one event gave, for the table's preview: the delta, and of what. */
export interface Piece {
  part: 'text' | 'reasoning' | 'tool' | 'refusal' | 'meta';
  /** The text the event added (empty for `meta`: usage, start and stop events). */
  text: string;
}

export function newResponse(protocol: ProtocolId): LlmResponse {
  return {
    protocol,
    text: '',
    reasoning: '',
    refusal: '',
    tools: [],
    citations: [],
    errors: [],
    complete: false,
    used: 0,
    unused: 0,
    unusedTypes: {},
  };
}

function grow(span: Span | undefined, time: number): Span {
  if (!span) return { start: time, end: time };
  span.end = time;
  return span;
}

export const META: Piece = { part: 'meta', text: '' };

export function addText(response: LlmResponse, time: number, text: string): Piece {
  if (text !== '') {
    response.text += text;
    response.textSpan = grow(response.textSpan, time);
  }
  return { part: 'text', text };
}

export function addReasoning(response: LlmResponse, time: number, text: string): Piece {
  if (text !== '') {
    response.reasoning += text;
    response.reasoningSpan = grow(response.reasoningSpan, time);
  }
  return { part: 'reasoning', text };
}

export function addRefusal(response: LlmResponse, text: string): Piece {
  response.refusal += text;
  return { part: 'refusal', text };
}

/** The tool call with this key, made when first seen. */
export function toolCall(response: LlmResponse, key: string, time: number): ToolCall {
  for (let i = response.tools.length - 1; i >= 0; i--) {
    const call = response.tools[i] as ToolCall;
    if (call.key === key) {
      call.span.end = time;
      return call;
    }
  }
  const call: ToolCall = { key, args: '', span: { start: time, end: time } };
  response.tools.push(call);
  return call;
}

/** Adds a fragment of a call's arguments. */
export function addArgs(call: ToolCall, fragment: string): Piece {
  call.args += fragment;
  return { part: 'tool', text: fragment };
}

/** Sets fields that are present (a later chunk may repeat or complete them). */
export function setCall(call: ToolCall, fields: { id?: unknown; name?: unknown; kind?: unknown }): void {
  if (typeof fields.id === 'string' && fields.id !== '') call.id = fields.id;
  if (typeof fields.name === 'string' && fields.name !== '') call.name = fields.name;
  if (typeof fields.kind === 'string' && fields.kind !== '') call.kind = fields.kind;
}

/** A value that came whole (a tool's input, its result) as the text the view prints. */
export function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

export function addError(response: LlmResponse, time: number, message: unknown, code?: unknown): Piece {
  const error: StreamError = { message: typeof message === 'string' ? message : jsonText(message), time };
  if (typeof code === 'string' || typeof code === 'number') error.code = String(code);
  response.errors.push(error);
  return META;
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Merges the counts present (usage arrives in parts: input at the start, output at the end). */
export function addUsage(response: LlmResponse, counts: Usage): void {
  response.usage ??= {};
  const usage = response.usage;
  for (const key of ['input', 'output', 'reasoning', 'cached', 'total'] as const) {
    const value = num(counts[key]);
    if (value !== undefined) usage[key] = value;
  }
}

export function setModel(response: LlmResponse, model: unknown, id?: unknown): void {
  if (typeof model === 'string' && model !== '') response.model = model;
  if (typeof id === 'string' && id !== '') response.responseId ??= id;
}

export function setFinish(response: LlmResponse, reason: unknown): void {
  if (typeof reason === 'string' && reason !== '') response.finish = reason;
}

export function addCitation(response: LlmResponse, citation: { title?: unknown; url?: unknown; text?: unknown }): void {
  const entry: Citation = {};
  if (typeof citation.title === 'string') entry.title = citation.title;
  if (typeof citation.url === 'string') entry.url = citation.url;
  if (typeof citation.text === 'string') entry.text = citation.text;
  if (entry.title === undefined && entry.url === undefined && entry.text === undefined) return;
  if (response.citations.some((c) => c.url === entry.url && c.title === entry.title && c.text === entry.text)) return;
  response.citations.push(entry);
}
