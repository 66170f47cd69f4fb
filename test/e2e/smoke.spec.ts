import { expect, test } from '../support/fixtures';
import { eventsByUrl, runPage } from '../support/page-log';
import { openPanel, panelEventsByUrl, readConnections, tabIdOf } from '../support/panel';

test('smoke: unnamed messages reach a panel opened afterwards', async ({ extension, server }) => {
  const { page, log } = await runPage(extension.context, `${server.origin}/pages/messages.html`);
  const tabId = await tabIdOf(extension, page);
  const panel = await openPanel(extension, tabId);
  const shown = await panelEventsByUrl(panel, 3);
  expect(shown).toEqual(eventsByUrl(log));
  console.log(await readConnections(panel));
});
