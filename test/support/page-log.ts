/** Runs fixture pages and reads what they saw, with or without the extension. */
import { expect } from '@playwright/test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { type RequestRecord, type SseServer, startSseServer } from '../harness/sse-server';

export interface LogEntry {
  conn: string;
  what: 'created' | 'open' | 'event' | 'error' | 'closed';
  url?: string;
  readyState?: number;
  type?: string;
  data?: string;
  id?: string;
  origin?: string;
}

export interface SeenEvent {
  type: string;
  data: string;
  id: string;
}

/** What a Playwright page (Chromium) and a Puppeteer page (Firefox) both offer that a page run needs. */
export interface ScenarioPage {
  goto(url: string): Promise<unknown>;
  evaluate(script: () => unknown): Promise<unknown>;
  waitForFunction(script: () => boolean, ...rest: { timeout: number }[]): Promise<unknown>;
}

/** Whether the fixture page's scenario says it is done (`window.__done`). */
export async function isDone(page: Pick<ScenarioPage, 'evaluate'>): Promise<boolean> {
  return (await page.evaluate(() => (window as { __done?: boolean }).__done === true)) === true;
}

/**
 * Waits until the fixture page's scenario says it is done, polled inside the page. Playwright
 * takes `(script, arg, options)` and Puppeteer `(script, options, ...args)`: the options go in
 * both places, and each ignores the other's.
 */
export async function waitUntilDone(page: Pick<ScenarioPage, 'waitForFunction'>, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => (window as { __done?: boolean }).__done === true, { timeout }, { timeout });
}

/** Opens a fixture page in a new tab and waits until its scenario says it is done; `__log` is what it saw. */
export async function runPage<P extends ScenarioPage>(
  owner: { newPage(): Promise<P> },
  url: string,
  timeout = 60_000,
): Promise<{ page: P; log: LogEntry[] }> {
  const page = await owner.newPage();
  await page.goto(url);
  await waitUntilDone(page, timeout);
  const log = (await page.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log)) as LogEntry[];
  return { page, log };
}

/** Runs `body` against a fixture server of its own, closed afterwards: no cache or sockets shared with another run. */
export async function withFreshServer<T>(body: (server: SseServer) => Promise<T>): Promise<T> {
  const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

/** The page's events grouped by connection URL, in the order the page saw them. */
export function eventsByUrl(log: LogEntry[]): Map<string, SeenEvent[]> {
  const urls = new Map<string, string>();
  const events = new Map<string, SeenEvent[]>();
  for (const entry of log) {
    if (entry.what === 'created' && entry.url) {
      urls.set(entry.conn, entry.url);
      events.set(entry.url, []);
    }
    if (entry.what === 'event') {
      const url = urls.get(entry.conn) as string;
      events.get(url)?.push({ type: entry.type ?? '', data: entry.data ?? '', id: entry.id ?? '' });
    }
  }
  return events;
}

/** Each connection's log in order, with the server's origin replaced (it differs between runs). */
export function logByConnection(log: LogEntry[], origin: string): Record<string, unknown[]> {
  const byConnection: Record<string, unknown[]> = {};
  for (const entry of log) {
    // The same server as localhost: another origin, for cross-origin cases.
    const text = JSON.stringify(entry)
      .replaceAll(origin, 'ORIGIN')
      .replaceAll(origin.replace('127.0.0.1', 'localhost'), 'OTHER-ORIGIN');
    const list = byConnection[entry.conn] ?? [];
    list.push(JSON.parse(text));
    byConnection[entry.conn] = list;
  }
  return byConnection;
}

export interface Run {
  log: Record<string, unknown[]>;
  /** What the server saw, without times (they differ between runs). */
  requests: Omit<RequestRecord, 'at' | 'endedAt'>[];
  windowMessages: number;
}

/**
 * Runs a page on a fresh server in a fresh context (no shared cache or sockets) and closes both.
 * `inspect`, when given, sees the page and its log before it closes (to open the panel on the same
 * run rather than running the page again).
 */
export async function runIsolated(
  owner: Browser | BrowserContext,
  path: string,
  inspect?: (page: Page, log: LogEntry[]) => Promise<void>,
): Promise<Run> {
  return withFreshServer(async (server) => {
    const context = 'newContext' in owner ? await owner.newContext() : owner;
    try {
      const { page, log } = await runPage(context, server.origin + path);
      const windowMessages = await page.evaluate(() => (window as { __windowMessages?: number }).__windowMessages ?? 0);
      if (inspect) await inspect(page, log);
      await page.close();
      const requests = server.requests
        .filter((r) => r.path.startsWith('/sse/'))
        .map(({ at, endedAt, ...rest }) => rest)
        .sort((a, b) => a.path.localeCompare(b.path) || a.attempt - b.attempt);
      return { log: logByConnection(log, server.origin), requests, windowMessages };
    } finally {
      if (context !== owner) await context.close();
    }
  });
}

/**
 * Runs a page that keeps its results in `window.__log` (any JSON) on a fresh server in a fresh
 * context, and returns the log (the server's origin written `ORIGIN`) and every request the server
 * saw, once each of them has ended.
 */
export async function runFresh(
  owner: Browser | BrowserContext,
  path: string,
  inspect?: (page: Page) => Promise<void>,
): Promise<{ log: Record<string, unknown>; requests: RequestRecord[] }> {
  return withFreshServer(async (server) => {
    const context = 'newContext' in owner ? await owner.newContext() : owner;
    try {
      const page = await context.newPage();
      await page.goto(server.origin + path);
      await waitUntilDone(page, 60_000);
      const log = (await page.evaluate(() => JSON.stringify((window as { __log?: unknown }).__log))) as string;
      const requests = server.requests.filter((r) => !r.path.startsWith('/pages/'));
      await expect
        .poll(() => requests.every((r) => r.endedAt !== undefined), { message: 'every response ended' })
        .toBe(true);
      if (inspect) await inspect(page);
      await page.close();
      return { log: JSON.parse(log.replaceAll(server.origin, 'ORIGIN')), requests };
    } finally {
      if (context !== owner) await context.close();
    }
  });
}

/** `runFresh`, with the times the server saw taken out: what two runs of a page must have the same. */
export async function runFreshUntimed(
  owner: Browser | BrowserContext,
  path: string,
): Promise<{ log: Record<string, unknown>; requests: Omit<RequestRecord, 'at' | 'endedAt'>[] }> {
  const { log, requests } = await runFresh(owner, path);
  return { log, requests: requests.map(({ at: _at, endedAt: _endedAt, ...request }) => request) };
}
