/**
 * A fetch or XHR stream's attempts read back from a capture file (untrusted): each request becomes
 * a connection record of its own, numbered after the first, with its response and its end, so that
 * the store recognises them as one connection's attempts again, as it did live (core/store/resume).
 */
import { partitionPoint } from '../core/partition';
import { isObject } from '../core/plain-object';

/** An attempt the file says ended: when. */
const endOf = (attempt: Record<string, unknown>): number | undefined => {
  const ended = isObject(attempt.ended) ? attempt.ended : undefined;
  return typeof ended?.time === 'number' && Number.isFinite(ended.time) ? ended.time : undefined;
};

/**
 * The file's attempts of a fetch or XHR stream: two or more, each asked after the one before it
 * ended. Anything else (a version 3 file before attempts, or one that makes no sense) is none:
 * the connection reads as it always did.
 */
export function attemptsOf(c: Record<string, unknown>): Record<string, unknown>[] | undefined {
  if (c.kind === 'eventsource' || !Array.isArray(c.attempts) || c.attempts.length < 2) return undefined;
  const attempts = c.attempts.filter(isObject);
  if (attempts.length !== c.attempts.length) return undefined;
  let before = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < attempts.length; i++) {
    const attempt = attempts[i] as Record<string, unknown>;
    const time = attempt.time;
    if (typeof time !== 'number' || !Number.isFinite(time) || time < before || typeof attempt.url !== 'string')
      return undefined;
    if (i === attempts.length - 1) break;
    const end = endOf(attempt);
    if (end === undefined || end < time) return undefined;
    before = end;
  }
  return attempts;
}

/** Which attempt a record of `time` belongs to: the first not ended before it. */
export function attemptAt(attempts: readonly Record<string, unknown>[], time: number): number {
  return partitionPoint(attempts.length - 1, (i) => (endOf(attempts[i] as Record<string, unknown>) as number) < time);
}

/** An attempt's request as its connection record carries it. */
export function requestFields(request: unknown, into: Record<string, unknown>): void {
  if (!isObject(request)) return;
  into.method = request.method;
  into.requestHeaders = request.headers ?? [];
  if (request.body !== undefined) into.requestBody = request.body;
  if (request.bodySize !== undefined) into.requestBodySize = request.bodySize;
}

/** An ended attempt's lifecycle record: its end as the page reported it. */
export function endRecord(attempt: Record<string, unknown>): Record<string, unknown> | undefined {
  const ended = isObject(attempt.ended) ? attempt.ended : undefined;
  if (!ended) return undefined;
  const record: Record<string, unknown> = { kind: 'lifecycle', time: ended.time, state: ended.state };
  if (ended.reason !== undefined) record.reason = ended.reason;
  if (ended.error !== undefined) record.error = ended.error;
  return record;
}
