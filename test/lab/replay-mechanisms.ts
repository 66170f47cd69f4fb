/**
 * Run: `npx tsx test/lab/replay-mechanisms.ts` (one headless Chromium, about a minute; not part of
 * `npm test`). Tries, in real Chromium with the minimal extension in test/lab/ext, each way an
 * extension might replay into, hold, delay, inject into or drop a page's native EventSource, and
 * prints one block per scenario (JSON in test-results/replay-mechanisms.json) for
 * docs/replay-mechanisms.md. Only 127.0.0.1; every stream is bounded; the run stops itself.
 * Long because: the scenario list is one table, read and edited as a whole; the runner is short.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchLab } from './cdp-pipe';
import { cadence, extensionLine, type Outcome, pageLine, runScenario, type Scenario, serverLine } from './lab-run';
import { type LabServer, startLabServer } from './lab-server';

const EXTENSION = fileURLToPath(new URL('./ext/', import.meta.url));
const sse = (tag: string, n: number, gap: number, responses = 2, retry = 300) =>
  `/sse?tag=${tag}&n=${n}&gap=${gap}&responses=${responses}&retry=${retry}`;
const conditions = (o: object) =>
  `self.lab.send(TAB, 'Network.emulateNetworkConditions', ${JSON.stringify({ offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1, ...o })})`;
const redirect = (tag: string, to: object) =>
  `self.lab.rule(TAB, '?tag=${tag}&', ${JSON.stringify({ type: 'redirect', redirect: to })})`;
const intercept = (tag: string, stage: 'Request' | 'Response', steps: object[]) => [
  `self.lab.setPlan(${JSON.stringify({ tabId: 'TAB', steps })})`.replace('"TAB"', 'TAB'),
  `self.lab.send(TAB, 'Fetch.enable', ${JSON.stringify({ patterns: [{ urlPattern: `*/sse?tag=${tag}&*`, requestStage: stage }] })})`,
];
const recording = (n: number) =>
  `retry: 300\n\n${Array.from({ length: n }, (_, i) => `id: ${i + 1}\ndata: replay ${i + 1}\n\n`).join('')}`;

/** Each scenario and the rates its cadence is measured at (gap in ms), if it streams. */
const SCENARIOS: (Scenario & { gap?: number; note: string })[] = [
  {
    note: 'origin server, no extension action (10/s)',
    tag: 'base10',
    kind: 'es',
    src: sse('base10', 20, 100, 1),
    stop: 2600,
    gap: 100,
  },
  {
    note: 'origin server, no extension action (100/s)',
    tag: 'base100',
    kind: 'es',
    src: sse('base100', 100, 10, 1),
    stop: 1600,
    gap: 10,
  },
  {
    note: 'origin server, fetch (100/s)',
    tag: 'basefetch',
    kind: 'fetch',
    src: sse('basefetch', 100, 10, 1),
    stop: 1600,
    gap: 10,
  },
  // 1. Network.emulateNetworkConditions
  {
    note: 'offline 600→1600 ms on a live stream',
    tag: 'offline-live',
    kind: 'es',
    src: sse('offline-live', 30, 100),
    stop: 5000,
    debug: true,
    during: [
      [600, conditions({ offline: true })],
      [1600, conditions({})],
    ],
  },
  {
    note: 'offline 700→1700 ms, while the EventSource waits to reconnect',
    tag: 'offline-wait',
    kind: 'es',
    src: sse('offline-wait', 5, 100, 3),
    stop: 3500,
    debug: true,
    during: [
      [700, conditions({ offline: true })],
      [1700, conditions({})],
    ],
  },
  {
    note: 'latency 300 ms set before the connection (10/s)',
    tag: 'latency-before',
    kind: 'es',
    src: sse('latency-before', 20, 100, 1),
    stop: 3200,
    debug: true,
    gap: 100,
    setup: [conditions({ latency: 300 })],
  },
  {
    note: 'latency 300 ms set at 500 ms, mid-stream (10/s)',
    tag: 'latency-mid',
    kind: 'es',
    src: sse('latency-mid', 20, 100, 1),
    stop: 3200,
    debug: true,
    gap: 100,
    during: [[500, conditions({ latency: 300 })]],
  },
  {
    note: 'download throughput 100 B/s set before the connection (10/s, ~22 B per event)',
    tag: 'throughput',
    kind: 'es',
    src: sse('throughput', 20, 100, 1),
    stop: 4000,
    debug: true,
    gap: 100,
    setup: [conditions({ downloadThroughput: 100 })],
    during: [[3800, conditions({})]],
  },
  // 2. declarativeNetRequest
  {
    note: 'DNR redirect to a web-accessible URL the extension worker would stream',
    tag: 'dnr-sw-es',
    kind: 'es',
    src: sse('dnr-sw-es', 20, 100),
    stop: 4000,
    debug: true,
    setup: [redirect('dnr-sw-es', { extensionPath: '/replay/r?tag=dnr-sw-es&n=20&gap=100' })],
  },
  {
    note: 'the same for fetch()',
    tag: 'dnr-sw-fetch',
    kind: 'fetch',
    src: sse('dnr-sw-fetch', 20, 100),
    stop: 1500,
    debug: true,
    setup: [redirect('dnr-sw-fetch', { extensionPath: '/replay/r?tag=dnr-sw-fetch&n=20&gap=100' })],
  },
  {
    note: 'DNR redirect to a packaged web-accessible file (EventSource)',
    tag: 'dnr-file-es',
    kind: 'es',
    src: sse('dnr-file-es', 20, 100),
    stop: 1500,
    setup: [redirect('dnr-file-es', { extensionPath: '/static.txt' })],
  },
  {
    note: 'DNR redirect to a packaged web-accessible file (fetch)',
    tag: 'dnr-file-fetch',
    kind: 'fetch',
    src: sse('dnr-file-fetch', 20, 100),
    stop: 1500,
    setup: [redirect('dnr-file-fetch', { extensionPath: '/static.txt' })],
  },
  {
    note: 'DNR redirect to a data:text/event-stream URL',
    tag: 'dnr-data',
    kind: 'es',
    src: sse('dnr-data', 20, 100),
    stop: 1500,
    setup: [redirect('dnr-data', { url: 'data:text/event-stream,id:%201%0Adata:%20d%0A%0A' })],
  },
  {
    note: 'DNR block rule added at 600 ms, mid-stream',
    tag: 'dnr-block',
    kind: 'es',
    src: sse('dnr-block', 30, 100),
    stop: 4500,
    debug: true,
    during: [[600, `self.lab.rule(TAB, '?tag=dnr-block&', {type: 'block'})`]],
  },
  // 3. The debugger's Fetch domain
  {
    note: 'Fetch.fulfillRequest with a 20-event recording (recorded at 10/s), then 204',
    tag: 'fx-fulfill',
    kind: 'es',
    src: 'http://127.0.0.1:9/sse?tag=fx-fulfill&',
    stop: 2000,
    debug: true,
    gap: 100,
    setup: intercept('fx-fulfill', 'Request', [
      { kind: 'fulfill', body: recording(20) },
      { kind: 'fulfill', status: 204 },
    ]),
  },
  {
    note: 'Fetch.fulfillRequest for fetch()',
    tag: 'fx-fulfill-fetch',
    kind: 'fetch',
    src: 'http://127.0.0.1:9/sse?tag=fx-fulfill-fetch&',
    stop: 1500,
    debug: true,
    gap: 100,
    setup: intercept('fx-fulfill-fetch', 'Request', [{ kind: 'fulfill', body: recording(20) }]),
  },
  ...['ConnectionReset', 'Failed', 'Aborted', 'BlockedByClient'].map((reason) => ({
    note: `Fetch.failRequest(${reason}) on the reconnect`,
    tag: `fx-fail-${reason}`,
    kind: 'es' as const,
    src: sse(`fx-fail-${reason}`, 5, 100),
    stop: 2500,
    debug: true,
    setup: intercept(`fx-fail-${reason}`, 'Request', [{ kind: 'continue' }, { kind: 'fail', reason }]),
  })),
  ...[500, 404, 204].map((status) => ({
    note: `Fetch.fulfillRequest status ${status} on the reconnect`,
    tag: `fx-status-${status}`,
    kind: 'es' as const,
    src: sse(`fx-status-${status}`, 5, 100),
    stop: 2000,
    debug: true,
    setup: intercept(`fx-status-${status}`, 'Request', [{ kind: 'continue' }, { kind: 'fulfill', status }]),
  })),
  {
    note: 'Fetch.continueResponse with Content-Type text/plain on the reconnect',
    tag: 'fx-retype',
    kind: 'es',
    src: sse('fx-retype', 5, 100),
    stop: 2000,
    debug: true,
    setup: intercept('fx-retype', 'Response', [{ kind: 'continue' }, { kind: 'retype', contentType: 'text/plain' }]),
  },
  {
    note: 'cut after 4 events: takeResponseBodyAsStream + IO.read(32) + fulfillRequest',
    tag: 'fx-cut',
    kind: 'es',
    src: sse('fx-cut', 8, 150),
    stop: 3000,
    debug: true,
    setup: intercept('fx-cut', 'Response', [{ kind: 'cut', events: 4 }]),
  },
  {
    note: 'hold the response 1000 ms at the Response stage, then continueResponse',
    tag: 'fx-hold',
    kind: 'es',
    src: sse('fx-hold', 20, 100, 1),
    stop: 3500,
    debug: true,
    setup: intercept('fx-hold', 'Response', [{ kind: 'hold', ms: 1000 }]),
  },
  // 4. Other leads
  {
    note: 'Page.setWebLifecycleState frozen 500→1500 ms',
    tag: 'freeze',
    kind: 'es',
    src: sse('freeze', 20, 100, 1),
    stop: 3000,
    debug: true,
    gap: 100,
    during: [
      [500, `self.lab.send(TAB, 'Page.setWebLifecycleState', {state: 'frozen'})`],
      [1500, `self.lab.send(TAB, 'Page.setWebLifecycleState', {state: 'active'})`],
    ],
  },
  {
    note: 'Network.setBlockedURLs at 300 ms (the reconnect)',
    tag: 'blocked-urls',
    kind: 'es',
    src: sse('blocked-urls', 5, 100),
    stop: 2000,
    debug: true,
    during: [[300, `self.lab.send(TAB, 'Network.setBlockedURLs', {urls: ['*/sse?tag=blocked-urls&*']})`]],
  },
];

/** Each event's time at the page minus the origin server's write of it (two clocks, both wall time). */
function afterWrite(o: Outcome, server: LabServer): string {
  const writes = new Map(server.writes.filter((w) => w.tag === o.tag).map((w) => [w.id, w.t]));
  const late = o.page
    .filter((e) => e.k === 'message' && writes.has(e.id ?? ''))
    .map((e) => Math.round(e.t - (writes.get(e.id ?? '') ?? 0)));
  return late.join(',');
}

async function main(): Promise<void> {
  const only = process.env.LAB ? new RegExp(process.env.LAB) : undefined;
  const server = await startLabServer();
  const lab = await launchLab(EXTENSION);
  const results: object[] = [];
  try {
    console.log(`${lab.version}, ${server.origin}`);
    for (const s of SCENARIOS.filter((x) => !only || only.test(x.tag))) {
      try {
        const o = await runScenario(lab, server, s);
        const result = {
          tag: s.tag,
          note: s.note,
          page: pageLine(o),
          esUrl: o.page.find((e) => e.k === 'created')?.detail,
          origins: [...new Set(o.page.filter((e) => e.origin !== undefined).map((e) => e.origin))],
          actions: o.actions,
          server: serverLine(o),
          extension: extensionLine(o, /sw-request|sw-fetch-event|cdp-failed|cdp-step|cdp-cut|cdp-error/),
          ...(s.gap ? { cadence: cadence(o, s.gap), msAfterServerWrite: afterWrite(o, server) } : {}),
        };
        results.push(result);
        console.log(JSON.stringify(result, null, 1));
      } catch (error) {
        results.push({ tag: s.tag, error: String(error) });
        console.log(s.tag, 'FAILED', String(error));
      }
    }
  } finally {
    await lab.close();
    await server.close();
  }
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/replay-mechanisms.json', JSON.stringify({ browser: lab.version, results }, null, 1));
}

// The whole run is bounded: a hung browser or page ends it rather than waiting forever.
const deadline = setTimeout(() => {
  console.error('replay lab: over 4 minutes, stopping');
  process.exit(1);
}, 240_000);
main().then(
  () => clearTimeout(deadline),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
