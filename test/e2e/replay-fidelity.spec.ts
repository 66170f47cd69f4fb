/**
 * What a page's code can see of a replayed EventSource in Chromium (the stand-in), against what it
 * sees of the server's: the same log — identity, readyState at every event, url, withCredentials,
 * handlers, events and ids, the reconnect and the 204 — and the same from one the page opened first
 * thing, before the rules reached the document (taken over). Only `isTrusted` differs (README,
 * "Replay rules"). And the paces: ten times as fast, all at once, by hand, paused.
 */
import type { Page } from 'playwright-core';
import { probeRule } from '../fixtures/replay-routes';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { startSseServer } from '../harness/sse-server';
import { expect, test } from '../support/fixtures';
import { openPanel, tabIdOf } from '../support/panel';
import { setRules, setRulesHeard } from '../support/replay';

type Probe = { log: unknown[]; trusted: boolean[] };
/** What the page saw of an EventSource it opens now, or (`url` undefined) of the one it opened first thing. */
const probe = (page: Page, url?: string) =>
  page.evaluate(async (u) => {
    type Probing = { done: Promise<Probe> };
    const w = window as unknown as { early: Probing; probe(u: string): Probing };
    return (u === undefined ? w.early : w.probe(u)).done;
  }, url);
const closeAtFirst = (page: Page, url: string) =>
  page.evaluate((u) => (window as unknown as { closeAtFirst(u: string): Promise<unknown[]> }).closeAtFirst(u), url);

test('a replayed EventSource looks to the page as the server’s, isTrusted apart', async ({ extension }) => {
  test.setTimeout(60_000);
  const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  try {
    const page = await extension.context.newPage();
    await page.goto(`${server.origin}/pages/replay-probe.html`);
    const original = await probe(page, '/sse/probe');
    const closedOriginal = await closeAtFirst(page, '/sse/probe?close');
    expect(original.log).toContainEqual({ type: 'error', rs: 2, handler: 'function' });
    expect(original.trusted.every((t) => t)).toBe(true);
    const asked = server.requests.filter((r) => r.path === '/sse/probe').length;

    const tabId = await tabIdOf(extension, page);
    const panel = await openPanel(extension, tabId);
    const rules = [
      probeRule(`${server.origin}/sse/probe`),
      probeRule(`${server.origin}/sse/probe-slow`, { id: 'slow' }),
    ];
    await setRules(panel, tabId, rules);
    // An EventSource opened first thing, before the rules reach the document: taken over, its server still silent.
    await page.goto(`${server.origin}/pages/replay-probe.html?early=/sse/probe-slow`);
    const early = await probe(page);
    const replayed = await probe(page, '/sse/probe');
    const withUrl = (log: unknown[], path: string) =>
      log.map((entry, i) => (i === 0 ? { ...(entry as object), url: `${server.origin}${path}` } : entry));
    expect(replayed.log).toEqual(original.log);
    expect(early.log).toEqual(withUrl(original.log, '/sse/probe-slow'));
    for (const { trusted } of [replayed, early]) expect(trusted).toEqual(original.trusted.map(() => false));
    expect(await closeAtFirst(page, '/sse/probe?close')).toEqual(closedOriginal);
    // Not one request for the stream the rule answered from the start.
    expect(server.requests.filter((r) => r.path === '/sse/probe')).toHaveLength(asked);
  } finally {
    await server.close();
  }
});

/** Times (ms after open) at which a replayed EventSource's messages came, and what they said. */
const timed = (page: Page, url: string, count: number) =>
  page.evaluate(
    ([u, n]) =>
      new Promise<{ data: string; at: number }[]>((resolve) => {
        const got: { data: string; at: number }[] = [];
        const es = new EventSource(u as string);
        let opened = 0;
        es.onopen = () => {
          opened = performance.now();
          // For the test to wait from the open on, not from when it asked (a busy page starts late).
          (window as { __opens?: number }).__opens = ((window as { __opens?: number }).__opens ?? 0) + 1;
        };
        const seen = (e: MessageEvent) => {
          got.push({ data: e.data, at: Math.round(performance.now() - opened) });
          if (got.length === n) {
            es.close();
            resolve(got);
          }
        };
        es.onmessage = seen;
        es.addEventListener('tick', seen);
        setTimeout(() => {
          es.close();
          resolve(got);
        }, 5000);
      }),
    [url, count] as const,
  );

test('paces: ten times as fast, all at once, by hand, and paused', async ({ extension }) => {
  test.setTimeout(60_000);
  const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  try {
    const page = await extension.context.newPage();
    await page.goto(`${server.origin}/pages/index.html`);
    const tabId = await tabIdOf(extension, page);
    const panel = await openPanel(extension, tabId);
    const at = (path: string) => `${server.origin}${path}`;
    const rules = [
      probeRule(at('/x10'), { id: 'x10', pace: 'x10' }),
      probeRule(at('/instant'), { id: 'instant', pace: 'instant' }),
      probeRule(at('/step'), { id: 'step', pace: 'step' }),
      probeRule(at('/paused'), { id: 'paused' }),
    ];
    await setRulesHeard(panel, page, tabId, rules);
    const x10 = await timed(page, at('/x10'), 3);
    expect(x10.map((e) => e.data)).toEqual(['one', 't', 'two\nlines']);
    // Recorded at 0, 100 and 200 ms.
    const off = x10.map((e, i) => Math.abs(e.at - i * 10));
    expect(Math.max(...off), `x10 off by ${off.join(', ')} ms`).toBeLessThanOrEqual(40);
    const instant = await timed(page, at('/instant'), 3);
    // All in one task: the same millisecond, on a quiet machine.
    expect(Math.max(...instant.map((e) => e.at))).toBeLessThanOrEqual(20);

    // By hand: nothing comes until the user asks for the next chunk, then exactly one.
    const opens = () => page.evaluate(() => (window as { __opens?: number }).__opens ?? 0);
    const openedBefore = await opens();
    const stepped = timed(page, at('/step'), 2);
    await expect.poll(opens).toBe(openedBefore + 1);
    await page.waitForTimeout(400);
    const step = (rule: string, what: string) =>
      panel.evaluate(
        ([r, s]) => {
          const runtime = (
            globalThis as unknown as { chrome: { runtime: { connect(o: object): { postMessage(m: unknown): void } } } }
          ).chrome.runtime;
          const port = runtime.connect({ name: 'sse-scope/panel' });
          port.postMessage({
            brand: 'sse-scope',
            v: 1,
            type: 'subscribe',
            tabId: Number(new URL(location.href).searchParams.get('tabId')),
            cursors: {},
          });
          port.postMessage({ brand: 'sse-scope', v: 1, type: 'replay-step', rule: r, step: s });
        },
        [rule, what] as const,
      );
    await step('step', 'next');
    await page.waitForTimeout(400);
    await step('step', 'next');
    const byHand = await stepped;
    expect(byHand.map((e) => e.data)).toEqual(['one', 't']);
    expect(byHand[0]?.at).toBeGreaterThanOrEqual(350);
    expect((byHand[1]?.at ?? 0) - (byHand[0]?.at ?? 0)).toBeGreaterThanOrEqual(350);

    // Paused after its start for 500 ms: every write comes that much later, in order.
    await step('paused', 'pause');
    // The step goes to the tab as the rules do, in order: once the page has a newer list, it has the pause.
    await setRulesHeard(panel, page, tabId, rules);
    const held = timed(page, at('/paused'), 3);
    await expect.poll(opens).toBe(openedBefore + 2);
    await page.waitForTimeout(500);
    await step('paused', 'resume');
    const late = await held;
    expect(late.map((e) => e.data)).toEqual(['one', 't', 'two\nlines']);
    expect(late[0]?.at).toBeGreaterThanOrEqual(400);
    expect((late[2]?.at ?? 0) - (late[0]?.at ?? 0)).toBeGreaterThanOrEqual(190);
  } finally {
    await server.close();
  }
});
