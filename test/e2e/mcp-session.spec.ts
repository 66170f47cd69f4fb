/**
 * An MCP session in Chromium: the claims shared with Firefox (test/support/specs/mcp-session.ts),
 * and the session going the same with and without SSE Scope.
 */
import { expect, test } from '../support/fixtures';
import { runPage } from '../support/page-log';
import { mcpSessionSpecs } from '../support/specs/mcp-session';

mcpSessionSpecs(test);

test('an MCP session goes the same with and without SSE Scope', async ({ plain, extension, server }) => {
  const url = `${server.origin}/pages/mcp-session.html`;
  const asked = () => server.requests.filter((r) => r.path === '/mcp').map((r) => [r.method, r.accept, r.body]);
  const without = await runPage(plain, url);
  const plainRequests = asked();
  const withExtension = await runPage(extension.context, url);
  expect(withExtension.log).toEqual(without.log);
  expect(without.log.map((entry) => entry.what)).toEqual([
    'initialize 200',
    'notifications/initialized 202',
    'GET 405',
    'tools/list 200',
    'tools/call 202',
  ]);
  expect(without.log[3]?.data).toContain('"search_docs"');
  expect(asked()).toEqual([...plainRequests, ...plainRequests]);
});
