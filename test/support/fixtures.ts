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
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  plain: [
    async ({}, use) => {
      const browser = await launchPlain();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  server: async ({}, use) => {
    const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
    await use(server);
    await server.close();
  },
});

export { expect } from '@playwright/test';
