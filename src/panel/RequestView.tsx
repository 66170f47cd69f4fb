import { describeState, formatBytes, formatDateTime, formatOffset } from '../core/format';
import type { ConnectionView } from '../core/store/views';
import { Headers } from './Headers';

/** A fetch or XHR stream's request and response, with their timings. */
export function RequestView({ connection }: { connection: ConnectionView }) {
  const request = connection.request;
  const response = connection.streamResponse;
  const start = connection.createdAt;
  const state = describeState(connection);
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
            <td data-field="status">{response ? `${response.status} ${response.statusText}` : '–'}</td>
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
            <td>{formatOffset(start, response?.time)}</td>
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
      <h4>Request headers</h4>
      <Headers headers={request?.headers ?? []} />
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
      <Headers headers={response?.headers ?? []} />
    </div>
  );
}
