import { describeState, formatBytes, formatDateTime, formatOffset } from '../core/format';
import type { ConnectionView } from '../core/store/views';
import { Headers } from './Headers';
import { workerName } from './worker-name';

/**
 * A stream's request and response, with their timings: a fetch or XHR stream's as the page made
 * and read it; an EventSource's latest request as the network layer saw it (status, type, headers,
 * the Last-Event-ID it sent), and a worker's stream's, which only the network saw.
 */
export function RequestView({ connection }: { connection: ConnectionView }) {
  const request = connection.request;
  const response = connection.streamResponse;
  // The network's view of the latest request: an EventSource's only one; a worker's, its latest.
  const http = connection.kind === 'eventsource' || connection.worker ? connection.response : undefined;
  const start = connection.createdAt;
  const state = describeState(connection);
  const status = http
    ? (http.error ?? (http.status === undefined ? '–' : `${http.status}`))
    : response
      ? `${response.status} ${response.statusText}`
      : '–';
  return (
    <div class="request" data-request>
      <h4>General</h4>
      <table class="headers">
        <tbody>
          <tr>
            <th>Request</th>
            <td data-field="request">
              {request?.method ?? 'GET'} {connection.url}
            </td>
          </tr>
          <tr>
            <th>Status</th>
            <td data-field="status">{status}</td>
          </tr>
          <tr>
            <th>Format</th>
            <td>
              {response?.format === 'ndjson'
                ? 'NDJSON (one JSON value a line)'
                : response?.format === 'data-stream'
                  ? 'AI SDK data stream (one CODE:JSON part a line)'
                  : 'text/event-stream'}
            </td>
          </tr>
          {connection.kind === 'eventsource' && (
            <tr>
              <th>Last-Event-ID sent</th>
              <td data-field="last-event-id">{http?.lastEventId ?? 'none'}</td>
            </tr>
          )}
          <tr>
            <th>HTTP version</th>
            <td data-field="protocol">{connection.protocol ?? 'not known'}</td>
          </tr>
          {connection.worker && (
            <tr>
              <th>Made by</th>
              <td data-field="worker" title={connection.worker.url}>
                {workerName(connection.worker)} ({connection.worker.url})
              </td>
            </tr>
          )}
          <tr>
            <th>Ended</th>
            <td data-field="ended">{connection.endedAt === undefined ? 'not yet' : state.text}</td>
          </tr>
        </tbody>
      </table>
      <h4>Timing</h4>
      <table class="headers" data-timing>
        <tbody>
          <tr>
            <th>Started</th>
            <td>{formatDateTime(start)}</td>
          </tr>
          <tr>
            <th>Response headers</th>
            <td>{formatOffset(start, (http ?? response)?.time)}</td>
          </tr>
          <tr>
            <th>First byte</th>
            <td>{formatOffset(start, connection.chunks[0]?.time)}</td>
          </tr>
          <tr>
            <th>Last chunk</th>
            <td>{formatOffset(start, connection.chunks[connection.chunks.length - 1]?.time)}</td>
          </tr>
          <tr>
            <th>End</th>
            <td>{formatOffset(start, connection.endedAt)}</td>
          </tr>
        </tbody>
      </table>
      {request && (
        <>
          <h4>Request headers</h4>
          <Headers headers={request.headers} />
        </>
      )}
      {request?.body !== undefined && (
        <>
          <h4>
            Request body
            {request.bodySize !== undefined ? ` (${formatBytes(request.bodySize)})` : ''}
          </h4>
          <pre class="data" data-field="body">
            {request.body}
          </pre>
        </>
      )}
      <h4>Response headers</h4>
      {http && http.headers === undefined ? (
        <p class="note">Not seen: the panel was not watching when the response came.</p>
      ) : (
        <Headers headers={http?.headers ?? response?.headers ?? []} />
      )}
    </div>
  );
}
