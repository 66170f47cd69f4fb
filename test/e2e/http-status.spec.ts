/**
 * HTTP status in Chromium: the claims shared with Firefox (test/support/specs/http-status.ts), and
 * a stream that ended while no panel was open, which reads "ended": the page cannot tell why.
 */

import { expect, test } from '../support/fixtures';
import { waitUntilDone } from '../support/page-log';
import { openPanel, readConnections, tabIdOf } from '../support/panel';
import { httpStatusSpecs } from '../support/specs/http-status';

httpStatusSpecs(test);

test('a stream that ended unwatched reads "ended", and says why and how to see more', async ({ extension, server }) => {
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
  // Not red: nothing says it failed; nor in the connection's lifecycle among the events.
  await expect(panel.locator('tr[data-connection="1"]')).not.toHaveClass(/failed/);
  const mark = panel.locator('.rows .lifecycle-row[data-lifecycle="failed"]').first();
  await expect(mark.locator('[data-lifecycle-col="type"]')).toHaveText('ended');
  await expect(mark).not.toHaveClass(/failed/);
});
