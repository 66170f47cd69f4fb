/**
 * SSE clients built on fetch and XHR reconnect by making a new request, resuming with a
 * `Last-Event-ID` header or a query parameter: in Chromium and Firefox alike the page sees the same
 * with SSE Scope as without, and the panel shows one connection that reconnected once, its
 * lifecycle saying how the new request was recognised.
 */
import type { DriverPage, ExtensionDriver } from '../driver';
import type { test as chromiumTest } from '../fixtures';
import { readConnections } from '../panel';
import { pageLog, untilDone, watchThenRun } from '../scenarios';

/** The clients of fetch-resume.html, and what the reconnect's lifecycle row says of each. */
export const RESUMING_CLIENTS = [
  { client: 'fetch-event-source', resumed: 'a new request: resumed id 2 with Last-Event-ID' },
  { client: 'polyfill', resumed: 'a new request: resumed id 2 with the query parameter lastEventId' },
  { client: 'xhr', resumed: 'a new request: resumed id 2 with Last-Event-ID' },
  { client: 'eventsource', resumed: 'a new request: resumed id 2 with Last-Event-ID' },
  { client: 'eventsource-client', resumed: 'a new request: resumed id 2 with Last-Event-ID' },
];

const BYE_ID: Record<string, string | undefined> = {
  'fetch-event-source': '',
  eventsource: '',
  'eventsource-client': undefined,
};

/** The panel's lifecycle rows, in order: their kind and what they say. */
export function lifecycleRows<P extends DriverPage>(driver: ExtensionDriver<P>, panel: P): Promise<string[]> {
  return driver.evaluate(
    panel,
    () =>
      Array.from(document.querySelectorAll<HTMLElement>('.rows .lifecycle-row'))
        .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
        .map((row) => `${row.dataset.lifecycle}: ${row.querySelector('[data-lifecycle-col="detail"]')?.textContent}`),
    undefined,
  );
}

export function fetchResumeSpecs(test: typeof chromiumTest): void {
  const { expect } = test;

  for (const { client, resumed } of RESUMING_CLIENTS) {
    test(`${client}: a stream resumed by a new request is one connection`, async ({ driver, plainDriver, server }) => {
      const path = `/pages/fetch-resume.html?client=${client}`;
      const streamRequests = () =>
        server.requests
          .filter((r) => r.path.startsWith('/sse/fetch-resume'))
          .map(({ method, path, lastEventId }) => ({ method, path, lastEventId }));
      const plainPage = await plainDriver.newPage();
      await plainDriver.goto(plainPage, server.origin + path);
      await untilDone(plainDriver, plainPage);
      const without = await pageLog(plainDriver, plainPage);
      await plainDriver.close(plainPage);
      const requestsWithout = streamRequests();
      expect(without.map((entry) => [entry.data, entry.id])).toEqual([
        ['one', '1'],
        ['two', '2'],
        ['three', '3'],
        // The id the last event comes with, as each library hands it: the spec's last event id (`3`)
        // for the polyfill and sse.js; the event's own, none, for the others.
        ['bye', client in BYE_ID ? BYE_ID[client] : '3'],
      ]);
      expect(requestsWithout).toHaveLength(2);
      server.requests.length = 0;

      const { page, panel } = await watchThenRun(driver, server.origin + path);
      expect(await pageLog(driver, page)).toEqual(without);
      expect(streamRequests()).toEqual(requestsWithout);
      await expect
        .poll(async () => (await readConnections(panel)).map((c) => [c.url, c.reconnects]))
        .toEqual([[`${server.origin}/sse/fetch-resume`, 1]]);
      await expect.poll(() => lifecycleRows(driver, panel)).toContain(`reconnecting: ${resumed}`);
      const rows = await lifecycleRows(driver, panel);
      expect(rows.map((row) => row.split(':')[0])).toEqual(['open', 'ended', 'reconnecting', 'open', 'ended']);
      expect(rows[3]).toBe('open: opened (again)');
    });
  }
}
