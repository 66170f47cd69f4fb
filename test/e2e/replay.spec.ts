/**
 * Replay rules in Chromium: a stream captured from the server, made a rule, then played to the
 * same page after a reload while the server no longer has it. The page's log must equal its log
 * against the server — events, types, ids, order, reconnects and how it ended — at the recorded
 * cadence; no request for a stream reaches the server; switched off, the page talks to its server
 * again. fetch is answered by the page hook's Response; EventSource by its stand-in; XHR by the
 * native instance playing the recording.
 */
import type { Page } from 'playwright-core';
import type { CaptureFile } from '../../src/files/capture-file';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { type Route, startSseServer } from '../harness/sse-server';
import { expect, test } from '../support/fixtures';
import { exported, openPanel, tabIdOf } from '../support/panel';
import { ruleOf, setRules } from '../support/replay';

/**
 * How far replayed events may be from the original's times after their stream opened: the median
 * of a stream's within 20 ms (issue 32), and its worst. Measured here: 0–1 ms on a quiet machine;
 * with the suite's other browsers on the same 2 cores, single events up to 25 ms off (the original's
 * own times, from a real server, jitter as much). `npm run bench` measures the cadence error proper.
 */
const CADENCE_MS = 20;
const WORST_MS = 60;

type Entry = { type: string; data?: string; id?: string; at?: number; readyState?: number; status?: number };
type Kind = 'eventsource' | 'fetch' | 'xhr';
const STREAMS: Record<Kind, string> = {
  eventsource: '/sse/take-away',
  fetch: '/ndjson/take-away',
  xhr: '/ndjson/take-away',
};
const KINDS = ['eventsource', 'fetch', 'xhr'] as const;

/** The page reads each stream in turn and logs what it saw. */
async function readAll(page: Page, origin: string): Promise<Record<Kind, Entry[]>> {
  const log = {} as Record<Kind, Entry[]>;
  for (const kind of KINDS) log[kind] = await readStream(page, kind, `${origin}${STREAMS[kind]}`);
  return log;
}

const readStream = (page: Page, kind: Kind, url: string) =>
  page.evaluate(
    ([k, u]) => (window as unknown as { readStream(k: string, u: string): Promise<Entry[]> }).readStream(k, u),
    [kind, url] as const,
  ) as Promise<Entry[]>;
const withoutTimes = (log: Entry[]) => log.map(({ at: _at, ...rest }) => rest);
const times = (log: Entry[]) => log.flatMap((e) => (e.at === undefined ? [] : [e.at]));

function withoutStreams(): Record<string, Route> {
  const rest = { ...routes };
  for (const path of Object.values(STREAMS)) delete rest[path];
  return rest;
}

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
    const file = JSON.parse((await exported(panel, '[data-export="json"]')).text) as CaptureFile;
    const rules = [
      ruleOf(file, `${origin}${STREAMS.eventsource}`, 'es'),
      ruleOf(file, `${origin}${STREAMS.fetch}`, 'fetch'),
    ];
    expect(await setRules(panel, tabId, rules)).toEqual(rules);

    // The server without the streams: only the rules can answer them now.
    await server.close();
    server = await startSseServer({ port, pagesDir: PAGES_DIR, routes: withoutStreams() });
    await page.reload();
    const replayed = await readAll(page, origin);
    const drifts: string[] = [];
    for (const kind of KINDS) {
      expect(withoutTimes(replayed[kind]), kind).toEqual(withoutTimes(original[kind]));
      const recorded = times(original[kind]);
      const drift = times(replayed[kind]).map((at, i) => Math.abs(at - (recorded[i] as number)));
      drifts.push(`${kind}: ${drift.join(', ')} ms`);
      const sorted = [...drift].sort((x, y) => x - y);
      expect(sorted[Math.floor(sorted.length / 2)], `${kind}: median drift`).toBeLessThanOrEqual(CADENCE_MS);
      expect(sorted.at(-1), `${kind}: worst drift`).toBeLessThanOrEqual(WORST_MS);
    }
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
    const direct = await readStream(page, 'fetch', `${origin}${STREAMS.fetch}`);
    expect(direct[0]).toMatchObject({ type: 'response', status: 404 });
    expect(server.requests.filter((r) => r.path === STREAMS.fetch)).toHaveLength(1);
  } finally {
    await server.close();
  }
});
