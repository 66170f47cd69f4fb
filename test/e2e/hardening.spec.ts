/**
 * Hostile pages, bad streams, odd frames and many connections: each page runs without and with
 * the extension (fresh server and context each) and must log exactly the same, the server must see
 * the same requests, and the panel must show exactly what the page saw, nothing forged.
 */
import { capture } from '../support/capture';
import { expect, test } from '../support/fixtures';
import { eventsByUrl, runIsolated } from '../support/page-log';
import { readConnections } from '../support/panel';

const SCENARIOS = ['bad-streams', 'hostile', 'odd-frames', 'thousand', 'many-frames'];

for (const name of SCENARIOS) {
  test(`${name}: the page behaves the same with the extension, and the panel shows what it saw`, async ({
    plain,
    extension,
    server,
  }) => {
    test.setTimeout(120_000);
    const without = await runIsolated(plain, `/pages/${name}.html`);
    const withExtension = await runIsolated(extension.context, `/pages/${name}.html`);
    expect(Object.keys(without.log).length).toBeGreaterThan(0);
    expect(withExtension.log).toEqual(without.log);
    expect(withExtension.requests).toEqual(without.requests);
    expect(withExtension.windowMessages).toBe(without.windowMessages);
    const { log, panel } = await capture(extension, server, `/pages/${name}.html`);
    await expect(panel.locator('body')).not.toContainText('FORGED');
    expect(JSON.stringify(log)).not.toContain('FORGED');
    if (name === 'thousand') {
      expect(eventsByUrl(log).size).toBe(1000);
      expect(await readConnections(panel)).toHaveLength(1000);
    }
  });
}
