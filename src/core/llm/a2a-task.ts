/**
 * What an A2A stream showed: the JSON-RPC request that opened it and how its responses answered
 * it, each task's states over time, its artifacts assembled from their chunks (`append` adds a
 * chunk's parts to the artifact with the same id, otherwise they replace it; `lastChunk` marks
 * the end), and the messages. Parts are kept as the two protocol versions name them, read into
 * one shape: text, data (as JSON), or a file (its name, type, and where it is).
 */
import { isObject } from '../plain-object';

export interface A2aPart {
  kind: 'text' | 'data' | 'file';
  /** A text part's text; a data part's JSON; a file's URL, or how many base64 characters it came as. */
  text: string;
  name?: string;
  mediaType?: string;
}

export interface A2aArtifact {
  artifactId: string;
  name?: string;
  description?: string;
  parts: A2aPart[];
  /** Updates that built it, and whether the last said it was the last chunk. */
  chunks: number;
  lastChunk: boolean;
  time: number;
}

export interface A2aStatus {
  /** As the wire said: `working` (0.3) or `TASK_STATE_WORKING` (1.0). */
  state: string;
  time: number;
  /** The status message's text, if it came with one. */
  note?: string;
  /** 0.3's `final` flag on a status update. */
  final?: boolean;
}

export interface A2aTask {
  id: string;
  contextId?: string;
  states: A2aStatus[];
  artifacts: A2aArtifact[];
}

export interface A2aMessage {
  role: string;
  text: string;
  messageId?: string;
  taskId?: string;
  time: number;
}

export interface A2aLog {
  /** The client's JSON-RPC request: its method, id and params (pretty JSON). */
  request?: { method: string; rpcId?: string; params: string; time: number };
  /** Responses carrying the request's id, when the first and last came, and any other ids seen. */
  answers: number;
  firstAnswer?: number;
  lastAnswer?: number;
  otherIds: string[];
  tasks: A2aTask[];
  messages: A2aMessage[];
}

export const newA2aLog = (): A2aLog => ({ answers: 0, otherIds: [], tasks: [], messages: [] });

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** One part, in 0.3's shape (`kind`, `file: {name, mimeType, uri | bytes}`) or 1.0's (`text`, `data`, `url`, `raw`). */
function readPart(part: unknown): A2aPart | undefined {
  if (!isObject(part)) return undefined;
  if (typeof part.text === 'string') return { kind: 'text', text: part.text };
  if ('data' in part && part.data !== undefined)
    return { kind: 'data', text: JSON.stringify(part.data, null, 2) ?? '' };
  const file = isObject(part.file) ? part.file : part;
  const where = str(file.uri) ?? str(file.url);
  const bytes = str(file.bytes) ?? str(file.raw);
  if (where === undefined && bytes === undefined) return undefined;
  const read: A2aPart = { kind: 'file', text: where ?? `${bytes?.length ?? 0} base64` };
  const name = str(file.name) ?? str(file.filename);
  const mediaType = str(file.mimeType) ?? str(file.mediaType);
  if (name !== undefined) read.name = name;
  if (mediaType !== undefined) read.mediaType = mediaType;
  return read;
}

export const readParts = (parts: unknown): A2aPart[] =>
  Array.isArray(parts) ? parts.flatMap((p) => readPart(p) ?? []) : [];

export const textOf = (parts: readonly A2aPart[]): string =>
  parts
    .filter((p) => p.kind === 'text')
    .map((p) => p.text)
    .join('');

export function taskOf(log: A2aLog, id: unknown, contextId?: unknown): A2aTask {
  const key = typeof id === 'string' ? id : '';
  let task = log.tasks.find((t) => t.id === key);
  if (!task) {
    task = { id: key, states: [], artifacts: [] };
    log.tasks.push(task);
  }
  if (typeof contextId === 'string' && contextId !== '') task.contextId = contextId;
  return task;
}

/** Adds a chunk; returns the parts it added (to the answer). A text chunk continues the text before it. */
export function addArtifactChunk(
  task: A2aTask,
  artifact: Record<string, unknown>,
  append: boolean,
  lastChunk: boolean,
  time: number,
): A2aPart[] {
  const id = typeof artifact.artifactId === 'string' ? artifact.artifactId : '';
  const parts = readParts(artifact.parts);
  let entry = task.artifacts.find((a) => a.artifactId === id);
  if (!entry || !append) {
    const fresh: A2aArtifact = { artifactId: id, parts: [], chunks: entry?.chunks ?? 0, lastChunk: false, time };
    if (entry) task.artifacts[task.artifacts.indexOf(entry)] = fresh;
    else task.artifacts.push(fresh);
    entry = fresh;
  }
  const name = str(artifact.name);
  const description = str(artifact.description);
  if (name !== undefined) entry.name = name;
  if (description !== undefined) entry.description = description;
  for (const part of parts) {
    const last = entry.parts.at(-1);
    if (part.kind === 'text' && last?.kind === 'text') last.text += part.text;
    else entry.parts.push({ ...part });
  }
  entry.chunks++;
  entry.lastChunk = lastChunk;
  entry.time = time;
  return parts;
}

/** States after which a task's stream ends: done, or waiting on the user (both versions' names). */
const ENDING = new Set(['completed', 'failed', 'canceled', 'cancelled', 'rejected', 'input-required', 'auth-required']);

export const endsStream = (state: string): boolean =>
  ENDING.has(
    state
      .replace(/^TASK_STATE_/, '')
      .toLowerCase()
      .replace(/_/g, '-'),
  );

export const failedState = (state: string): boolean => /^(TASK_STATE_)?(failed|rejected)$/i.test(state);
