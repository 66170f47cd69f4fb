/**
 * A connection as a Mock Service Worker (2.x) handler, in TypeScript: `sse()` sending an
 * EventSource's messages again, or `http` answering a fetch or XHR stream with a `ReadableStream`
 * body; each message or chunk at the delay it was recorded at. Written from the masked capture file
 * (./redact), so that no secret leaves in a copy.
 * @see https://mswjs.io/docs/api/sse
 * not-ui-text (the whole module): it writes TypeScript, whose comments are in English as code's are.
 */
import type { CaptureConnection } from './capture-file';
import { type RecordedResponse, type RecordedStream, recordedStream, type SseMessage } from './recorded-stream';
import { chunkLiterals, literal, originComment } from './snippet-text';

/** Characters that MSW's path matching reads as parameters, wildcards or groups. */
const PATH_SYNTAX = /[:*(){}?+!\\]/;

/** The handler's path: the address as it is, or a RegExp where MSW would read parts of it as syntax. */
function pathOf(address: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(address)?.[0] ?? '';
  if (!PATH_SYNTAX.test(address.slice(authority.length))) return 'address';
  return `new RegExp(${literal(`^${address.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`)})`;
}

const UNTIL = `const until = (start: number, at: number) =>
  new Promise((resolve) => setTimeout(resolve, at - (performance.now() - start)));
`;

function messageLiteral(message: SseMessage): string {
  if ('retry' in message) return `{ retry: ${message.retry} }`;
  const fields = [];
  if (message.id !== undefined) fields.push(`id: ${literal(message.id)}`);
  if (message.event !== undefined) fields.push(`event: ${literal(message.event)}`);
  fields.push(`data: ${literal(message.data)}`);
  return `{ ${fields.join(', ')} }`;
}

const endLiteral = (response: RecordedResponse) =>
  response.end ? `\n    end: { at: ${response.end.at}${response.end.value === 'error' ? ', error: true' : ''} },` : '';

function eventSourceHandler(c: CaptureConnection, stream: RecordedStream): string {
  const events = ['message: string'];
  for (const m of stream.responses.flatMap((r) => r.messages ?? []))
    if ('event' in m.value && m.value.event !== undefined) events.push(`${literal(m.value.event)}: string`);
  const responses = stream.responses.map((r) => {
    const messages = (r.messages ?? [])
      .map((m) => `      { at: ${m.at}, message: ${messageLiteral(m.value)} },\n`)
      .join('');
    return `  {\n    messages: [\n${messages}    ],${endLiteral(r)}\n  },\n`;
  });
  const notes = [
    'A Mock Service Worker handler: sse() sends its events again, each at its recorded delay (ms after the',
    'response opened). Request k gets recorded response k (reconnects too); later ones get 204, which stops',
    'an EventSource. Comments and the bytes as sent are not replayed: sse() sends whole events.',
  ];
  if (stream.idReset) notes.push('An event reset the last event id to empty, which client.send() cannot write.');
  return `${originComment(c, stream, notes)}import { HttpResponse, http, type ServerSentEventMessage, sse } from 'msw';

const address = ${literal(stream.address)};

type Events = { ${[...new Set(events)].join('; ')} };

const recorded: { messages: { at: number; message: ServerSentEventMessage<Events> }[]; end?: { at: number; error?: true } }[] = [
${responses.join('')}];

${UNTIL}
let served = 0;

export const handlers = [
  http.get(${pathOf(stream.address)}, () => (served < recorded.length ? undefined : new HttpResponse(null, { status: 204 }))),
  sse<Events>(${pathOf(stream.address)}, ({ client }) => {
    const response = recorded[served++];
    if (!response) return;
    const start = performance.now();
    // Not awaited: sse() answers when this function returns, and the events follow.
    void (async () => {
      for (const { at, message } of response.messages) {
        await until(start, at);
        client.send(message);
      }
      if (!response.end) return;
      await until(start, response.end.at);
      if (response.end.error) client.error();
      else client.close();
    })();
  }),
];
`;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function streamHandler(c: CaptureConnection, stream: RecordedStream): string {
  const response = stream.responses[0] as RecordedResponse;
  const { bytes, lines } = chunkLiterals(response.chunks);
  const method = METHODS.has(stream.method.toUpperCase()) ? stream.method.toLowerCase() : 'all';
  const chunkType = bytes ? '{ at: number; bytes: number[] }' : '{ at: number; text: string }';
  const end = !response.end
    ? ''
    : `
        await until(start, ${response.end.at});
        ${response.end.value === 'error' ? "controller.error(new TypeError('network error'));" : 'controller.close();'}`;
  const notes = [
    'A Mock Service Worker handler: the response body is a ReadableStream that plays the recorded chunks,',
    'each at its recorded delay (ms after the response opened), with the recorded status and Content-Type.',
    'Other response headers are not replayed; any query string matches.',
  ];
  if (!response.end) notes.push('The recorded stream had not ended: this one stays open too.');
  return `${originComment(c, stream, notes)}import { HttpResponse, http } from 'msw';

const address = ${literal(stream.address)};

const chunks: ${chunkType}[] = [
${lines.map((line) => `  ${line},\n`).join('')}];

${UNTIL}${bytes ? '' : 'const encoder = new TextEncoder();\n'}
export const handlers = [
  http.${method}(${pathOf(stream.address)}, () => {
    const start = performance.now();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const chunk of chunks) {
          await until(start, chunk.at);
          controller.enqueue(${bytes ? 'new Uint8Array(chunk.bytes)' : 'encoder.encode(chunk.text)'});
        }${end}
      },
    });
    return new HttpResponse(body, { status: ${response.status}, headers: { 'content-type': ${literal(response.contentType)} } });
  }),
];
`;
}

/** The connection (from a masked capture file) as a Mock Service Worker handlers module. */
export function toMswHandler(c: CaptureConnection): string {
  const stream = recordedStream(c);
  return c.kind === 'eventsource' ? eventSourceHandler(c, stream) : streamHandler(c, stream);
}
