/**
 * With the panel open, the network side of each request is seen too: why a connection failed
 * (204, 404, a wrong content type) and the Last-Event-ID each reconnect sent. A panel opened
 * afterwards still knows (the relay kept it); one that was never open says the page cannot tell.
 */

import type { Page } from 'playwright-core';
import { expect, test } from '../support/fixtures';
import { waitUntilDone } from '../support/page-log';
import { openPanel, readConnections, tabIdOf } from '../support/panel';

async function watchThenRun(
  extension: Parameters<typeof openPanel>[0],
  url: string,
): Promise<{ page: Page; panel: Page }> {
  const page = await extension.context.newPage();
  await page.goto(url.replace(/\/pages\/.*/, '/pages/index.html'));
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect(panel.getByRole('status')).toHaveText(/No SSE connections yet/);
  await page.goto(url);
  await waitUntilDone(page);
  return { page, panel };
}

test('why each connection failed: 204 stops it, 404 and a wrong content type fail it', async ({
  extension,
  server,
}) => {
  const { page, panel } = await watchThenRun(extension, `${server.origin}/pages/status.html`);
  const expected = [
    { badge: 'stopped (204)', status: '204', reason: /answered 204 No Content/ },
    { badge: 'failed (404)', status: '404', reason: /answered HTTP 404/ },
    { badge: 'failed (type)', status: '200', reason: /Content-Type is "text\/plain", not text\/event-stream/ },
  ];
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => [c.badge, c.status]))
    .toEqual(expected.map((e) => [e.badge, e.status]));
  const connections = await readConnections(panel);
  for (const [i, c] of connections.entries()) expect(c.reason).toMatch(expected[i]?.reason as RegExp);

  // Kept with the capture: a panel opened afterwards says the same.
  const late = await openPanel(extension, await tabIdOf(extension, page));
  await expect
    .poll(async () => (await readConnections(late)).map((c) => c.badge))
    .toEqual(expected.map((e) => e.badge));
});

test('each reconnect’s Last-Event-ID, and the 204 that ends it', async ({ extension, server }) => {
  const { panel } = await watchThenRun(extension, `${server.origin}/pages/resume.html`);
  await expect.poll(async () => (await readConnections(panel))[0]?.badge).toBe('stopped (204)');
  const [connection] = await readConnections(panel);
  expect(connection).toEqual(expect.objectContaining({ state: 'failed', reconnects: 2, status: '204' }));
  expect(connection?.statusDetail).toBe(`HTTP 204 from ${server.origin}/sse/resume; the request sent Last-Event-ID: 5`);
  expect(server.requests.filter((r) => r.path === '/sse/resume').map((r) => r.lastEventId)).toEqual([
    undefined,
    '3',
    '5',
  ]);
});

test('a stream that ended while no panel watched reads a neutral "ended" that says why it cannot tell more, and how to see it', async ({
  extension,
  server,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/status.html`);
  await waitUntilDone(page);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => c.badge))
    .toEqual(['ended', 'ended', 'ended']);
  const [first] = await readConnections(panel);
  expect(first?.state).toBe('failed');
  expect(first?.reason).toMatch(
    /^Ended: the browser closed it and will not reconnect\. Why is not known: .* Reload the page with the panel open to see which\.$/,
  );
  expect(first?.status).toBe('');
  // Not red: nothing says it failed; nor in the connection's story among the events.
  await expect(panel.locator('tr[data-connection="1"]')).not.toHaveClass(/failed/);
  const story = panel.locator('.rows .story-row[data-story="failed"]').first();
  await expect(story.locator('[data-story-col="type"]')).toHaveText('ended');
  await expect(story).not.toHaveClass(/failed/);
});
