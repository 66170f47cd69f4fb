/** The driver of Firefox, through puppeteer-core over WebDriver BiDi: with the add-on, or without it. */
import { expect } from '@playwright/test';
import type { Browser, Page } from 'puppeteer-core';
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import type { Driver, ExtensionDriver } from './driver';

/** What the add-on's background page offers for diagnostics (see src/background/index.ts). */
interface Diagnostics {
  census(tabId: number): { relays: number; panels: number };
  /** `listener`: whether the browser has the headers listener now, and whether it was added blocking. */
  networkCapture(): {
    on: boolean;
    active: number;
    faultsWaiting: number;
    listener: { registered: boolean; blocking: boolean };
  };
  /** Firefox serving replay rules natively: its listeners, the responses playing, the connections kept. */
  nativeReplay(): { listening: boolean; serving: number; connections: number };
}

/** Calls a diagnostic of the background page from an add-on page (Firefox wakes the event page for it). */
export function diagnose<K extends keyof Diagnostics>(
  view: Page,
  name: K,
  ...args: Parameters<Diagnostics[K]>
): Promise<ReturnType<Diagnostics[K]>> {
  return view.evaluate(
    async (call, callArgs) => {
      const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<object> } } }).browser;
      const background = (await api.runtime.getBackgroundPage()) as Record<string, (...a: unknown[]) => unknown>;
      return background[call]?.(...callArgs);
    },
    name,
    args,
  ) as Promise<ReturnType<Diagnostics[K]>>;
}

/** Waits until the panel has subscribed to the tab: from then on, its requests are watched too. */
export async function waitWatched(panel: Page, tabId: number): Promise<void> {
  await expect.poll(async () => (await diagnose(panel, 'census', tabId)).panels).toBeGreaterThan(0);
}

export function firefoxDriver(browser: Browser): Driver<Page> {
  return {
    newPage: () => browser.newPage(),
    async goto(page, url) {
      await page.goto(url);
    },
    async goBack(page) {
      // A page restored from the cache fires no load event, and BiDi then never answers: start it only.
      void page.goBack().catch(() => undefined);
    },
    // The argument is plain data, which both libraries pass as it is.
    evaluate: (page, fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    async waitFor(page, fn, arg, timeout) {
      await page.waitForFunction(fn as (arg: unknown) => boolean, { timeout }, arg);
    },
    close: (page) => page.close(),
    async closeLeftovers() {
      // One tab stays, blank: Firefox quits with its last window.
      const [first, ...rest] = await browser.pages().catch(() => []);
      for (const page of rest) await page.close().catch(() => undefined);
      await first?.goto('about:blank').catch(() => undefined);
    },
  };
}

/** Firefox with the add-on: its pages are moz-extension://UUID/…, its tabs found by URL. */
export function firefoxExtensionDriver(browser: Browser): ExtensionDriver<Page> {
  return {
    ...firefoxDriver(browser),
    tabIdOf: (page) => firefoxTabIdOf(browser, page),
    openPanel: (tabId) => openExtensionPage(browser, `panel.html?tabId=${tabId}`),
    watched: waitWatched,
  };
}
