/**
 * An MCP session's requests that its Streamable HTTP transport answers with no stream (a 202 to a
 * notification or a response the client POSTed, a 405 to its GET) are recognised, raise no health
 * finding and read as what they are; the same answers to anything else keep their findings.
 *
 * Wire format: https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#streamable-http
 * ("Sending Messages to the Server" 2 and 4, "Listening for Messages from the Server" 3, "Protocol
 * Version Header"), and the requests the TypeScript SDK's client makes
 * (modelcontextprotocol/typescript-sdk src/client/streamableHttp.ts: `send` sets `accept:
 * application/json, text/event-stream` and cancels a 202's body; `_startOrAuthSse` GETs with
 * `Accept: text/event-stream` and returns quietly on a 405).
 */
import { expect, test } from '@playwright/test';
import { findingsOf } from '../../src/core/insights/rules';
import { mcpExchangeOf } from '../../src/core/llm/mcp-exchange';
import { CaptureStore } from '../../src/core/store/capture-store';
import type { ConnectionView } from '../../src/core/store/views';
import { describeState } from '../../src/ui/text/states';
import { context } from '../support/health-capture';
import { speak } from '../support/messages';

speak();

const MCP_URL = 'http://127.0.0.1:9/mcp';
const SESSION: [string, string][] = [
  ['mcp-session-id', '1868a90c'],
  ['mcp-protocol-version', '2025-06-18'],
];
const POST_HEADERS: [string, string][] = [
  ['content-type', 'application/json'],
  ['accept', 'application/json, text/event-stream'],
];

interface Exchange {
  method: 'POST' | 'GET';
  headers?: [string, string][];
  body?: unknown;
  status: number;
  statusText: string;
  responseHeaders?: [string, string][];
  /** Text the response's body carried (none by default). */
  text?: string;
}

/** One request of the session through the capture store, as the page hook reports a fetch that asked for an event stream. */
function exchange(e: Exchange): ConnectionView {
  const store = new CaptureStore();
  store.addDocument({ docId: 'd', url: 'http://127.0.0.1:9/', top: true, activatedAt: 0, frameId: 0 });
  const records = [
    {
      kind: 'connection',
      time: 0,
      conn: 1,
      type: 'fetch',
      url: MCP_URL,
      withCredentials: false,
      method: e.method,
      requestHeaders:
        e.headers ??
        (e.method === 'POST' ? [...POST_HEADERS, ...SESSION] : [['accept', 'text/event-stream'], ...SESSION]),
      ...(e.body === undefined ? {} : { requestBody: JSON.stringify(e.body) }),
    },
    {
      kind: 'response',
      time: 5,
      conn: 1,
      url: MCP_URL,
      status: e.status,
      statusText: e.statusText,
      headers: e.responseHeaders ?? [],
      format: 'sse',
    },
    { kind: 'lifecycle', time: 5, conn: 1, state: 'open' },
    ...(e.text === undefined ? [] : [{ kind: 'chunk', time: 6, conn: 1, size: e.text.length, text: e.text }]),
    { kind: 'lifecycle', time: 7, conn: 1, state: 'closed', reason: 'cancelled' },
  ];
  store.addRecords(
    'd',
    records.map((r, i) => ({ ...r, seq: i + 1 }) as never),
  );
  return store.connections[0] as ConnectionView;
}

const rulesOf = (c: ConnectionView) => findingsOf(c, context(1000, [c])).map((f) => f.rule);

test('an MCP notification accepted with 202 and no body: no findings, and it reads as the notification', () => {
  const initialized = exchange({
    method: 'POST',
    body: { jsonrpc: '2.0', method: 'notifications/initialized' },
    status: 202,
    statusText: 'Accepted',
  });
  expect(mcpExchangeOf(initialized)).toEqual({
    kind: 'accepted',
    sent: 'notification',
    methods: ['notifications/initialized'],
  });
  expect(rulesOf(initialized)).toEqual([]);
  expect(describeState(initialized)).toEqual({
    label: '202 Accepted · MCP notification',
    tone: 'closed',
    text: "An MCP session's notification (notifications/initialized), POSTed by the client and accepted by the server with no body, as the Streamable HTTP transport says: no stream was expected.",
  });
});

test('the client’s answer to a server request, and a batch of notifications (2025-03-26), accepted with 202', () => {
  const answer = exchange({
    method: 'POST',
    body: { jsonrpc: '2.0', id: 'srv-1', result: { roots: [] } },
    status: 202,
    statusText: 'Accepted',
  });
  expect(mcpExchangeOf(answer)).toEqual({ kind: 'accepted', sent: 'response', methods: [] });
  expect(describeState(answer).label).toBe('202 Accepted · MCP response');
  expect(rulesOf(answer)).toEqual([]);
  // A stateless server without a session: the JSON-RPC body alone says it is MCP's.
  const batch = exchange({
    method: 'POST',
    headers: POST_HEADERS,
    body: [
      { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } },
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3 } },
    ],
    status: 202,
    statusText: 'Accepted',
  });
  expect(mcpExchangeOf(batch)).toMatchObject({ methods: ['notifications/progress', 'notifications/cancelled'] });
  expect(rulesOf(batch)).toEqual([]);
});

test('a GET of the session answered 405: the server offers no stream there, no findings', () => {
  const get = exchange({ method: 'GET', status: 405, statusText: 'Method Not Allowed' });
  expect(mcpExchangeOf(get)).toEqual({ kind: 'no-get-stream' });
  expect(rulesOf(get)).toEqual([]);
  expect(describeState(get)).toMatchObject({ label: '405 · MCP: no GET stream', tone: 'closed' });
});

test('what the transport does not allow keeps its findings: 202 to a request, 405 to a POST, a 500, a GET of no session', () => {
  const falseAlarms = ['content-type', 'buffered-delivery'];
  // A request (method and id) expects a stream or JSON: a 202 leaves it unanswered.
  const request = exchange({
    method: 'POST',
    body: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    status: 202,
    statusText: 'Accepted',
  });
  const postRefused = exchange({
    method: 'POST',
    body: { jsonrpc: '2.0', method: 'notifications/initialized' },
    status: 405,
    statusText: 'Method Not Allowed',
  });
  const serverError = exchange({
    method: 'POST',
    body: { jsonrpc: '2.0', method: 'notifications/initialized' },
    status: 500,
    statusText: 'Internal Server Error',
  });
  // "Accepted with no body": one that sent a body is not that.
  const withBody = exchange({
    method: 'POST',
    body: { jsonrpc: '2.0', method: 'notifications/initialized' },
    status: 202,
    statusText: 'Accepted',
    text: 'data: surprise\n\n',
  });
  // A GET with nothing of MCP about it is any other stream refused.
  const plainGet = exchange({
    method: 'GET',
    headers: [['accept', 'text/event-stream']],
    status: 405,
    statusText: 'Method Not Allowed',
  });
  for (const c of [request, postRefused, serverError, withBody, plainGet]) {
    expect(mcpExchangeOf(c)).toBeUndefined();
    expect(rulesOf(c)).toEqual(expect.arrayContaining(falseAlarms));
    expect(describeState(c).label).not.toMatch(/MCP/);
  }
});
