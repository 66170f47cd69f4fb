import type { ConnectionView } from '../core/store/views';
import type { Secrets } from '../ui/secrets';
import { t } from '../ui/text/catalogue';
import { formatBytes, formatDateTime, formatOffset } from '../ui/text/format';
import { describeState } from '../ui/text/states';
import { Headers } from './Headers';
import { SecretsToggle } from './SecretsToggle';
import { workerName } from './worker-name';

/**
 * A stream's request and response, with their timings: a fetch or XHR stream's as the page made
 * and read it; an EventSource's latest request as the network layer saw it (status, type, headers,
 * the Last-Event-ID it sent), and a worker's stream's, which only the network saw. Its secrets
 * are masked until the user asks to see them.
 */
export function RequestView({ connection: masked, secrets }: { connection: ConnectionView; secrets: Secrets }) {
  const connection = secrets.view(masked);
  const request = connection.request;
  const response = connection.response;
  // The network's view of the latest request: an EventSource's only one; a worker's, its latest.
  const http = connection.kind === 'eventsource' || connection.worker ? connection.http : undefined;
  const start = connection.createdAt;
  const state = describeState(connection);
  const status = http
    ? (http.error ?? (http.status === undefined ? '–' : `${http.status}`))
    : response
      ? `${response.status} ${response.statusText}`
      : '–';
  return (
    <div class="request" data-request>
      <SecretsToggle connection={masked} secrets={secrets} />
      {connection.forgeable && (
        <p class="note warn" data-forgeable>
          {t('request_forgeable')}
        </p>
      )}
      <h4>{t('request_general')}</h4>
      <table class="headers">
        <tbody>
          <tr>
            <th>{t('tab_request')}</th>
            <td data-field="request">
              {request?.method ?? 'GET'} {connection.url}
            </td>
          </tr>
          <tr>
            <th>{t('column_status')}</th>
            <td data-field="status">{status}</td>
          </tr>
          <tr>
            <th>{t('request_format')}</th>
            <td>
              {response?.format === 'ndjson'
                ? t('request_format_ndjson')
                : response?.format === 'data-stream'
                  ? t('request_format_data_stream')
                  : response?.format === 'aws-eventstream'
                    ? t('request_format_aws_eventstream')
                    : 'text/event-stream'}
            </td>
          </tr>
          {connection.kind === 'eventsource' && (
            <tr>
              <th>{t('request_last_event_id')}</th>
              <td data-field="last-event-id">{http?.lastEventId ?? t('request_none')}</td>
            </tr>
          )}
          <tr>
            <th>{t('timing_http_version')}</th>
            <td data-field="http-version">{connection.httpVersion ?? t('not_known')}</td>
          </tr>
          {connection.worker && (
            <tr>
              <th>{t('request_made_by')}</th>
              <td data-field="worker" title={connection.worker.url}>
                {workerName(connection.worker)} ({connection.worker.url})
              </td>
            </tr>
          )}
          <tr>
            <th>{t('request_ended')}</th>
            <td data-field="ended">{connection.endedAt === undefined ? t('request_not_yet') : state.text}</td>
          </tr>
        </tbody>
      </table>
      <h4>{t('request_timing')}</h4>
      <table class="headers" data-timing>
        <tbody>
          <tr>
            <th>{t('request_started')}</th>
            <td>{formatDateTime(start)}</td>
          </tr>
          <tr>
            <th>{t('timing_headers')}</th>
            <td>{formatOffset(start, (http ?? response)?.time)}</td>
          </tr>
          <tr>
            <th>{t('timing_first_byte')}</th>
            <td>{formatOffset(start, connection.chunks[0]?.time)}</td>
          </tr>
          <tr>
            <th>{t('request_last_chunk')}</th>
            <td>{formatOffset(start, connection.chunks[connection.chunks.length - 1]?.time)}</td>
          </tr>
          <tr>
            <th>{t('request_end')}</th>
            <td>{formatOffset(start, connection.endedAt)}</td>
          </tr>
        </tbody>
      </table>
      {request && (
        <>
          <h4>{t('request_headers')}</h4>
          <Headers headers={request.headers} />
        </>
      )}
      {request?.body !== undefined && (
        <>
          <h4>
            {request.bodySize !== undefined
              ? t('request_body_size', { size: formatBytes(request.bodySize) })
              : t('request_body')}
          </h4>
          <pre class="data" data-field="body">
            {request.body}
          </pre>
        </>
      )}
      <h4>{t('response_headers')}</h4>
      {http && http.headers === undefined ? (
        <p class="note">{t('response_headers_not_seen')}</p>
      ) : (
        <Headers headers={http?.headers ?? response?.headers ?? []} />
      )}
    </div>
  );
}
