/**
 * Checks of what network capture sends a tab (a response's bytes, a worker's stream, when pieces
 * arrived): the worker builds them from the browser's own reports, but a relay still takes nothing
 * on trust, so each is copied field by field or refused (./guards for the other hops).
 */
import { LIMITS } from '../core/limits';
import { isObject } from '../core/plain-object';
import { isBase64, isCount, isHeaders, isText, isTime, WORKER_KINDS } from '../core/validate-record';
import type { ArrivalBatchMessage, ByteBatchMessage, ByteChunk, WorkerInfo, WorkerStreamMessage } from './messages';

/** Request ids are the browser's (short numbers); more than this is not one. */
export const REQUEST_ID_CHARS = 64;
/** Chunks in one wire batch, at most (network capture sends a batch at 1 MiB or every 16 ms). */
const BYTE_BATCH_CHUNKS = 65536;

export function validateByteBatch(x: Record<string, unknown>): ByteBatchMessage | null {
  if (!isText(x.request, REQUEST_ID_CHARS) || !Array.isArray(x.chunks) || x.chunks.length > BYTE_BATCH_CHUNKS)
    return null;
  if (x.ends !== undefined && x.ends !== true) return null;
  const chunks: ByteChunk[] = [];
  for (const chunk of x.chunks as unknown[]) {
    if (!Array.isArray(chunk) || chunk.length !== 2) return null;
    const [time, base64] = chunk as unknown[];
    if (!isTime(time) || !isText(base64, 2 * LIMITS.chunkBytes) || !isBase64(base64)) return null;
    chunks.push([time, base64]);
  }
  const batch: ByteBatchMessage = { type: 'bytes', request: x.request, chunks };
  if (x.ends) batch.ends = true;
  if (x.error !== undefined) {
    if (!x.ends || !isText(x.error, LIMITS.shortTextChars)) return null;
    batch.error = x.error;
  }
  return batch;
}

export function validateWorkerInfo(x: unknown): WorkerInfo | null {
  if (!isObject(x) || !isText(x.url, LIMITS.urlChars)) return null;
  const kind = WORKER_KINDS.find((known) => known === x.kind);
  return kind === undefined ? null : { kind, url: x.url };
}

const STREAMS = ['eventsource', 'fetch', 'xhr'] as const;

export function validateWorkerStream(x: Record<string, unknown>): WorkerStreamMessage | null {
  const worker = validateWorkerInfo(x.worker);
  const stream = STREAMS.find((known) => known === x.stream);
  if (!worker || stream === undefined || !isText(x.request, REQUEST_ID_CHARS) || !isText(x.url, LIMITS.urlChars))
    return null;
  if (!isTime(x.requestTime) || !isTime(x.time)) return null;
  const message: WorkerStreamMessage = {
    type: 'worker-stream',
    request: x.request,
    worker,
    stream,
    url: x.url,
    requestTime: x.requestTime,
    time: x.time,
  };
  for (const field of ['method', 'lastEventId', 'statusText', 'httpVersion', 'error'] as const) {
    if (x[field] === undefined) continue;
    if (!isText(x[field], LIMITS.shortTextChars)) return null;
    message[field] = x[field];
  }
  if (x.responseUrl !== undefined) {
    if (!isText(x.responseUrl, LIMITS.urlChars)) return null;
    message.responseUrl = x.responseUrl;
  }
  if (x.status !== undefined) {
    if (!Number.isSafeInteger(x.status) || (x.status as number) < 0 || (x.status as number) >= 1000) return null;
    message.status = x.status as number;
  }
  for (const field of ['requestHeaders', 'headers'] as const) {
    if (x[field] === undefined) continue;
    if (!isHeaders(x[field])) return null;
    message[field] = x[field];
  }
  return message;
}

export function validateArrivalBatch(x: Record<string, unknown>): ArrivalBatchMessage | null {
  if (!isText(x.request, REQUEST_ID_CHARS) || !isText(x.url, LIMITS.urlChars) || !isTime(x.requestTime)) return null;
  if (!Array.isArray(x.chunks) || x.chunks.length > BYTE_BATCH_CHUNKS) return null;
  if (x.ends !== undefined && x.ends !== true) return null;
  const chunks: [number, number][] = [];
  for (const chunk of x.chunks as unknown[]) {
    if (!Array.isArray(chunk) || chunk.length !== 2) return null;
    const [time, size] = chunk as unknown[];
    if (!isTime(time) || !isCount(size)) return null;
    chunks.push([time, size]);
  }
  const batch: ArrivalBatchMessage = {
    type: 'arrivals',
    request: x.request,
    url: x.url,
    requestTime: x.requestTime,
    chunks,
  };
  if (x.ends) batch.ends = true;
  return batch;
}
