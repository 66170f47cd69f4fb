/** Scenarios of a fixture page that Chromium and Firefox tests share, written against the driver. */
import type { SseServer } from '../harness/sse-server';
import type { Driver, DriverPage, ExtensionDriver } from './driver';
import type { LogEntry } from './page-log';

type Logged = { __log?: { what: string; conn?: string }[]; __done?: boolean };

/** What the fixture page saw (`window.__log`). */
export function pageLog<P extends DriverPage>(driver: Driver<P>, page: P): Promise<LogEntry[]> {
  return driver.evaluate(page, () => (window as unknown as { __log: LogEntry[] }).__log, undefined);
}

/** Waits until the fixture page's scenario says it is done (`window.__done`). */
export function untilDone<P extends DriverPage>(driver: Driver<P>, page: P, timeout = 60_000): Promise<void> {
  return driver.waitFor(page, () => (window as Logged).__done === true, undefined, timeout);
}

/**
 * Opens the panel on a tab first, so that the network side of its requests is watched, then runs
 * the page at `url` in it until its scenario is done.
 */
export async function watchThenRun<P extends DriverPage>(
  driver: ExtensionDriver<P>,
  url: string,
): Promise<{ page: P; panel: P; tabId: number }> {
  const page = await driver.newPage();
  await driver.goto(page, url.replace(/\/pages\/.*/, '/pages/index.html'));
  const tabId = await driver.tabIdOf(page);
  const panel = await driver.openPanel(tabId);
  await driver.watched(panel, tabId);
  await driver.goto(page, url);
  await untilDone(driver, page);
  return { page, panel, tabId };
}

/**
 * Opens /bfcache in `page`, leaves it mid-stream and comes back; returns its log once its stream is
 * over. Its stream waits at the gate "back" after 10 events, and is let go once the page is back
 * (restored from the back/forward cache, or loaded afresh where the browser kept none).
 */
export async function leaveAndReturn<P extends DriverPage>(
  driver: Driver<P>,
  page: P,
  server: SseServer,
): Promise<LogEntry[]> {
  server.shut('back');
  await driver.goto(page, `${server.origin}/bfcache`);
  await driver.waitFor(page, () => ((window as Logged).__log?.length ?? 0) >= 8, undefined);
  await driver.goto(page, `${server.origin}/pages/index.html`);
  await driver.goBack(page);
  // Back: the page's last word is a pageshow (index.html keeps no log).
  await driver.waitFor(
    page,
    () => (window as Logged).__log?.filter((entry) => entry.conn === 'page').at(-1)?.what === 'pageshow',
    undefined,
    30_000,
  );
  server.open('back');
  await untilDone(driver, page, 30_000);
  return pageLog(driver, page);
}
