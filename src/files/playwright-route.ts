/**
 * A connection as a Playwright route, in TypeScript, that makes a page's requests to its address
 * get the recorded stream at its recorded cadence. `route.fulfill()` sends a body all at once
 * (microsoft/playwright "How to mock an event stream response?"), so the snippet starts a small
 * node:http server that writes each chunk at its recorded delay and continues the request to it:
 * the browser reads a real streamed response, and the page still sees the address it asked for.
 * Written from the masked capture file (./redact), so that no secret leaves in a copy.
 * not-ui-text (the whole module): it writes TypeScript, whose comments are in English as code's are.
 */
import type { CaptureConnection } from './capture-file';
import { recordedStream } from './recorded-stream';
import { chunkLiterals, literal, needsBytes, originComment } from './snippet-text';

const NOTES = [
  'A Playwright route: the page\u2019s requests to the address below (any query) get the recorded stream, each',
  'chunk at its recorded delay (ms after the response opened). route.fulfill() would send the body all at once,',
  'so a small server on 127.0.0.1 writes the chunks and the route continues the request to it.',
  'Request k gets recorded response k (an EventSource\u2019s reconnects too); later ones get 204, which stops an',
  'EventSource. What the page could notice: only the recorded status and Content-Type come back (no other',
  'recorded header; CORS headers allow the page\u2019s origin); delays drift by a few ms; the real server never',
  'sees the request. response.url, the resource timing entry and EventSource.url keep the address.',
];

/** The snippet's imports; in strings, so that the layers' check does not take them for this module's own. */
const IMPORTS = [
  "import { createServer } from 'node:http';",
  "import type { AddressInfo } from 'node:net';",
  "import type { Page } from '@playwright/test';",
];

/** The connection (from a masked capture file) as a module exporting `routeRecordedStream(page)`. */
export function toPlaywrightRoute(c: CaptureConnection): string {
  const stream = recordedStream(c);
  // One shape for every response: when one needs bytes, all are written as bytes.
  const bytes = stream.responses.some((r) => needsBytes(r.chunks));
  const responses = stream.responses.map((r) => {
    const lines = chunkLiterals(r.chunks, bytes).lines;
    const end = r.end ? `\n    end: { at: ${r.end.at}${r.end.value === 'error' ? ', error: true' : ''} },` : '';
    return `  {
    status: ${r.status},
    contentType: ${literal(r.contentType)},
    chunks: [
${lines.map((line) => `      ${line},\n`).join('')}    ],${end}
  },
`;
  });
  const chunkType = bytes ? '{ at: number; bytes: number[] }' : '{ at: number; text: string }';
  return `${originComment(c, stream, NOTES)}${IMPORTS.join('\n')}

const address = ${literal(stream.address)};

const recorded: { status: number; contentType: string; chunks: ${chunkType}[]; end?: { at: number; error?: true } }[] = [
${responses.join('')}];

const until = (start: number, at: number) =>
  new Promise((resolve) => setTimeout(resolve, at - (performance.now() - start)));

/** Routes the page's requests to the recorded stream; the function it returns undoes it. */
export async function routeRecordedStream(page: Page): Promise<() => Promise<void>> {
  let served = 0;
  const server = createServer(async (request, response) => {
    const recording = recorded[served++];
    const cors = { 'access-control-allow-origin': request.headers.origin ?? '*', 'access-control-allow-credentials': 'true' };
    if (!recording) {
      response.writeHead(204, cors).end();
      return;
    }
    const start = performance.now();
    response.writeHead(recording.status, { ...cors, 'content-type': recording.contentType, 'cache-control': 'no-store' });
    response.flushHeaders();
    for (const chunk of recording.chunks) {
      await until(start, chunk.at);
      if (response.destroyed) return;
      response.write(${bytes ? 'new Uint8Array(chunk.bytes)' : 'chunk.text'});
    }
    // A stream that had not ended stays open, until the page or the returned function ends it.
    if (!recording.end) return;
    await until(start, recording.end.at);
    if (recording.end.error) response.destroy();
    else response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const matches = (url: URL) => \`\${url.origin}\${url.pathname}\` === address;
  await page.route(matches, (route) => route.continue({ url: \`http://127.0.0.1:\${port}/\` }));
  return async () => {
    await page.unroute(matches);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
}
`;
}
