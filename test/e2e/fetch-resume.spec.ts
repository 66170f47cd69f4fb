/**
 * Fetch and XHR clients that resume with a new request, in Chromium: the claims shared with Firefox
 * (test/support/specs/fetch-resume.ts), and the one connection through export and import.
 */
import { headerValue } from '../../src/core/headers';
import type { CaptureConnection } from '../../src/files/capture-file';
import { expect, test } from '../support/fixtures';
import { waitUntilDone } from '../support/page-log';
import { eventCount, exported, openPanel, readConnections, readEvents, tabIdOf } from '../support/panel';
import { fetchResumeSpecs, lifecycleRows } from '../support/specs/fetch-resume';

fetchResumeSpecs(test);

test('a resumed stream exports with its attempts and imports as one connection', async ({
  driver,
  extension,
  server,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/fetch-resume.html?client=fetch-event-source`);
  await waitUntilDone(page);
  const live = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(async () => (await readConnections(live)).map((c) => c.reconnects)).toEqual([1]);
  await expect.poll(() => eventCount(live)).toBe(4);
  const first = await exported(live, '[data-export="json"]');
  const [written] = JSON.parse(first.text).connections as CaptureConnection[];
  expect(
    written?.attempts?.map((a) => [
      a.url,
      headerValue(a.request?.headers, 'last-event-id'),
      a.resumed,
      a.ended?.reason,
    ]),
  ).toEqual([
    [`${server.origin}/sse/fetch-resume`, undefined, undefined, 'complete'],
    [`${server.origin}/sse/fetch-resume`, '2', { by: 'header', lastEventId: '2' }, undefined],
  ]);

  const blank = await extension.context.newPage();
  await blank.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, blank));
  await panel.locator('[data-action="import"]').setInputFiles(first.path);
  await expect(panel.locator('[data-imported]')).toContainText('read-only');
  await expect.poll(() => eventCount(panel)).toBe(4);
  expect(await readConnections(panel)).toEqual(await readConnections(live));
  expect(await readEvents(panel)).toEqual(await readEvents(live));
  expect(await lifecycleRows(driver, panel)).toEqual(await lifecycleRows(driver, live));
  expect(await lifecycleRows(driver, panel)).toContain('reconnecting: a new request: resumed id 2 with Last-Event-ID');
  const second = await exported(panel, '[data-export="json"]');
  const strip = (text: string) => ({ ...JSON.parse(text), exportedAt: undefined });
  expect(strip(second.text)).toEqual(strip(first.text));
});
