/**
 * Firefox's opt-in network capture of EventSource streams (⚙ in the panel): the worker reads each
 * response through a stream filter. With it on, pages must still behave exactly as without the
 * add-on, and the capture must hold every byte of every response as sent, each event's block as
 * received, and the events the page never received because nobody listened for their type.
 */
import type { Browser, Page } from 'puppeteer-core';
import { fromBase64 } from '../../src/core/base64';
import { XSS } from '../fixtures/routes';
import { eventCount, readConnections } from '../harness/panel-reader';
import { type SseServer, sse } from '../harness/sse-server';
import { diagnose } from '../support/firefox-driver';
import { WORKER_STREAM_EVENTS } from '../support/network-capture';
import { eventsByUrl, type LogEntry, waitUntilDone } from '../support/page-log';
import { expectPanelShowsPage } from '../support/panel';
import { sent } from '../support/route-text';
import { WORKER_ROWS, workerRows } from '../support/workers';
import {
  comparable,
  expect,
  exportedCapture,
  requestSet,
  runFresh,
  setNetworkCapture,
  test,
  watchedWithNetworkCapture,
} from './fixtures';

const background = (panel: Page) => diagnose(panel, 'networkCapture');

/** A page run in a tab a panel watches with network capture on (fresh server); its log, requests and the panel. */
async function runCaptured(browser: Browser, path: string) {
  const { server, page, panel } = await watchedWithNetworkCapture(browser);
  await page.goto(server.origin + path);
  await waitUntilDone(page);
  const log = await page.evaluate(() => (window as unknown as { __log: unknown }).__log);
  return { server, page, panel, log };
}

async function closeAll(run: { server: SseServer; page: Page; panel: Page }): Promise<void> {
  await setNetworkCapture(run.panel, false);
  await run.panel.close();
  await run.page.close();
  await run.server.close();
}

const TAPPED_PAGES = ['spec', 'named', 'comments', 'resume', 'multiline', 'fetch-read.html?style=reader&', 'llm'];
const pathOf = (name: string) => `/pages/${name.includes('.html') ? name : `${name}.html`}`;
/** A page's name in a title: `fetch-read style=reader`. */
const labelOf = (name: string) => name.replace('.html?', ' ').replace(/&$/, '');

for (const name of TAPPED_PAGES) {
  test(`network capture on, ${labelOf(name)}: the same page; the panel shows it`, async ({
    withAddon,
    withoutAddon,
  }) => {
    const without = await runFresh(withoutAddon, pathOf(name));
    const run = await runCaptured(withAddon, pathOf(name));
    try {
      expect(comparable(run.log, run.server.origin)).toEqual(without.log);
      // The tab started on index.html, for the panel to watch it before the page's first request.
      const requests = () => requestSet(run.server).filter((r) => !r.includes('"/pages/index.html"'));
      await expect.poll(requests).toEqual(without.requests);
      if (Array.isArray(run.log) && eventsByUrl(run.log as LogEntry[]).size > 0)
        await expectPanelShowsPage(run.panel, run.log as LogEntry[]);
      else {
        await expect.poll(() => eventCount(run.panel)).toBeGreaterThan(0);
      }
    } finally {
      await closeAll(run);
    }
  });
}

test('network capture on: every byte and block of both responses, the unheard too', async ({ withAddon }) => {
  const run = await runCaptured(withAddon, '/pages/spec.html');
  try {
    // first, second, named, an empty one, halt, the id reset, the last of the first response, close now.
    await expect.poll(() => eventCount(run.panel)).toBe(8);
    // The second response stays open until the page closes it; then its filter ends.
    await expect.poll(async () => (await background(run.panel)).active).toBe(0);
    const [connection] = await readConnections(run.panel);
    expect(connection?.listening).toBe('named, halt · 1 unheard');

    const file = await exportedCapture(run.panel);
    const [spec] = file.connections;
    const text = (chunks: { base64: string }[]) =>
      new TextDecoder().decode(Uint8Array.from(chunks.flatMap((c) => [...fromBase64(c.base64)])));
    const begins = spec.chunks.flatMap((c: { begins?: true }, i: number) => (c.begins ? [i] : []));
    expect(begins).toHaveLength(2);
    const first = spec.chunks.slice(0, begins[1]);
    const second = spec.chunks.slice(begins[1]);
    expect(text(first)).toBe(sent('/sse/spec', 1));
    expect(text(second)).toBe(sent('/sse/spec', 2, { 'last-event-id': 'three' }));
    expect(first[first.length - 1].ends).toBe(true);

    // Each event the page received has its block exactly as sent; `retry` shows in the first's.
    const raws = spec.events.map((e: { raw?: string }) => e.raw);
    expect(raws[0]).toBe(sse({ retry: 50, id: 'one', data: 'first' }));
    expect(raws.every((raw: string | undefined) => raw !== undefined)).toBe(true);
    expect(spec.events[0].retry).toBe(50);
    // The event of a type nobody listens for is a block of its own, said to be undispatched.
    const unheard = spec.blocks.filter((f: { notes: string[] }) => f.notes[0]?.includes('no listener'));
    expect(unheard).toEqual([
      expect.objectContaining({
        raw: 'event: nobody-listens\ndata: not dispatched to anyone\n\n',
        notes: ['event “nobody-listens”: no listener, so it was not dispatched to the page'],
      }),
    ]);

    // The detail view: the raw tab says the text is exact; the chunks tab lists both responses.
    await run.panel.click('.rows .row');
    await (await run.panel.waitForSelector('[data-tab="raw"]'))?.click();
    expect(await run.panel.$eval('[data-raw-label]', (e) => e.textContent)).toContain('Exact text as received');
    await run.panel.click('[data-tab="stream"]');
    expect(await run.panel.$eval('.chunks .note', (e) => e.textContent)).toContain(
      'exactly as the network delivered them',
    );
  } finally {
    await closeAll(run);
  }
});

test('network capture on: an XSS corpus shows as text in every view, chunks too', async ({ withAddon }) => {
  const run = await runCaptured(withAddon, '/pages/xss.html');
  try {
    await expect.poll(() => eventCount(run.panel)).toBe(XSS.length * 2);
    await expect.poll(async () => (await background(run.panel)).active).toBe(1);
    const views = ['data', 'json', 'raw', 'stream'];
    // The rows counted without the connection's lifecycle.
    await run.panel.click('[data-lifecycle-toggle]');
    await run.panel.focus('.events');
    await run.panel.keyboard.press('Home');
    for (let row = 0; row < XSS.length * 2; row++) {
      await run.panel.click(`.rows .row[data-row="${row}"]`);
      expect(
        await run.panel.$('.detail [data-tab="stream"]'),
        'an EventSource read as bytes has chunks',
      ).not.toBeNull();
      for (const view of views) {
        const tab = await run.panel.$(`.detail [data-tab="${view}"]`);
        if (!tab) continue;
        await tab.click();
        await run.panel.waitForSelector(`.detail [data-panel="${view}"]`);
      }
    }
    // The chunks hold the corpus as sent, as text.
    expect(await run.panel.$eval('.chunks', (e) => e.textContent)).toContain(XSS[0]);
    const inert = await run.panel.evaluate(() => ({
      ran: (window as { __xss?: number }).__xss,
      elements: document.querySelectorAll('#app img, #app svg, #app script, #app iframe, #app a, #app b, #app object')
        .length,
    }));
    expect(inert).toEqual({ ran: undefined, elements: 0 });
  } finally {
    await closeAll(run);
  }
});

test('network capture on: workers’ streams are the tab’s, every event and byte', async ({
  withAddon,
  withoutAddon,
}) => {
  const path = '/pages/workers.html';
  const without = await runFresh(withoutAddon, path);
  const run = await runCaptured(withAddon, path);
  try {
    expect(Object.keys(comparable(run.log, run.server.origin) as object)).toHaveLength(9);
    expect(comparable(run.log, run.server.origin)).toEqual(without.log);
    const requests = () => requestSet(run.server).filter((r) => !r.includes('"/pages/index.html"'));
    await expect.poll(requests).toEqual(without.requests);
    // The server tells the service worker's script by its header (requestSet leaves out its update checks).
    expect(run.server.requests.find((r) => r.path === '/pages/stream-worker.js?who=sw')?.serviceWorker).toBe(true);
    await expect.poll(async () => (await readConnections(run.panel)).length).toBe(6);
    // Firefox names no tab for most worker requests, and no kind for any: the page hook told which worker the page started.
    await expect.poll(async () => workerRows(await readConnections(run.panel), run.server.origin)).toEqual(WORKER_ROWS);
    const file = await exportedCapture(run.panel);
    const es = file.connections.find((c: { url: string }) => c.url.endsWith('/sse/worker?who=shw'));
    expect(es.worker).toEqual({ kind: 'shared', url: `${run.server.origin}/pages/stream-worker.js?who=shw` });
    expect(
      es.events.map((e: { type: string; data: string; lastEventId: string }) => [e.type, e.data, e.lastEventId]),
    ).toEqual(WORKER_STREAM_EVENTS);
    const text = (chunks: { base64: string }[]) =>
      new TextDecoder().decode(Uint8Array.from(chunks.flatMap((c) => [...fromBase64(c.base64)])));
    const begins = es.chunks.flatMap((c: { begins?: true }, i: number) => (c.begins ? [i] : []));
    expect(text(es.chunks.slice(0, begins[1]))).toBe(sent('/sse/worker', 1));
    expect(text(es.chunks.slice(begins[1]))).toBe(sent('/sse/worker', 2, { 'last-event-id': '2' }));
  } finally {
    await closeAll(run);
  }
});
