/**
 * A fetch or XHR stream's new request joins the stream it resumes (./resume) as its next attempt,
 * shown as an EventSource's reconnect is: the end becomes the start of reconnecting, the reconnect
 * is counted, and a lifecycle mark says what the request sent and how it was recognised.
 */
import type { ConnectionRecord } from '../model';
import type { ConnectionView, LifecycleMark, ResumedBy, StreamAttempt } from './views';

/** The request a fetch or XHR stream's connection record carries. */
export function requestOf(record: ConnectionRecord): ConnectionView['request'] {
  if (record.method === undefined) return undefined;
  const request: NonNullable<ConnectionView['request']> = {
    method: record.method,
    headers: record.requestHeaders ?? [],
  };
  if (record.requestBody !== undefined) request.body = record.requestBody;
  if (record.requestBodySize !== undefined) request.bodySize = record.requestBodySize;
  return request;
}

/** The stream's first request, as the connection holds it until a second comes. */
function firstAttempt(connection: ConnectionView): StreamAttempt {
  const first: StreamAttempt = { time: connection.createdAt, url: connection.url };
  if (connection.request) first.request = connection.request;
  if (connection.response) first.response = connection.response;
  return first;
}

/**
 * Makes `record` the next attempt of `connection` (which ended): returns the lifecycle mark of
 * its reconnect, and when the reconnect began (the end), for the health checks.
 */
export function joinAttempt(
  connection: ConnectionView,
  record: ConnectionRecord,
  resumed: ResumedBy,
): { mark: LifecycleMark; endedAt: number } {
  const endedAt = connection.endedAt as number;
  connection.attempts ??= [firstAttempt(connection)];
  const previous = connection.attempts.at(-1) as StreamAttempt;
  previous.ended = { time: endedAt, state: connection.state === 'failed' ? 'failed' : 'closed' };
  if (connection.endReason !== undefined) previous.ended.reason = connection.endReason;
  if (connection.endError !== undefined) previous.ended.error = connection.endError;
  // From the end on, the stream was reconnecting, as an EventSource is while it waits to retry.
  const end = connection.lifecycle.at(-1);
  if (end) end.state = 'reconnecting';
  let inRow = 0;
  for (let i = connection.lifecycle.length - 1; i >= 0 && connection.lifecycle[i]?.state === 'reconnecting'; i--)
    inRow++;
  connection.state = 'reconnecting';
  connection.attempt = inRow;
  connection.reconnects++;
  delete connection.endedAt;
  delete connection.endReason;
  delete connection.endError;
  const attempt: StreamAttempt = { time: record.time, url: record.url, resumed };
  const request = requestOf(record);
  if (request) {
    attempt.request = request;
    connection.request = request;
  }
  connection.attempts.push(attempt);
  const mark: LifecycleMark = { time: record.time, connection, kind: 'reconnecting', resumed };
  mark.lastEventId = resumed.by === 'retry' ? '' : resumed.lastEventId;
  return { mark, endedAt };
}
