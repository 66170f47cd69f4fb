/**
 * Replay rules in Chromium: a stream captured from the server, made a rule, then played to the
 * same page after a reload while the server no longer has it. The page's log must equal its log
 * against the server — events, types, ids, order, reconnects and how it ended — at the recorded
 * cadence; no request for a stream reaches the server; switched off, the page talks to its server
 * again. fetch is answered by the page hook's Response; EventSource by its stand-in; XHR by the
 * native instance playing the recording.
 */
import type { CaptureFile } from '../../src/files/capture-file';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { startSseServer } from '../harness/sse-server';
import { expect, test } from '../support/fixtures';
import { exported, openPanel, tabIdOf } from '../support/panel';
import { type ReplayRule, readinessRule, ruleOf, setRules, untilRulesReached } from '../support/replay';
import { expectSameLog, KINDS, readAll, readStream, STREAMS, withoutStreams, withoutTimes } from '../support/take-away';

/**
 * How far replayed events may be from the original's times after their stream opened: the median
 * of a stream's within 20 ms (issue 32), and its worst. Measured here: 0–1 ms on a quiet machine;
 * with the suite's other browsers on the same 2 cores, medians up to 19 ms and single events up to
 * 120 ms off at a load of 9 (the original's own times, from a real server, jitter as well). `npm run
 * bench` measures the cadence error proper.
 */
const LIMITS = { medianMs: 20, worstMs: 150 };

test('a rule replays a captured stream into the page at its cadence', async ({ extension }) => {
  test.setTimeout(90_000);
  let server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  const { origin } = server;
  const port = Number(new URL(origin).port);
  try {
    const page = await extension.context.newPage();
    await page.goto(`${origin}/pages/take-away.html`);
    const original = await readAll(page, origin);
    expect(original.eventsource.at(-1)).toEqual({ type: 'error', readyState: 2 });
    expect(withoutTimes(original.xhr)).toEqual(withoutTimes(original.fetch));
    const tabId = await tabIdOf(extension, page);
    const panel = await openPanel(extension, tabId);
    await expect(panel.locator('tr[data-connection="3"]')).toBeVisible();
    // The user's way: "Replay this stream…" on the EventSource and on the fetch stream.
    for (const row of [1, 2]) {
      await panel.locator(`tr[data-connection="${row}"]`).click({ button: 'right' });
      await panel.locator('[data-menu-item="replay"]').click();
    }
    await expect(panel.locator('[data-action="replay-rules"]')).toHaveText('▶ Replay rules (2)');
    const file = JSON.parse((await exported(panel, '[data-export="json"]')).text) as CaptureFile;
    const rules = await panel.evaluate(async () => {
      type Session = { get(keys: null): Promise<Record<string, unknown>> };
      const session = (globalThis as unknown as { chrome: { storage: { session: Session } } }).chrome.storage.session;
      const all = await session.get(null);
      return Object.entries(all).find(([key]) => key.startsWith('replay/'))?.[1] as ReplayRule[];
    });
    // What the menu made is what the capture file makes.
    expect(rules.map((r) => ({ ...r, id: '' }))).toEqual(
      [STREAMS.eventsource, STREAMS.fetch].map((path) => ({ ...ruleOf(file, `${origin}${path}`, ''), id: '' })),
    );
    const ready = readinessRule(origin);
    expect(await setRules(panel, tabId, [...rules, ready])).toHaveLength(3);

    // The server without the streams: only the rules can answer them now.
    await server.close();
    server = await startSseServer({ port, pagesDir: PAGES_DIR, routes: withoutStreams() });
    await page.reload();
    // The streams open once the document has its rules (a stream opened before may reach the server, README).
    await untilRulesReached(page, ready);
    const replayed = await readAll(page, origin);
    // Both fetch and XHR play the fetch stream's recording (one rule answers the URL).
    const drifts = KINDS.map((kind) =>
      expectSameLog(kind, replayed[kind], original[kind], original[kind === 'xhr' ? 'fetch' : kind], LIMITS),
    );
    test.info().annotations.push({ type: 'cadence', description: drifts.join('; ') });
    expect(server.requests.filter((r) => Object.values(STREAMS).includes(r.path))).toEqual([]);

    // Switched off: the page asks its server again (which no longer has the stream: 404).
    expect(
      await setRules(
        panel,
        tabId,
        rules.map((r) => ({ ...r, on: false })),
      ),
    ).toHaveLength(2);
    // The worker tells the tab and the panel at once: the tab may hear a moment after the answer.
    await expect
      .poll(async () => (await readStream(page, 'fetch', `${origin}${STREAMS.fetch}`))[0], { timeout: 15_000 })
      .toMatchObject({ type: 'response', status: 404 });
    expect(server.requests.filter((r) => r.path === STREAMS.fetch)).toHaveLength(1);
  } finally {
    await server.close();
  }
});
