/**
 * Checks records at every untrusted boundary: from the page (the relay), from a relay's batch (the
 * panel, as it unpacks it), and from a file (import). A hostile page shares the page's JS heap with
 * our hook, and its renderer with the relay, so nothing it hands over is taken as it comes: each
 * validator returns a clean copy with only the known fields, or null. Validators never throw.
 *
 * Long because: one check per record kind, each beside the same small guards, mirroring model.ts.
 */

import { faultMsFits, LEGACY_FAULTS } from './fault-details';
import { LIMITS } from './limits';
import {
  type BlockContents,
  type BlockRecord,
  type CaptureRecord,
  type ChunkRecord,
  type ConnectionRecord,
  type DroppedRecord,
  type EndReason,
  type EventRecord,
  FAULTS,
  type HttpRecord,
  type LifecycleRecord,
  type PageRecord,
  type RelayRecord,
  type ResponseRecord,
  type StoredRecord,
  type WorkerKind,
  type WorkerRecord,
} from './model';
import { isObject } from './plain-object';
import { REPLAY_LIMITS, REPLAY_PACES, type ReplayPace } from './replay-rule';
import { isStreamFormat } from './stream-format';

export const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
export const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
export const isSeq = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 1;
export const isText = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
/**
 * Base64 with its padding: whole groups of four, at most two `=` at the end. One character class
 * and a length test, not a regex of groups: that one backtracked through a 4 MiB chunk for 140 ms
 * in the panel, and overflowed Node's stack.
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
export const isBase64 = (x: string): boolean => x.length % 4 === 0 && BASE64.test(x);

export const isHeaders = (x: unknown): x is [string, string][] =>
  Array.isArray(x) &&
  x.length <= LIMITS.headers &&
  x.every(
    (pair) =>
      Array.isArray(pair) &&
      pair.length === 2 &&
      isText(pair[0], LIMITS.shortTextChars) &&
      isText(pair[1], LIMITS.shortTextChars),
  );
const isStrings = (x: unknown, max: number): x is string[] =>
  Array.isArray(x) && x.length <= 1024 && x.every((item) => isText(item, max));

function validateConnection(x: Record<string, unknown>, time: number, conn: number): ConnectionRecord | null {
  if (
    (x.type !== 'eventsource' && x.type !== 'fetch' && x.type !== 'xhr') ||
    !isText(x.url, LIMITS.urlChars) ||
    typeof x.withCredentials !== 'boolean'
  )
    return null;
  const record: ConnectionRecord = {
    kind: 'connection',
    time,
    conn,
    type: x.type,
    url: x.url,
    withCredentials: x.withCredentials,
  };
  if (x.method !== undefined) {
    if (!isText(x.method, LIMITS.shortTextChars)) return null;
    record.method = x.method;
  }
  if (x.requestHeaders !== undefined) {
    if (!isHeaders(x.requestHeaders)) return null;
    record.requestHeaders = x.requestHeaders;
  }
  if (x.requestBody !== undefined) {
    if (!isText(x.requestBody, LIMITS.requestBodyChars)) return null;
    record.requestBody = x.requestBody;
  }
  if (x.requestBodySize !== undefined) {
    if (!isCount(x.requestBodySize)) return null;
    record.requestBodySize = x.requestBodySize;
  }
  return record;
}

export const WORKER_KINDS: readonly WorkerKind[] = ['dedicated', 'shared', 'service', 'worker'];

const END_REASONS: readonly EndReason[] = ['complete', 'aborted', 'cancelled', 'error', 'unloaded'];

function validateLifecycle(x: Record<string, unknown>, time: number, conn: number): LifecycleRecord | null {
  if (x.state !== 'open' && x.state !== 'reconnecting' && x.state !== 'failed' && x.state !== 'closed') return null;
  if (x.attempt !== undefined && !isCount(x.attempt)) return null;
  const record: LifecycleRecord = { kind: 'lifecycle', time, conn, state: x.state };
  if (x.attempt !== undefined) record.attempt = x.attempt;
  if (x.reason !== undefined) {
    const reason = END_REASONS.find((known) => known === x.reason);
    if (reason === undefined) return null;
    record.reason = reason;
  }
  if (x.error !== undefined) {
    if (!isText(x.error, LIMITS.shortTextChars)) return null;
    record.error = x.error;
  }
  return record;
}

function validateEvent(x: Record<string, unknown>, time: number, conn: number): EventRecord | null {
  if (
    !isText(x.type, LIMITS.shortTextChars) ||
    !isText(x.data, LIMITS.eventDataChars) ||
    !isText(x.lastEventId, LIMITS.shortTextChars) ||
    !isText(x.origin, LIMITS.urlChars)
  )
    return null;
  const record: EventRecord = {
    kind: 'event',
    time,
    conn,
    type: x.type,
    data: x.data,
    lastEventId: x.lastEventId,
    origin: x.origin,
  };
  if (x.originalSize !== undefined) {
    if (!isCount(x.originalSize) || x.originalSize <= x.data.length) return null;
    record.originalSize = x.originalSize;
  }
  if (x.synthetic !== undefined) {
    if (x.synthetic !== true) return null;
    record.synthetic = true;
  }
  if (x.raw !== undefined) {
    if (!isText(x.raw, LIMITS.eventDataChars)) return null;
    record.raw = x.raw;
  }
  if (x.cuts !== undefined) {
    if (!Array.isArray(x.cuts) || x.cuts.length > 65536 || !x.cuts.every(isCount)) return null;
    record.cuts = x.cuts as number[];
  }
  if (x.blockId !== undefined) {
    if (!isText(x.blockId, LIMITS.shortTextChars)) return null;
    record.blockId = x.blockId;
  }
  return copyBlockContents(x, record) ? record : null;
}

/** A block's comments, `retry` and notes, checked and copied onto `target`. */
function copyBlockContents(x: Record<string, unknown>, target: BlockContents): boolean {
  if (x.comments !== undefined) {
    if (!isStrings(x.comments, LIMITS.shortTextChars)) return false;
    target.comments = x.comments;
  }
  if (x.retry !== undefined) {
    if (!isCount(x.retry)) return false;
    target.retry = x.retry;
  }
  if (x.notes !== undefined) {
    if (!isStrings(x.notes, LIMITS.shortTextChars)) return false;
    target.notes = x.notes;
  }
  return true;
}

function validateResponse(x: Record<string, unknown>, time: number, conn: number): ResponseRecord | null {
  if (
    !isText(x.url, LIMITS.urlChars) ||
    !(Number.isSafeInteger(x.status) && (x.status as number) >= 0 && (x.status as number) < 1000) ||
    !isText(x.statusText, LIMITS.shortTextChars) ||
    !isHeaders(x.headers) ||
    !isStreamFormat(x.format)
  )
    return null;
  return {
    kind: 'response',
    time,
    conn,
    url: x.url,
    status: x.status as number,
    statusText: x.statusText,
    headers: x.headers,
    format: x.format,
  };
}

/** Records both the page and a stored capture may hold (everything but raw chunk input and relay facts). */
function validateStoredPageRecord(x: Record<string, unknown>, time: number, conn: number): PageRecord | null {
  switch (x.kind) {
    case 'connection':
      return validateConnection(x, time, conn);
    case 'lifecycle':
      return validateLifecycle(x, time, conn);
    case 'event':
      return validateEvent(x, time, conn);
    case 'listen':
      return isText(x.type, LIMITS.shortTextChars) ? { kind: 'listen', time, conn, type: x.type } : null;
    case 'response':
      return validateResponse(x, time, conn);
    case 'replay':
      if (
        !isText(x.rule, REPLAY_LIMITS.idChars) ||
        !isText(x.name, REPLAY_LIMITS.nameChars) ||
        !REPLAY_PACES.includes(x.pace as ReplayPace)
      )
        return null;
      if (x.native !== undefined && x.native !== true) return null;
      return {
        kind: 'replay',
        time,
        conn,
        rule: x.rule,
        name: x.name,
        pace: x.pace as ReplayPace,
        ...(x.native ? { native: true as const } : {}),
      };
    default:
      return null;
  }
}

/**
 * Checks one record from the page and returns a clean copy (only known fields), or null.
 * Oversized data is refused here rather than cut: the page hook cuts before sending, so a record
 * that is still too large did not come from the hook.
 */
export function validatePageRecord(x: unknown): PageRecord | null {
  if (!isObject(x) || !isTime(x.time) || !isCount(x.conn) || x.conn === 0) return null;
  const { time, conn } = x;
  if (x.kind === 'chunk-in') {
    const data: unknown = x.data;
    if (typeof data === 'string' && data.length <= LIMITS.chunkBytes) return { kind: 'chunk-in', time, conn, data };
    if (data instanceof Uint8Array && data.byteLength <= LIMITS.chunkBytes)
      return { kind: 'chunk-in', time, conn, data };
    // Firefox: the page's bytes arrive as a Uint8Array of the page's compartment. Copied into ours.
    if (ArrayBuffer.isView(data) && Object.prototype.toString.call(data) === '[object Uint8Array]') {
      const bytes = data as Uint8Array;
      if (bytes.byteLength <= LIMITS.chunkBytes) return { kind: 'chunk-in', time, conn, data: Uint8Array.from(bytes) };
    }
    return null;
  }
  return validateStoredPageRecord(x, time, conn);
}

/** The optional fields of an HTTP observation, checked and copied onto `target`. */
export function copyHttpFields(x: Record<string, unknown>, target: Partial<HttpRecord>): boolean {
  if (
    x.status !== undefined &&
    !(Number.isSafeInteger(x.status) && (x.status as number) >= 0 && (x.status as number) < 1000)
  )
    return false;
  for (const field of ['contentType', 'lastEventId', 'error'] as const) {
    if (x[field] === undefined) continue;
    if (!isText(x[field], LIMITS.shortTextChars)) return false;
    target[field] = x[field];
  }
  if (x.status !== undefined) target.status = x.status as number;
  if (x.headers !== undefined) {
    if (!isHeaders(x.headers)) return false;
    target.headers = x.headers;
  }
  if (x.via !== undefined) {
    if (x.via !== 'timing') return false;
    target.via = 'timing';
  }
  return true;
}

/** Checks a record only the relay writes (never accepted from the page). */
function validateRelayRecord(x: Record<string, unknown>): RelayRecord | null {
  if (!isTime(x.time) || !isCount(x.conn)) return null;
  const { time, conn } = x;
  switch (x.kind) {
    case 'dropped': {
      if ((x.reason !== 'budget' && x.reason !== 'invalid') || !isCount(x.events) || !isCount(x.chars)) return null;
      const record: DroppedRecord = { kind: 'dropped', reason: x.reason, time, conn, events: x.events, chars: x.chars };
      if (x.records === undefined) return record;
      if (!isCount(x.records)) return null;
      record.records = x.records;
      return record;
    }
    case 'unsent':
      return conn === 0 && isSeq(x.records) ? { kind: 'unsent', time, conn, records: x.records } : null;
    case 'http': {
      if (conn === 0 || !isText(x.url, LIMITS.urlChars)) return null;
      const record: HttpRecord = { kind: 'http', time, conn, url: x.url };
      return copyHttpFields(x, record) ? record : null;
    }
    case 'arrival':
      return conn !== 0 && isCount(x.size) ? { kind: 'arrival', time, conn, size: x.size } : null;
    case 'fault': {
      const legacy = typeof x.fault === 'string' ? LEGACY_FAULTS[x.fault] : undefined;
      const fault = legacy?.fault ?? FAULTS.find((known) => known === x.fault);
      const ms = legacy?.ms ?? x.ms;
      if (conn === 0 || fault === undefined || !faultMsFits(fault, ms)) return null;
      return ms === undefined
        ? { kind: 'fault', time, conn, fault }
        : { kind: 'fault', time, conn, fault, ms: ms as number };
    }
    case 'worker': {
      const worker = WORKER_KINDS.find((known) => known === x.worker);
      if (worker === undefined || !isText(x.url, LIMITS.urlChars) || (x.late !== undefined && x.late !== true))
        return null;
      const record: WorkerRecord = { kind: 'worker', time, conn, worker, url: x.url };
      if (x.late) record.late = true;
      return record;
    }
    case 'http-version':
      return conn !== 0 && isText(x.httpVersion, LIMITS.shortTextChars) && x.httpVersion !== ''
        ? { kind: 'http-version', time, conn, httpVersion: x.httpVersion }
        : null;
    case 'chunk': {
      if (conn === 0 || !isCount(x.size)) return null;
      const record: ChunkRecord = { kind: 'chunk', time, conn, size: x.size };
      if (x.base64 !== undefined) {
        if (!isText(x.base64, 2 * LIMITS.chunkBytes) || !isBase64(x.base64)) return null;
        record.base64 = x.base64;
      }
      if (x.text !== undefined) {
        if (!isText(x.text, LIMITS.chunkBytes)) return null;
        record.text = x.text;
      }
      for (const flag of ['begins', 'ends'] as const) {
        if (x[flag] === undefined) continue;
        if (x[flag] !== true) return null;
        record[flag] = true;
      }
      return record;
    }
    case 'block': {
      if (conn === 0 || !isText(x.raw, LIMITS.eventDataChars) || !isStrings(x.notes, LIMITS.shortTextChars))
        return null;
      const record: BlockRecord = { kind: 'block', time, conn, raw: x.raw, notes: x.notes };
      return copyBlockContents(x, record) ? record : null;
    }
    default:
      return null;
  }
}

/** Checks a numbered record from a relay: a page record or a relay record, with its seq. */
export function validateCaptureRecord(x: unknown): CaptureRecord | null {
  if (!isObject(x) || !isSeq(x.seq)) return null;
  let record: StoredRecord | null = null;
  if (
    x.kind === 'dropped' ||
    x.kind === 'unsent' ||
    x.kind === 'http' ||
    x.kind === 'http-version' ||
    x.kind === 'arrival' ||
    x.kind === 'fault' ||
    x.kind === 'worker' ||
    x.kind === 'chunk' ||
    x.kind === 'block'
  )
    record = validateRelayRecord(x);
  else if (isTime(x.time) && isCount(x.conn) && x.conn !== 0)
    record = validateStoredPageRecord(x, x.time, x.conn) as StoredRecord | null;
  if (!record) return null;
  const numbered = { ...record, seq: x.seq } as CaptureRecord;
  if (x.unsentChars !== undefined) {
    if (!isSeq(x.unsentChars)) return null;
    numbered.unsentChars = x.unsentChars;
  }
  return numbered;
}
