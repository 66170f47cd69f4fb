/**
 * With the panel open, the network side of each request is seen too, in Chromium and Firefox alike:
 * why a connection failed (204, 404, a wrong content type) and the Last-Event-ID each reconnect
 * sent. A panel opened afterwards still knows (the relay kept it).
 */
import type { test as chromiumTest } from '../fixtures';
import { readConnections } from '../panel';
import { watchThenRun } from '../scenarios';

export function httpStatusSpecs(test: typeof chromiumTest): void {
  const { expect } = test;

  test('why each connection failed: 204 stops it, 404 and a wrong type fail it', async ({ driver, server }) => {
    const { panel, tabId } = await watchThenRun(driver, `${server.origin}/pages/status.html`);
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
    const late = await driver.openPanel(tabId);
    await expect
      .poll(async () => (await readConnections(late)).map((c) => c.badge))
      .toEqual(expected.map((e) => e.badge));
  });

  test('each reconnect’s Last-Event-ID, and the 204 that ends it', async ({ driver, server }) => {
    const { panel } = await watchThenRun(driver, `${server.origin}/pages/resume.html`);
    await expect.poll(async () => (await readConnections(panel))[0]?.badge).toBe('stopped (204)');
    const [connection] = await readConnections(panel);
    expect(connection).toEqual(expect.objectContaining({ state: 'failed', reconnects: 2, status: '204' }));
    expect(connection?.statusDetail).toBe(
      `HTTP 204 from ${server.origin}/sse/resume; the request sent Last-Event-ID: 5`,
    );
    expect(server.requests.filter((r) => r.path === '/sse/resume').map((r) => r.lastEventId)).toEqual([
      undefined,
      '3',
      '5',
    ]);
  });
}
