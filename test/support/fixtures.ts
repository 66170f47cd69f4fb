/**
 * Playwright fixtures: per worker, one Chromium with the built extension and one without; per
 * test, a fresh fixture server on 127.0.0.1.
 */
import { test as base, expect as playwrightExpect } from '@playwright/test';
import type { Browser } from 'playwright-core';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { type ExtensionBrowser, launchPlain, launchWithExtension } from '../harness/launch';
import { type SseServer, startSseServer } from '../harness/sse-server';

interface WorkerFixtures {
  extension: ExtensionBrowser;
  plain: Browser;
}

interface TestFixtures {
  server: SseServer;
  cleanup: undefined;
}

/** This worker's browsers, once launched: what each test leaves open in them is closed after it. */
const launched: { extension?: ExtensionBrowser; plain?: Browser } = {};

/**
 * Closes the pages a test left open, before its server goes: a page whose server is gone
 * reconnects its streams forever, and a panel left open renders every second, which over a
 * hundred tests loaded the machine until every test ran several times slower.
 */
async function closeLeftovers(): Promise<void> {
  for (const page of launched.extension?.context.pages() ?? []) await page.close().catch(() => undefined);
  for (const context of launched.plain?.contexts() ?? []) await context.close().catch(() => undefined);
}

/**
 * `expect.poll` polls every 50–200 ms here, not with Playwright's back-off to once a second: a test
 * then waits no longer than what it waits for (the default added up to a second per wait, minutes
 * over the suite). Every test file loads this module, so every `expect.poll` gets it.
 */
const FAST_POLL = [50, 100, 100, 200];
const defaultPoll = playwrightExpect.poll;
playwrightExpect.poll = ((fn, options) =>
  defaultPoll(
    fn,
    typeof options === 'string' ? { message: options, intervals: FAST_POLL } : { intervals: FAST_POLL, ...options },
  )) as typeof defaultPoll;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  extension: [
    async ({}, use) => {
      const browser = await launchWithExtension();
      launched.extension = browser;
      await use(browser);
      launched.extension = undefined;
      await browser.close();
    },
    { scope: 'worker' },
  ],
  plain: [
    async ({}, use) => {
      const browser = await launchPlain();
      launched.plain = browser;
      await use(browser);
      launched.plain = undefined;
      await browser.close();
    },
    { scope: 'worker' },
  ],
  server: async ({}, use) => {
    const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
    await use(server);
    await server.close();
  },
  // Set up after the server, so torn down before it.
  cleanup: [
    async ({ server: _server }, use) => {
      await use(undefined);
      await closeLeftovers();
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
