/**
 * A fetch or XHR stream's new request joins the stream it resumes (./resume) as its next attempt,
 * shown as an EventSource's reconnect is: the end becomes the start of reconnecting, the reconnect
 * is counted, and a lifecycle mark says what the request sent and how it was recognised.
 */
import type { ConnectionRecord } from '../model';
import type { DocState } from './documents';
import { resumedStream, streamAddress } from './resume';
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

/** A new fetch or XHR stream of the document, which a later request may resume. */
export function rememberStream(state: DocState, record: ConnectionRecord, connection: ConnectionView): void {
  const address = streamAddress(record.method, record.url);
  const same = state.streams.get(address);
  if (same) same.push(connection);
  else state.streams.set(address, [connection]);
}

/**
 * A fetch or XHR stream's request that resumes an earlier stream of the document joins that
 * connection as its next attempt, whose records apply to it from now on: the lifecycle mark of the
 * reconnect, and when it began (the end), for the health checks.
 */
export function joinResumed(
  state: DocState,
  record: ConnectionRecord,
): { mark: LifecycleMark; endedAt: number } | undefined {
  const earlier = state.streams.get(streamAddress(record.method, record.url));
  const found = earlier && resumedStream(earlier, record);
  if (!found) return undefined;
  state.connections.set(record.conn, found.connection);
  return joinAttempt(found.connection, record, found.resumed);
}

/** Makes `record` the next attempt of `connection`, which ended. */
function joinAttempt(
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
