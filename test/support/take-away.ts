/**
 * take-away.html's streams, as the replay and test-snippet tests read them: what the page logs of
 * each (an EventSource, a fetch, an XHR), and how a replay's log is held against the original's —
 * equal without times, and at the recorded cadence (the median and the worst drift of a stream).
 */
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { routes } from '../fixtures/routes';
import type { Route } from '../harness/sse-server';

export type Entry = { type: string; data?: string; id?: string; at?: number; readyState?: number; status?: number };
export type Kind = 'eventsource' | 'fetch' | 'xhr';
export const KINDS = ['eventsource', 'fetch', 'xhr'] as const;
/** Both fetch and XHR read the NDJSON stream. */
export const STREAMS: Record<Kind, string> = {
  eventsource: '/sse/take-away',
  fetch: '/ndjson/take-away',
  xhr: '/ndjson/take-away',
};

/** What the page logged of one stream, each entry with its time after the stream opened. */
export function readStream(page: Page | FirefoxPage, kind: Kind, url: string): Promise<Entry[]> {
  // Both drivers pass plain data to the page as it is.
  return (page as Page).evaluate(
    ([k, u]) => (window as unknown as { readStream(k: string, u: string): Promise<Entry[]> }).readStream(k, u),
    [kind, url] as const,
  );
}

/** The page reads each of `kinds` in turn. */
export async function readAll(
  page: Page | FirefoxPage,
  origin: string,
  kinds: readonly Kind[] = KINDS,
): Promise<Record<Kind, Entry[]>> {
  const log = {} as Record<Kind, Entry[]>;
  for (const kind of kinds) log[kind] = await readStream(page, kind, `${origin}${STREAMS[kind]}`);
  return log;
}

/** The log without its times, and its times: compared apart. */
export const withoutTimes = (log: Entry[]) => log.map(({ at: _at, ...rest }) => rest);
export const times = (log: Entry[]) => log.flatMap((e) => (e.at === undefined ? [] : [e.at]));

/** The fixture routes without take-away's streams: a request that reaches the server for one gets 404. */
export function withoutStreams(extra: Record<string, Route> = {}): Record<string, Route> {
  const rest = { ...routes, ...extra };
  for (const path of Object.values(STREAMS)) delete rest[path];
  return rest;
}

/**
 * Requires a replay's log to equal the original's without times, and its times within `limits` of
 * `recorded`'s (the log of the recording it played; one event may be up to four times the worst
 * limit late); returns the drifts, in words.
 */
export function expectSameLog(
  name: string,
  replayed: Entry[],
  original: Entry[],
  recorded: Entry[],
  limits: { medianMs: number; worstMs: number },
): string {
  expect(withoutTimes(replayed), name).toEqual(withoutTimes(original));
  const want = times(recorded);
  const drift = times(replayed).map((at, i) => Math.abs(at - (want[i] as number)));
  const sorted = [...drift].sort((x, y) => x - y);
  expect(sorted[Math.floor(sorted.length / 2)], `${name}: median drift`).toBeLessThanOrEqual(limits.medianMs);
  // One late event is a busy machine's hiccup (on CI's two cores, with another browser's tests
  // beside it, one event once came 365 ms late); two late ones are a cadence not kept.
  expect(sorted.at(-2) ?? 0, `${name}: second-worst drift`).toBeLessThanOrEqual(limits.worstMs);
  expect(sorted.at(-1), `${name}: worst drift`).toBeLessThanOrEqual(4 * limits.worstMs);
  return `${name}: ${drift.join(', ')} ms`;
}
