/**
 * "Take it to tests": a real stream captured, copied from the panel's menu as a Mock Service Worker
 * handler and as a Playwright route, then each run as copied against a page whose server no longer
 * has the stream: the page must log the same events, types, ids and order, at the same cadence.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { startSseServer } from '../harness/sse-server';
import { expect, test } from '../support/fixtures';
import { openPanel, tabIdOf } from '../support/panel';
import { expectSameLog, readStream, STREAMS, withoutStreams, withoutTimes } from '../support/take-away';

/**
 * How far replayed events may be from the original's times after their stream opened: the median
 * of a stream's, and its worst. Measured here (README, "Take it to tests"): at most 12 ms on a
 * quiet machine; with its 2 cores loaded six times over, medians up to 23 ms and single events up
 * to 103 ms off. Served all at once, these streams' medians would be 112 and 160 ms off.
 */
const LIMITS = { medianMs: 50, worstMs: 150 };

/** What the menu copies, as it hands it to the clipboard (headless Chromium refuses to read it back). */
async function copied(panel: Page, connection: number, item: string): Promise<string> {
  await panel.evaluate(() => {
    const copies: string[] = [];
    (window as unknown as { __copied: string[] }).__copied = copies;
    navigator.clipboard.writeText = async (text: string) => {
      copies.push(text);
    };
  });
  await panel.locator(`tr[data-connection="${connection}"]`).click({ button: 'right' });
  await panel.locator(`[data-context-menu] [data-menu-item="${item}"]`).click();
  const text = () => panel.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1));
  await expect.poll(text).toBeTruthy();
  return (await text()) as string;
}

async function freshPage(plain: Browser): Promise<Page> {
  const context = await plain.newContext();
  return context.newPage();
}

test('copied MSW and Playwright snippets replay a captured stream at its cadence', async ({ extension, plain }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'sse-scope-take-away-'));
  let server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  const { origin } = server;
  const port = Number(new URL(origin).port);
  try {
    // 1. The original: a page reads both streams from the server, with the extension capturing.
    const page = await extension.context.newPage();
    await page.goto(`${origin}/pages/take-away.html`);
    const original = {
      eventsource: await readStream(page, 'eventsource', `${origin}${STREAMS.eventsource}`),
      fetch: await readStream(page, 'fetch', `${origin}${STREAMS.fetch}`),
    };
    expect(withoutTimes(original.eventsource)).toEqual([
      { type: 'open' },
      { type: 'message', data: 'one', id: '1' },
      { type: 'tick', data: 'a\nb', id: '1' },
      { type: 'update', data: '{"n":2}', id: 'u2' },
      { type: 'error', readyState: 0 },
      { type: 'open' },
      { type: 'message', data: 'three', id: '3' },
      { type: 'tick', data: 'last', id: '3' },
      { type: 'error', readyState: 0 },
      { type: 'error', readyState: 2 },
    ]);
    expect(withoutTimes(original.fetch).map((e) => e.data ?? e.type)).toEqual([
      'response',
      '{"n":1}',
      '{"t":"café"}',
      '{"n":3}',
      '{"done":true}',
      'end',
    ]);

    // 2. Copied from the panel's menu.
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect(panel.locator('tr[data-connection="2"]')).toBeVisible();
    const copies = {
      mswEventSource: await copied(panel, 1, 'copy-msw'),
      mswFetch: await copied(panel, 2, 'copy-msw'),
      routeEventSource: await copied(panel, 1, 'copy-playwright'),
      routeFetch: await copied(panel, 2, 'copy-playwright'),
    };
    expect(copies.mswEventSource).toContain('sse<Events>(address, ({ client }) => {');
    expect(copies.mswFetch).toContain('http.post(address, () => {');
    await page.close();
    await panel.close();

    // 3. The server without the streams, on the same origin: from here only the copies can serve them.
    await server.close();
    for (const [name, text] of Object.entries(copies)) writeFileSync(join(dir, `${name}.ts`), text);
    const entry = `import { setupWorker } from 'msw/browser';
import { handlers as a } from './mswEventSource.ts';
import { handlers as b } from './mswFetch.ts';
window.mswReady = setupWorker(...a, ...b).start({ quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });`;
    const bundled = await build({
      stdin: { contents: entry, resolveDir: dir, loader: 'ts' },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      nodePaths: [join(process.cwd(), 'node_modules')],
      logLevel: 'error',
    });
    const js = { 'content-type': 'text/javascript' };
    const worker = readFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), 'utf8');
    server = await startSseServer({
      port,
      pagesDir: PAGES_DIR,
      routes: withoutStreams({
        '/msw.html': () => ({
          headers: { 'content-type': 'text/html' },
          body: '<!doctype html><script src="/pages/take-away.js"></script><script src="/msw.js"></script>',
        }),
        '/msw.js': () => ({ headers: js, body: bundled.outputFiles[0]?.text ?? '' }),
        '/mockServiceWorker.js': () => ({ headers: js, body: worker }),
      }),
    });

    // 4. Mock Service Worker, as copied, in a fresh browser context.
    const mswPage = await freshPage(plain);
    await mswPage.goto(`${server.origin}/msw.html`);
    await mswPage.evaluate(() => (window as unknown as { mswReady: Promise<unknown> }).mswReady);
    const msw = {
      eventsource: await readStream(mswPage, 'eventsource', `${origin}${STREAMS.eventsource}`),
      fetch: await readStream(mswPage, 'fetch', `${origin}${STREAMS.fetch}`),
    };
    await mswPage.context().close();

    // 5. The Playwright route, as copied (its types stripped, as any TypeScript runner does), on a fresh page.
    const routePage = await freshPage(plain);
    const undo: (() => Promise<void>)[] = [];
    for (const name of ['routeEventSource', 'routeFetch'] as const) {
      const { code } = await transform(copies[name], { loader: 'ts', format: 'esm' });
      const file = join(dir, `${name}.mjs`);
      writeFileSync(file, code);
      const snippet = await import(pathToFileURL(file).href);
      undo.push(await snippet.routeRecordedStream(routePage));
    }
    await routePage.goto(`${server.origin}/pages/take-away.html`);
    const routed = {
      eventsource: await readStream(routePage, 'eventsource', `${origin}${STREAMS.eventsource}`),
      fetch: await readStream(routePage, 'fetch', `${origin}${STREAMS.fetch}`),
    };
    for (const done of undo) await done();
    await routePage.context().close();

    // 6. Same log as the original, at the same cadence; the server never saw a request for a stream.
    const drifts = Object.entries({ msw, routed }).flatMap(([name, replay]) =>
      (['eventsource', 'fetch'] as const).map((kind) =>
        expectSameLog(`${name} ${kind}`, replay[kind], original[kind], original[kind], LIMITS),
      ),
    );
    test.info().annotations.push({ type: 'cadence', description: drifts.join('; ') });
    expect(server.requests.filter((r) => Object.values(STREAMS).includes(r.path))).toEqual([]);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
