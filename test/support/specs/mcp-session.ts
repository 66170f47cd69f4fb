/**
 * An MCP session over Streamable HTTP, in Chromium and Firefox alike: the notification its server
 * accepts with 202 and the GET it refuses with 405 read as the session's requests, with no health
 * warning; the tools/call the faulty server answers 202 (a request left unanswered) keeps one.
 */
import type { test as chromiumTest } from '../fixtures';
import { readConnections } from '../panel';
import { watchThenRun } from '../scenarios';

export function mcpSessionSpecs(test: typeof chromiumTest): void {
  const { expect } = test;

  test('MCP: a 202 and a 405 read as the session’s, without warnings', async ({ driver, server }) => {
    const { panel } = await watchThenRun(driver, `${server.origin}/pages/mcp-session.html`);
    const rows = async () => (await readConnections(panel)).map((c) => [c.kind, c.badge, c.status]);
    await expect.poll(rows).toEqual([
      ['fetch POST', 'complete', '200'],
      ['fetch POST', '202 Accepted · MCP notification', '202'],
      ['fetch GET', '405 · MCP: no GET stream', '405'],
      ['fetch POST', 'complete', '200'],
      ['fetch POST', 'cancelled', '202'],
    ]);
    const health = () =>
      panel.evaluate(() =>
        Array.from(document.querySelectorAll('.connections tbody tr'), (row) =>
          (row.querySelector<HTMLElement>('[data-health]')?.dataset.health ?? '').split(' ').filter(Boolean),
        ),
      );
    // The request answered 202 is the one warned of: served with no type, read as a stream.
    await expect.poll(async () => (await health())[4]).toContain('content-type');
    expect((await health()).slice(0, 4)).toEqual([[], [], [], []]);
    // Each row of the session is tagged as MCP's, those with no stream too.
    const tags = await panel.evaluate(() =>
      Array.from(
        document.querySelectorAll('.connections tbody tr'),
        (row) => row.querySelector<HTMLElement>('[data-protocol]')?.dataset.protocol ?? '',
      ),
    );
    expect(tags).toEqual(['mcp', 'mcp', 'mcp', 'mcp', '']);
    const [, accepted, refused] = await readConnections(panel);
    expect(accepted?.reason).toBe(
      "An MCP session's notification (notifications/initialized), POSTed by the client and accepted by the server with no body, as the Streamable HTTP transport says: no stream was expected.",
    );
    expect(refused?.reason).toMatch(/^The MCP server offers no stream at GET: it answered 405 Method Not Allowed/);
    // The page spoke the transport as the SDK does: POSTs that accept both, one GET for a stream.
    const sent = server.requests.filter((r) => r.path === '/mcp');
    expect(sent.map((r) => [r.method, r.accept])).toEqual([
      ...Array.from({ length: 2 }, () => ['POST', 'application/json, text/event-stream']),
      ['GET', 'text/event-stream'],
      ...Array.from({ length: 2 }, () => ['POST', 'application/json, text/event-stream']),
    ]);
  });
}
