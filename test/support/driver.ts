/**
 * One browser as the tests drive it, whichever library does the driving: Playwright for Chromium,
 * puppeteer-core (WebDriver BiDi) for Firefox. Helpers and specs that make the same claim in both
 * browsers are written once against this; what only one browser has stays in its own suite.
 */
import type { Page as Evaluates } from '../harness/panel-reader';

/** A page of either library: the panel readers (`readConnections`, …) take it as it is. */
export type DriverPage = Evaluates;

/** A browser, with or without the extension. */
export interface Driver<P extends DriverPage = DriverPage> {
  newPage(): Promise<P>;
  /** Navigates and waits for the load event. */
  goto(page: P, url: string): Promise<void>;
  /** Goes back in the tab's history; resolves once the navigation started (a restored page fires no load). */
  goBack(page: P): Promise<void>;
  evaluate<T, A>(page: P, fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Waits until `fn` is true in the page, polled inside it. */
  waitFor<A>(page: P, fn: (arg: A) => boolean, arg: A, timeout?: number): Promise<void>;
  close(page: P): Promise<void>;
  /**
   * Closes what a test left open, so that the next test starts clean: a page whose server is gone
   * reconnects its streams forever, and a panel left open renders every second.
   */
  closeLeftovers(): Promise<void>;
}

/** A browser with the extension: a page's tab as the extension knows it, and the panel on it. */
export interface ExtensionDriver<P extends DriverPage = DriverPage> extends Driver<P> {
  tabIdOf(page: P): Promise<number>;
  /** Opens the panel as a tab (`panel.html?tabId=N`), with default settings. */
  openPanel(tabId: number): Promise<P>;
  /** Resolves once the panel has subscribed to its tab: from then on, the tab's requests are watched too. */
  watched(panel: P, tabId: number): Promise<void>;
}

/** The drivers of this worker's browsers, once launched. */
const launched = new Set<Driver>();

/** Registers a driver for `closeLeftovers`, until the returned function takes it out. */
export function track(driver: Driver): () => void {
  launched.add(driver);
  return () => launched.delete(driver);
}

/** Closes what the test left open in every browser of this worker, before its server goes. */
export async function closeLeftovers(): Promise<void> {
  for (const driver of launched) await driver.closeLeftovers();
}
