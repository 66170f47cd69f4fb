/**
 * Hostile pages, bad streams, odd frames and many connections: each page runs without and with
 * the extension (fresh server and context each) and must log exactly the same, the server must see
 * the same requests, and the panel must show exactly what the page saw, nothing forged.
 */
import { expect, test } from '../support/fixtures';
import { eventsByUrl, runIsolated } from '../support/page-log';
import { eventCount, expectPanelShowsPage, openPanel, readConnections, tabIdOf } from '../support/panel';

const SCENARIOS = ['bad-streams', 'hostile', 'odd-frames', 'crowd', 'many-frames'];

for (const name of SCENARIOS) {
  test(`${name}: the page behaves the same with the extension, and the panel shows what it saw`, async ({
    plain,
    extension,
  }) => {
    test.setTimeout(120_000);
    const without = await runIsolated(plain, `/pages/${name}.html`);
    // The run with the extension is also the one the panel is checked against.
    const withExtension = await runIsolated(extension.context, `/pages/${name}.html`, async (page, log) => {
      const panel = await openPanel(extension, await tabIdOf(extension, page));
      const seen = await expectPanelShowsPage(panel, log);
      await expect
        .poll(async () => (await readConnections(panel)).map((c) => c.url).sort())
        .toEqual([...seen.keys()].sort());
      await expect(panel.locator('body')).not.toContainText('FORGED');
      expect(JSON.stringify(log)).not.toContain('FORGED');
      if (name === 'crowd') {
        expect(eventsByUrl(log).size).toBe(240);
        expect(await readConnections(panel)).toHaveLength(240);
      }
      await panel.close();
    });
    expect(Object.keys(without.log).length).toBeGreaterThan(0);
    expect(withExtension.log).toEqual(without.log);
    expect(withExtension.requests).toEqual(without.requests);
    expect(withExtension.windowMessages).toBe(without.windowMessages);
  });
}

test('a flood of 100,000 events to an EventSource and a streamed fetch at once: the page sees the same, the panel has every one', async ({
  plain,
  extension,
}) => {
  test.setTimeout(120_000);
  const without = await runIsolated(plain, '/pages/flood.html');
  const withExtension = await runIsolated(extension.context, '/pages/flood.html', async (page) => {
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    // Each connection's 100,000 and its `done`.
    await expect.poll(() => eventCount(panel), { timeout: 60_000 }).toBe(200_002);
    const connections = await readConnections(panel);
    expect(connections.map((c) => [c.kind, c.events])).toEqual([
      ['EventSource', '100,001'],
      ['fetch GET', '100,001'],
    ]);
    await panel.close();
  });
  const saw = { what: 'summary', count: 100_000, inOrder: true, types: { message: 85_715, tick: 14_285 } };
  expect(without.log.eventsource).toEqual([expect.objectContaining({ ...saw, lastId: '99999' })]);
  expect(without.log.fetch).toEqual([expect.objectContaining({ ...saw, lastId: '99999' })]);
  expect(withExtension.log).toEqual(without.log);
  expect(withExtension.requests).toEqual(without.requests);
});
