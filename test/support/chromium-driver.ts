/** The driver of Chromium, through Playwright: the extension's persistent context, or a plain browser. */
import { expect } from '@playwright/test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../harness/launch';
import type { Driver, ExtensionDriver } from './driver';
import { openPanel, tabIdOf } from './panel';

/** What both kinds of Chromium drive the same way. */
function pagesOf(newPage: () => Promise<Page>, closeLeftovers: () => Promise<void>): Driver<Page> {
  return {
    newPage,
    async goto(page, url) {
      await page.goto(url);
    },
    async goBack(page) {
      await page.goBack({ waitUntil: 'commit' });
    },
    // The argument is plain data, which both libraries pass as it is.
    evaluate: (page, fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    async waitFor(page, fn, arg, timeout) {
      await page.waitForFunction(fn as (arg: unknown) => boolean, arg, { timeout });
    },
    close: (page) => page.close(),
    closeLeftovers,
  };
}

/** Chromium with the extension: pages open in its persistent context. */
export function chromiumDriver(extension: ExtensionBrowser): ExtensionDriver<Page> {
  const context: BrowserContext = extension.context;
  return {
    ...pagesOf(
      () => context.newPage(),
      async () => {
        for (const page of context.pages()) await page.close().catch(() => undefined);
      },
    ),
    tabIdOf: (page) => tabIdOf(extension, page),
    openPanel: (tabId) => openPanel(extension, tabId),
    async watched(panel) {
      // The panel says it has nothing yet only once its port to the worker is up.
      await expect(panel.getByRole('status')).toHaveText(/No SSE connections yet/);
    },
  };
}

/** Chromium without the extension: each page in a context of its own (no cache or sockets shared). */
export function plainChromiumDriver(browser: Browser): Driver<Page> {
  const driver = pagesOf(
    async () => (await browser.newContext()).newPage(),
    async () => {
      for (const context of browser.contexts()) await context.close().catch(() => undefined);
    },
  );
  return { ...driver, close: (page) => page.context().close() };
}
