/**
 * Firefox serves a replay rule to a page's own EventSource: the worker redirects its requests to
 * the page's URL and writes the recording in place of that answer's body. What the page sees is
 * what it sees of the server's stream — readyState at every event, ids, the reconnect with
 * Last-Event-ID, the final failure — with trusted events; the server sees requests for the page's
 * URL instead. And the paces, steps, rules going off, and a cross-origin EventSource (the stand-in).
 */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Browser, Page } from 'puppeteer-core';
import { probeRule } from '../fixtures/replay-routes';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { type SseServer, startSseServer } from '../harness/sse-server';
import { diagnose, waitWatched } from '../support/firefox-driver';
import { ruleOf, setRules as setRulesFrom } from '../support/replay';
import { expect, exportedCapture, setNetworkCapture, test } from './fixtures';

type Probe = { log: unknown[]; trusted: boolean[] };
const probe = (page: Page, url: string) =>
  page.evaluate(
    (u) => (window as unknown as { probe(u: string): { done: Promise<Probe> } }).probe(u).done,
    url,
  ) as Promise<Probe>;
const closeAtFirst = (page: Page, url: string) =>
  page.evaluate((u) => (window as unknown as { closeAtFirst(u: string): Promise<unknown[]> }).closeAtFirst(u), url);

/** The panel's port, from an add-on page, as support/replay.ts speaks it in Chromium (Firefox has `chrome` too). */
const setRules = (panel: Page, tabId: number, rules: unknown) =>
  setRulesFrom(panel as unknown as PlaywrightPage, tabId, rules);

/** A tab on the probe page of a fresh server, and a panel watching it. */
async function probePage(browser: Browser) {
  const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  const page = await browser.newPage();
  await page.goto(`${server.origin}/pages/replay-probe.html`);
  const tabId = await firefoxTabIdOf(browser, page);
  const panel = await openExtensionPage(browser, `panel.html?tabId=${tabId}`);
  await waitWatched(panel, tabId);
  const close = async () => {
    await setRules(panel, tabId, []);
    await panel.close();
    await page.close();
    await server.close();
  };
  return { server, page, tabId, panel, close };
}

const streamRequests = (server: SseServer) =>
  server.requests
    .filter((r) => r.accept === 'text/event-stream')
    .map(({ path, lastEventId }) => ({ path, lastEventId }));

test('a native replayed EventSource looks as the server’s, trusted events too', async ({ withAddon }) => {
  test.setTimeout(60_000);
  const { server, page, tabId, panel, close } = await probePage(withAddon);
  try {
    const original = await probe(page, '/sse/probe');
    const closedOriginal = await closeAtFirst(page, '/sse/probe?close');
    expect(original.log).toContainEqual({ type: 'error', rs: 2, handler: 'function' });
    expect(original.trusted.every((t) => t)).toBe(true);
    const before = streamRequests(server).length;

    await setRules(panel, tabId, [
      probeRule(`${server.origin}/sse/probe`),
      probeRule(`${server.origin}/sse/probe-slow`, { id: 'slow' }),
    ]);
    // One opened first thing, before the rules reach the document: the worker had them already.
    await page.goto(`${server.origin}/pages/replay-probe.html?early=/sse/probe-slow`);
    const early = (await page.evaluate(
      () => (window as unknown as { early: { done: Promise<Probe> } }).early.done,
    )) as Probe;
    const replayed = await probe(page, '/sse/probe');
    expect(replayed.log).toEqual(original.log);
    expect(replayed.trusted).toEqual(original.trusted);
    const slow = `${server.origin}/sse/probe-slow`;
    expect(early.log).toEqual(original.log.map((e, i) => (i === 0 ? { ...(e as object), url: slow } : e)));
    expect(early.trusted).toEqual(original.trusted);
    expect(
      (await exportedCapture(panel)).connections.map((c: { replay?: { rule: string } }) => c.replay?.rule),
    ).toEqual(['slow', 'probe']);
    expect(await closeAtFirst(page, '/sse/probe?close')).toEqual(closedOriginal);
    // The server saw the page's URL asked for by each (a reconnect resuming after id 2), never the
    // streams' URLs; the third of each was cancelled, the one closed at its first event had no more.
    const atPage = (lastEventId?: string) => ({ path: '/pages/replay-probe.html?early=/sse/probe-slow', lastEventId });
    expect(streamRequests(server).slice(before)).toEqual([atPage(), atPage('2'), atPage(), atPage('2'), atPage()]);
  } finally {
    await close();
  }
});

type Entry = { type: string; data?: string; id?: string; at?: number; readyState?: number };
const readStream = (page: Page, url: string) =>
  page.evaluate(
    (u) => (window as unknown as { readStream(k: string, u: string): Promise<Entry[]> }).readStream('eventsource', u),
    url,
  ) as Promise<Entry[]>;
const withoutTimes = (log: Entry[]) => log.map(({ at: _at, ...rest }) => rest);
const times = (log: Entry[]) => log.flatMap((e) => (e.at === undefined ? [] : [e.at]));
const sinceFirst = (at: number[]) => at.map((t) => t - (at[0] ?? 0));
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;

test('a captured stream replays natively at its cadence and ten times as fast', async ({ withAddon }) => {
  test.setTimeout(90_000);
  const { server, page, tabId, panel, close } = await probePage(withAddon);
  const stream = `${server.origin}/sse/take-away`;
  try {
    await page.goto(`${server.origin}/pages/take-away.html`);
    const original = await readStream(page, stream);
    expect(original.at(-1)).toEqual({ type: 'error', readyState: 2 });
    const rule = ruleOf(await exportedCapture(panel), stream, 'es');
    const asked = server.requests.filter((r) => r.path === '/sse/take-away').length;

    const drifts: string[] = [];
    for (const [pace, speed] of [
      ['x1', 1],
      ['x10', 10],
    ] as const) {
      await setRules(panel, tabId, [{ ...rule, pace }]);
      await page.goto(`${server.origin}/pages/take-away.html?${pace}`);
      const replayed = await readStream(page, stream);
      expect(withoutTimes(replayed), pace).toEqual(withoutTimes(original));
      // Cadence: each event's time after the first, against the recording's (a busy machine once
      // started the whole replay 33 ms late, which moved every event and no spacing).
      const recorded = sinceFirst(times(original));
      const drift = sinceFirst(times(replayed)).map((at, i) => Math.abs(at - (recorded[i] ?? 0) / speed));
      drifts.push(`${pace}: ${drift.join(', ')} ms`);
      expect(median(drift), `${pace}: median drift`).toBeLessThanOrEqual(20);
    }
    test.info().annotations.push({ type: 'cadence', description: drifts.join('; ') });
    expect(server.requests.filter((r) => r.path === '/sse/take-away')).toHaveLength(asked);
    // The capture names the rule that answered the connection, and the EventSource keeps its URL.
    const replayedConnection = (await exportedCapture(panel)).connections.find((c: { replay?: unknown }) => c.replay);
    expect(replayedConnection).toMatchObject({ url: stream, replay: { rule: 'es', pace: 'x10' } });
  } finally {
    await close();
  }
});

/** Sends the user's step for a rule, as the panel does. */
const step = (panel: Page, tabId: number, rule: string, what: string) =>
  panel.evaluate(
    (tab, r, s) => {
      type Port = { postMessage(m: unknown): void };
      const runtime = (globalThis as unknown as { chrome: { runtime: { connect(o: object): Port } } }).chrome.runtime;
      const port = runtime.connect({ name: 'sse-scope/panel' });
      port.postMessage({ brand: 'sse-scope', v: 1, type: 'subscribe', tabId: tab, cursors: {} });
      port.postMessage({ brand: 'sse-scope', v: 1, type: 'replay-step', rule: r, step: s });
    },
    tabId,
    rule,
    what,
  );

test('a native replay played by hand writes one chunk per step', async ({ withAddon }) => {
  test.setTimeout(60_000);
  const { server, page, tabId, panel, close } = await probePage(withAddon);
  try {
    await setRules(panel, tabId, [probeRule(`${server.origin}/sse/probe`, { pace: 'step' })]);
    await page.goto(`${server.origin}/pages/replay-probe.html`);
    await page.evaluate(() => {
      const w = window as unknown as { seen: string[]; es: EventSource };
      w.seen = [];
      const es = new EventSource('/sse/probe');
      w.es = es;
      es.onmessage = (e) => w.seen.push(e.data);
      es.addEventListener('tick', (e) => w.seen.push((e as MessageEvent).data));
    });
    const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    await expect.poll(async () => (await diagnose(panel, 'nativeReplay')).serving).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await seen()).toEqual([]);
    await step(panel, tabId, 'probe', 'next');
    await expect.poll(seen).toEqual(['one']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await seen()).toEqual(['one']);
    await step(panel, tabId, 'probe', 'next');
    await expect.poll(seen).toEqual(['one', 't']);
    // Redirected to the page's URL, it still says the URL the page gave it.
    expect(await page.evaluate(() => (window as unknown as { es: EventSource }).es.url)).toBe(
      `${server.origin}/sse/probe`,
    );
  } finally {
    await close();
  }
});

test('rules off: the page’s next EventSource talks to its server again', async ({ withAddon }) => {
  test.setTimeout(60_000);
  const { server, page, tabId, panel, close } = await probePage(withAddon);
  try {
    const rule = probeRule(`${server.origin}/sse/probe`);
    await setRules(panel, tabId, [rule]);
    await page.goto(`${server.origin}/pages/replay-probe.html`);
    const replayed = await probe(page, '/sse/probe');
    expect(server.requests.filter((r) => r.path === '/sse/probe')).toHaveLength(0);
    expect((await diagnose(panel, 'nativeReplay')).listening).toBe(true);

    await setRules(panel, tabId, [{ ...rule, on: false }]);
    expect((await diagnose(panel, 'nativeReplay')).listening).toBe(false);
    const direct = await probe(page, '/sse/probe');
    expect(direct.log).toEqual(replayed.log);
    expect(server.requests.filter((r) => r.path === '/sse/probe').map((r) => r.lastEventId)).toEqual([
      undefined,
      '2',
      '3',
    ]);
  } finally {
    await close();
  }
});

test('a cross-origin EventSource a rule answers gets the stand-in, untrusted', async ({ withAddon }) => {
  test.setTimeout(60_000);
  const { server, page, tabId, panel, close } = await probePage(withAddon);
  const other = server.origin.replace('127.0.0.1', 'localhost');
  try {
    await setRules(panel, tabId, [probeRule(`${other}/sse/probe`)]);
    await page.goto(`${server.origin}/pages/replay-probe.html`);
    const replayed = await probe(page, `${other}/sse/probe`);
    expect(replayed.log).toContainEqual({ type: 'error', rs: 2, handler: 'function' });
    expect(replayed.log.filter((e) => (e as { type?: string }).type === 'message')).toHaveLength(3);
    expect(replayed.trusted.every((t) => !t)).toBe(true);
    expect(server.requests.filter((r) => r.accept === 'text/event-stream')).toHaveLength(0);
  } finally {
    await close();
  }
});

test('only the tab with the rule is served; a page guessing a connection is not', async ({ withAddon }) => {
  test.setTimeout(60_000);
  const { server, page, tabId, panel, close } = await probePage(withAddon);
  const other = await withAddon.newPage();
  try {
    const original = await probe(page, '/sse/probe');
    await setRules(panel, tabId, [probeRule(`${server.origin}/sse/probe`)]);
    await other.goto(`${server.origin}/pages/replay-probe.html`);
    // Another tab, the same page and stream: its server answers, as before the rule.
    const elsewhere = await probe(other, '/sse/probe?elsewhere');
    expect(elsewhere.log.slice(1)).toEqual(original.log.slice(1));
    expect(elsewhere.trusted).toEqual(original.trusted);
    expect(server.requests.filter((r) => r.path === '/sse/probe?elsewhere')).toHaveLength(3);
    // The rule's own tab, naming a connection the worker never made: its page answers, as HTML.
    await page.goto(`${server.origin}/pages/replay-probe.html`);
    const guessed = await probe(page, '/pages/replay-probe.html#sse-scope-replay-000000000000000000000000');
    expect(guessed.log.slice(1)).toEqual([{ type: 'error', rs: 2, handler: 'function' }]);
    expect((await diagnose(panel, 'nativeReplay')).connections).toBe(0);
  } finally {
    await other.close();
    await close();
  }
});

test('with network capture on too, the page sees the same native replay', async ({ withAddon }) => {
  test.setTimeout(60_000);
  const { server, page, tabId, panel, close } = await probePage(withAddon);
  try {
    const original = await probe(page, '/sse/probe');
    await setNetworkCapture(panel, true);
    await setRules(panel, tabId, [probeRule(`${server.origin}/sse/probe`)]);
    await page.goto(`${server.origin}/pages/replay-probe.html`);
    const replayed = await probe(page, '/sse/probe');
    expect(replayed.log).toEqual(original.log);
    expect(replayed.trusted).toEqual(original.trusted);
    expect(server.requests.filter((r) => r.path === '/sse/probe')).toHaveLength(3);
  } finally {
    await setNetworkCapture(panel, false);
    await close();
  }
});
