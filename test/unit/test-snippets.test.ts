/** A connection copied as test code: a Mock Service Worker handler and a Playwright route, exactly, masked, and compiling. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CAPTURE_FORMAT, CAPTURE_VERSION, type CaptureConnection } from '../../src/files/capture-file';
import { toMswHandler } from '../../src/files/msw-handler';
import { toPlaywrightRoute } from '../../src/files/playwright-route';
import { maskSecrets } from '../../src/files/redact';
import { BASE, event, T } from '../support/captured-connections';

/** An EventSource read with network capture (so its retry is known): ids, a named event, a reconnect, then 204. */
const eventSource: CaptureConnection = {
  ...BASE,
  id: 1,
  kind: 'eventsource',
  url: 'http://a/sse/feed?since=0',
  createdAt: T,
  lifecycle: [
    { state: 'open', time: T + 5 },
    { state: 'reconnecting', time: T + 305.4 },
    { state: 'open', time: T + 360 },
    { state: 'reconnecting', time: T + 500 },
    { state: 'failed', time: T + 560 },
  ],
  events: [
    { ...event(10, 'message', 'one', '1'), retry: 50 },
    event(110.6, 'tick', 'a\nb', '1'),
    event(365, 'message', 'two', '2'),
  ],
  blocks: [{ time: T + 200, raw: ': keep-alive\n\n', comments: [' keep-alive'], notes: [] }],
  chunks: [],
};

/** A fetch stream of NDJSON, its second chunk cut inside "é". */
const ndjson: CaptureConnection = {
  ...BASE,
  id: 2,
  kind: 'fetch',
  url: 'http://a/api/chat',
  createdAt: T,
  request: { method: 'POST', headers: [['content-type', 'application/json']], body: '{}' },
  response: {
    time: T + 20,
    url: 'http://a/api/chat',
    status: 200,
    statusText: 'OK',
    headers: [['content-type', 'application/x-ndjson']],
    format: 'ndjson',
  },
  lifecycle: [
    { state: 'open', time: T + 20 },
    { state: 'closed', time: T + 300 },
  ],
  endReason: 'complete',
  endedAt: T + 300,
  events: [event(25, 'ndjson', '{"n":1}', ''), event(125, 'ndjson', '{"t":"é"}', '')],
  chunks: [
    { time: T + 25, size: 8, text: '{"n":1}\n' },
    { time: T + 125, size: 9, base64: btoa('{"t":"\xc3') },
    { time: T + 130, size: 4, base64: btoa('\xa9"}\n') },
  ],
};

test('an EventSource as an MSW handler: ids, retry, named events, reconnects, then 204', () => {
  expect(
    toMswHandler(eventSource),
  ).toBe(`// Connection 1 (an EventSource, GET), recorded by SSE Scope at 2025-01-02T03:04:05.000Z.
// A Mock Service Worker handler: sse() sends its events again, each at its recorded delay (ms after the
// response opened). Request k gets recorded response k (reconnects too); later ones get 204, which stops
// an EventSource. Comments and the bytes as sent are not replayed: sse() sends whole events.
import { HttpResponse, http, type ServerSentEventMessage, sse } from 'msw';

const address = "http://a/sse/feed";

type Events = { message: string; "tick": string };

const recorded: { messages: { at: number; message: ServerSentEventMessage<Events> }[]; end?: { at: number; error?: true } }[] = [
  {
    messages: [
      { at: 5, message: { retry: 50 } },
      { at: 5, message: { id: "1", data: "one" } },
      { at: 106, message: { event: "tick", data: "a\\nb" } },
    ],
    end: { at: 300 },
  },
  {
    messages: [
      { at: 5, message: { id: "2", data: "two" } },
    ],
    end: { at: 140 },
  },
];

const until = (start: number, at: number) =>
  new Promise((resolve) => setTimeout(resolve, at - (performance.now() - start)));

let served = 0;

export const handlers = [
  http.get(address, () => (served < recorded.length ? undefined : new HttpResponse(null, { status: 204 }))),
  sse<Events>(address, ({ client }) => {
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
`);
});

test('an EventSource as a Playwright route writes its blocks, comments too, at their delays', () => {
  const text = toPlaywrightRoute(eventSource);
  expect(
    text,
  ).toContain(`const recorded: { status: number; contentType: string; chunks: { at: number; text: string }[]; end?: { at: number; error?: true } }[] = [
  {
    status: 200,
    contentType: "text/event-stream",
    chunks: [
      { at: 5, text: "id: 1\\ndata: one\\n\\n" },
      { at: 106, text: "event: tick\\ndata: a\\ndata: b\\n\\n" },
      { at: 195, text: ": keep-alive\\n\\n" },
    ],
    end: { at: 300 },
  },
  {
    status: 200,
    contentType: "text/event-stream",
    chunks: [
      { at: 5, text: "id: 2\\ndata: two\\n\\n" },
    ],
    end: { at: 140 },
  },
];`);
  expect(text).toContain('const address = "http://a/sse/feed";');
  expect(text).toContain(`route.continue({ url: \`http://127.0.0.1:\${port}/\` })`);
  expect(
    text.startsWith('// Connection 1 (an EventSource, GET), recorded by SSE Scope at 2025-01-02T03:04:05.000Z.\n'),
  ).toBe(true);
});

test('a fetch NDJSON stream as an MSW handler plays its chunks, as bytes where one splits a character', () => {
  expect(
    toMswHandler(ndjson),
  ).toBe(`// Connection 2 (a fetch stream, POST), recorded by SSE Scope at 2025-01-02T03:04:05.000Z.
// A Mock Service Worker handler: the response body is a ReadableStream that plays the recorded chunks,
// each at its recorded delay (ms after the response opened), with the recorded status and Content-Type.
// Other response headers are not replayed; any query string matches.
import { HttpResponse, http } from 'msw';

const address = "http://a/api/chat";

const chunks: { at: number; bytes: number[] }[] = [
  { at: 5, bytes: [123, 34, 110, 34, 58, 49, 125, 10] },
  { at: 105, bytes: [123, 34, 116, 34, 58, 34, 195] },
  { at: 110, bytes: [169, 34, 125, 10] },
];

const until = (start: number, at: number) =>
  new Promise((resolve) => setTimeout(resolve, at - (performance.now() - start)));

export const handlers = [
  http.post(address, () => {
    const start = performance.now();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const chunk of chunks) {
          await until(start, chunk.at);
          controller.enqueue(new Uint8Array(chunk.bytes));
        }
        await until(start, 280);
        controller.close();
      },
    });
    return new HttpResponse(body, { status: 200, headers: { 'content-type': "application/x-ndjson" } });
  }),
];
`);
  const whole = { ...ndjson, chunks: ndjson.chunks.slice(0, 1) };
  expect(toPlaywrightRoute(whole)).toContain(
    'chunks: [\n      { at: 5, text: "{\\"n\\":1}\\n" },\n    ],\n    end: { at: 280 },',
  );
});

test('secrets are masked in both copies, which say so; a path MSW would misread is a RegExp', () => {
  const secret = 'sk-live-SECRET123';
  const leaky: CaptureConnection = {
    ...ndjson,
    url: `http://a/v1/models/m:streamGenerateContent?key=${secret}`,
    request: { method: 'POST', headers: [['authorization', `Bearer ${secret}`]], body: `{"api_key":"${secret}"}` },
    events: [event(25, 'ndjson', `{"token":"${secret}","n":1}`, '')],
    chunks: [{ time: T + 25, size: 40, text: `{"token":"${secret}","n":1}\n` }],
  };
  const file = {
    format: CAPTURE_FORMAT,
    version: CAPTURE_VERSION,
    exportedAt: '',
    tool: 'test',
    page: 'http://a/',
  } as const;
  const masked = maskSecrets({ ...file, navigations: [], connections: [leaky] }).connections[0] as CaptureConnection;
  for (const text of [toMswHandler(masked), toPlaywrightRoute(masked)]) {
    expect(text).not.toContain(secret);
    expect(text).toContain('{ at: 5, text: "{\\"token\\":\\"••••\\",\\"n\\":1}\\n" }');
    expect(text).toContain('// •••• stands for a secret SSE Scope masked.\n');
  }
  expect(toMswHandler(masked)).toContain(
    'http.post(new RegExp("^http:\\\\/\\\\/a\\\\/v1\\\\/models\\\\/m:streamGenerateContent$"), () => {',
  );
  // Unmasked, the same connection would carry it: the test can fail.
  expect(toMswHandler(leaky)).toContain(secret);
});

test('both copies compile as strict TypeScript against msw and @playwright/test', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sse-scope-snippets-'));
  try {
    symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
    const files = { 'es-msw.ts': toMswHandler(eventSource), 'es-route.ts': toPlaywrightRoute(eventSource) };
    Object.assign(files, { 'nd-msw.ts': toMswHandler(ndjson), 'nd-route.ts': toPlaywrightRoute(ndjson) });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const compilerOptions = {
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['es2022', 'dom'],
      types: ['node'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
    // TypeScript 7 has no compiler API in JavaScript: its compiler runs as a program, silent when all is well.
    const tsc = join(process.cwd(), 'node_modules', '.bin', 'tsc');
    let errors = '';
    try {
      execFileSync(tsc, ['-p', dir], { encoding: 'utf8' });
    } catch (error) {
      errors = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(errors).toBe('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
