/**
 * An MCP session's requests that are answered with no stream, by design. In the Streamable HTTP
 * transport every message the client sends is a POST that accepts `text/event-stream`, so SSE
 * Scope follows each one; two of their answers are the protocol working, not a stream that failed:
 * - a POST of a notification or a response (no request among its messages) is answered
 *   `202 Accepted` with no body (the spec's "Sending Messages to the Server", 4);
 * - a GET for the server's own stream is answered `405 Method Not Allowed` by a server that
 *   offers none (its "Listening for Messages from the Server", 3); the SDK's client then goes on
 *   without it.
 * A request is an MCP session's by its `Mcp-Session-Id` or `MCP-Protocol-Version` header, or by a
 * JSON-RPC body. Anything else (a 202 to a request, a 405 to a POST, a 202 with a body) is not
 * recognised here, and the health checks judge it as any stream.
 *
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#streamable-http
 * @see https://github.com/modelcontextprotocol/typescript-sdk/blob/main/src/client/streamableHttp.ts (`send`, `_startOrAuthSse`)
 */
import { headerValue } from '../headers';
import { parseJson } from '../json';
import { isObject } from '../plain-object';
import type { ConnectionView } from '../store/views';

export type McpExchange =
  /** The server accepted what the client POSTed: notifications (their methods) or responses. */
  | { kind: 'accepted'; sent: 'notification' | 'response'; methods: string[] }
  /** The server offers no stream at GET. */
  | { kind: 'no-get-stream' };

const isRpc = (value: unknown): value is Record<string, unknown> => isObject(value) && value.jsonrpc === '2.0';

/** The messages a request body carries (one, or a batch as the 2025-03-26 revision allows), if all are JSON-RPC. */
function rpcMessages(body: string | undefined): Record<string, unknown>[] | undefined {
  const parsed = body === undefined ? undefined : parseJson(body)?.value;
  const messages = Array.isArray(parsed) ? parsed : [parsed];
  return messages.length > 0 && messages.every(isRpc) ? messages : undefined;
}

function hasSessionHeader(connection: ConnectionView): boolean {
  const headers = connection.request?.headers;
  return (
    headerValue(headers, 'mcp-session-id') !== undefined || headerValue(headers, 'mcp-protocol-version') !== undefined
  );
}

/** What an MCP session's request without a stream was, or undefined for anything else. */
export function mcpExchangeOf(connection: ConnectionView): McpExchange | undefined {
  const status = connection.response?.status;
  const method = connection.request?.method;
  if (connection.kind === 'eventsource' || status === undefined || method === undefined) return undefined;
  if (status === 405 && method === 'GET') return hasSessionHeader(connection) ? { kind: 'no-get-stream' } : undefined;
  // Accepted "with no body": one that sent anything is not this.
  if (status !== 202 || method !== 'POST' || connection.bytes > 0) return undefined;
  const messages = rpcMessages(connection.request?.body);
  // A request (a method and an id) expects an answer: a 202 leaves it unanswered.
  if (!messages || messages.some((m) => typeof m.method === 'string' && 'id' in m)) return undefined;
  const methods = messages.flatMap((m) => (typeof m.method === 'string' ? [m.method] : []));
  return { kind: 'accepted', sent: methods.length > 0 ? 'notification' : 'response', methods };
}
