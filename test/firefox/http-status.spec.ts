/**
 * Firefox's webRequest, seen through the panel: the claims shared with Chromium
 * (test/support/specs/http-status.ts; Firefox shows the Last-Event-ID without Chrome's
 * `extraHeaders` option), and what the page's resource timing tells when no panel watched.
 */

import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { readConnections } from '../harness/panel-reader';
import { waitUntilDone } from '../support/page-log';
import { httpStatusSpecs } from '../support/specs/http-status';
import { expect, test } from './fixtures';

httpStatusSpecs(test);

test('unwatched, the page’s resource timing tells why each connection failed', async ({ withAddon, server }) => {
  const page = await withAddon.newPage();
  await page.goto(`${server.origin}/pages/status.html`);
  await waitUntilDone(page);
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => [c.badge, c.status]))
    .toEqual([
      ['stopped (204)', '204'],
      ['failed (404)', '404'],
      ['failed (type)', '200'],
    ]);
  const connections = await readConnections(panel);
  const told = " (Told by the page's resource timing, after the fact: no panel watched the request.)";
  expect(connections.map((c) => c.reason)).toEqual([
    `Stopped by the server: it answered 204 No Content, which tells the browser to stop reconnecting.${told}`,
    `Failed: the server answered HTTP 404; only 200 opens a stream. The browser will not reconnect.${told}`,
    `Failed: the response's Content-Type is "text/plain", not text/event-stream. The browser will not reconnect.${told}`,
  ]);
  expect(connections[1]?.statusDetail).toBe(
    `HTTP 404 from ${server.origin}/sse/not-found (the page's resource timing)`,
  );
  await panel.close();
  await page.close();
});
