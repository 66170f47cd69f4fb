/** How the panel and the popup describe a connection's state and its latest response, in words. */

import { type McpExchange, mcpExchangeOf } from '../../core/llm/mcp-exchange';
import type { ConnectionState } from '../../core/model';
import type { ConnectionView, LifecycleMark } from '../../core/store/views';
import { type MessageKey, t, tn } from './catalogue';

export interface StateDescription {
  /** The badge text. */
  label: string;
  /** The badge colour: the state, or `closed` for a server that stopped the stream on purpose. */
  tone: ConnectionState;
  /** What it means, in a sentence or two, for the badge's tooltip. */
  text: string;
}

/** Why a connection failed, when the network layer (or the page's resource timing) saw its last response. */
function failure(connection: ConnectionView): StateDescription {
  const description = failureOf(connection);
  if (connection.http?.via !== 'timing') return description;
  return {
    ...description,
    text: t('state_told_by_timing', { text: description.text }),
  };
}

function failureOf(connection: ConnectionView): StateDescription {
  const response = connection.http;
  const status = response?.status;
  const type = response?.contentType;
  if (status === 204) {
    return { label: t('state_stopped_204'), tone: 'closed', text: t('state_stopped_204_text') };
  }
  if (response?.error !== undefined)
    return { label: t('state_failed'), tone: 'failed', text: t('state_failed_error_text', { error: response.error }) };
  if (status !== undefined && status !== 200) {
    return {
      label: t('state_failed_status', { status: String(status) }),
      tone: 'failed',
      text: t('state_failed_status_text', { status: String(status) }),
    };
  }
  if (status === 200 && !/^text\/event-stream\b/i.test(type ?? '')) {
    return {
      label: t('state_failed_type'),
      tone: 'failed',
      text: type ? t('state_failed_type_text', { type }) : t('state_failed_no_type_text'),
    };
  }
  if (response === undefined)
    // Nothing saw its response: it may have failed, or a 204 may have stopped it on purpose.
    return { label: t('state_ended'), tone: 'closed', text: t('state_ended_unwatched_text') };
  return { label: t('state_failed'), tone: 'failed', text: t('state_failed_unknown_text') };
}

/** An MCP session's request that its transport answers with no stream: what it was, not a stream that ended. */
function describeMcp(exchange: McpExchange): StateDescription {
  if (exchange.kind === 'no-get-stream')
    return { label: t('state_mcp_no_get_stream'), tone: 'closed', text: t('state_mcp_no_get_stream_text') };
  return exchange.sent === 'notification'
    ? {
        label: t('state_mcp_accepted_notification'),
        tone: 'closed',
        text: t('state_mcp_accepted_notification_text', { methods: exchange.methods.join(', ') }),
      }
    : { label: t('state_mcp_accepted_response'), tone: 'closed', text: t('state_mcp_accepted_response_text') };
}

/** How a fetch or XHR stream stands: read to the end, ended by the page, or failed. */
function describeStream(connection: ConnectionView): StateDescription | undefined {
  if (connection.kind === 'eventsource') return undefined;
  const exchange = mcpExchangeOf(connection);
  if (exchange) return describeMcp(exchange);
  const error = connection.endError;
  const withError = (key: MessageKey, errorKey: MessageKey) => (error === undefined ? t(key) : t(errorKey, { error }));
  switch (connection.endReason) {
    case 'complete':
      return { label: t('state_complete'), tone: 'closed', text: t('state_complete_text') };
    case 'aborted':
      return {
        label: t('state_aborted'),
        tone: 'closed',
        text: withError('state_aborted_text', 'state_aborted_error_text'),
      };
    case 'cancelled':
      return { label: t('state_cancelled'), tone: 'closed', text: t('state_cancelled_text') };
    case 'error':
      return {
        label: t('state_failed'),
        tone: 'failed',
        text: withError('state_broke_off_text', 'state_broke_off_error_text'),
      };
    default:
      if (connection.state === 'failed')
        return {
          label: t('state_failed'),
          tone: 'failed',
          text: withError('state_failed_early_text', 'state_failed_early_error_text'),
        };
      if (connection.state === 'open') return { label: t('state_open'), tone: 'open', text: t('state_open_body_text') };
      return undefined;
  }
}

export function describeState(connection: ConnectionView): StateDescription {
  if (connection.endReason === 'unloaded') {
    return { label: t('state_gone'), tone: 'closed', text: t('state_gone_ended_text') };
  }
  const live = connection.state === 'connecting' || connection.state === 'open' || connection.state === 'reconnecting';
  if (connection.gone && live && connection.endReason === undefined) {
    return { label: t('state_gone'), tone: 'closed', text: t('state_gone_text') };
  }
  const stream = describeStream(connection);
  if (stream) return stream;
  switch (connection.state) {
    case 'connecting':
      return { label: t('state_connecting'), tone: 'connecting', text: t('state_connecting_text') };
    case 'open': {
      const n = connection.reconnects;
      const text = n > 0 ? tn('state_open_after_reconnects', n) : t('state_open_text');
      return { label: t('state_open'), tone: 'open', text };
    }
    case 'reconnecting': {
      const sent = connection.http?.lastEventId;
      const attempt = connection.attempt;
      return {
        label: t('state_reconnecting', { attempt }),
        tone: 'reconnecting',
        text:
          sent === undefined
            ? t('state_reconnecting_text', { attempt })
            : t('state_reconnecting_sent_text', { attempt, id: sent }),
      };
    }
    case 'failed':
      return failure(connection);
    case 'closed':
      return { label: t('state_closed'), tone: 'closed', text: t('state_closed_text') };
  }
}

/**
 * How a lifecycle mark's moment reads: the connection's state then. A fetch or XHR stream that
 * reconnected with a new request is described as that attempt ended, not as it stands now.
 */
export function describeMarkState(mark: LifecycleMark): StateDescription {
  const ended = mark.connection.attempts?.find((attempt) => attempt.ended?.time === mark.time)?.ended;
  if (!ended) return describeState(mark.connection);
  const then: ConnectionView = { ...mark.connection, state: ended.state };
  if (ended.reason === undefined) delete then.endReason;
  else then.endReason = ended.reason;
  if (ended.error === undefined) delete then.endError;
  else then.endError = ended.error;
  return describeState(then);
}

/** The Status cell's tooltip: what answered, and the Last-Event-ID the request sent. */
export function responseDetail(connection: ConnectionView): string | undefined {
  // A worker's stream (network capture) has the network's view of each request, its latest last.
  const stream = connection.worker ? undefined : connection.response;
  if (stream) return t('response_from', { status: `${stream.status} ${stream.statusText}`.trim(), url: stream.url });
  const response = connection.http;
  if (!response) return undefined;
  const status = String(response.status);
  const answer =
    response.error ??
    (response.via === 'timing'
      ? t('response_from_timing', { status, url: response.url })
      : t('response_from', { status, url: response.url }));
  return response.lastEventId === undefined
    ? answer
    : t('response_sent_last_event_id', { answer, id: response.lastEventId });
}

/** The latest response's status, or its network error, as the Status column shows it. */
export function responseLabel(connection: ConnectionView): string {
  if (connection.response && !connection.worker) return String(connection.response.status);
  const response = connection.http;
  if (!response) return '';
  if (response.error !== undefined) return response.error.replace(/^net::/, '');
  return response.status === undefined ? '' : String(response.status);
}
