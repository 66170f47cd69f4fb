/**
 * Playwright fixtures: per worker, one Chromium with the built extension and one without; per
 * test, a fresh fixture server on 127.0.0.1.
 */
import { test as base, expect as playwrightExpect } from '@playwright/test';
import type { Browser } from 'playwright-core';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { type ExtensionBrowser, launchPlain, launchWithExtension } from '../harness/launch';
import { type SseServer, startSseServer } from '../harness/sse-server';
import { chromiumDriver, plainChromiumDriver } from './chromium-driver';
import { closeLeftovers, type Driver, type ExtensionDriver, track } from './driver';

interface WorkerFixtures {
  extension: ExtensionBrowser;
  plain: Browser;
}

interface TestFixtures {
  server: SseServer;
  /** The browser with the extension, as specs shared with Firefox drive it (Firefox's suite gives its own). */
  driver: ExtensionDriver;
  /** The browser without it. */
  plainDriver: Driver;
  cleanup: undefined;
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
      const untrack = track(chromiumDriver(browser));
      await use(browser);
      untrack();
      await browser.close();
    },
    { scope: 'worker' },
  ],
  plain: [
    async ({}, use) => {
      const browser = await launchPlain();
      const untrack = track(plainChromiumDriver(browser));
      await use(browser);
      untrack();
      await browser.close();
    },
    { scope: 'worker' },
  ],
  server: async ({}, use) => {
    const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
    await use(server);
    await server.close();
  },
  driver: async ({ extension }, use) => {
    await use(chromiumDriver(extension));
  },
  plainDriver: async ({ plain }, use) => {
    await use(plainChromiumDriver(plain));
  },
  /**
   * Closes the pages a test left open in every browser of the worker, before its server goes (set
   * up after it, so torn down before it): left open, over a hundred tests they loaded the machine
   * until every test ran several times slower.
   */
  cleanup: [
    async ({ server: _server }, use) => {
      await use(undefined);
      await closeLeftovers();
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
