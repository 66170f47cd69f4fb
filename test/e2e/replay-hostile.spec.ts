/**
 * A page cannot make SSE Scope replay: rule-shaped messages posted on the window, as document
 * events, or over a channel of its own handed in a fake handshake reach neither the page hook nor
 * the relay. Its fetch goes to the server as in the control run without the tries.
 */
import { expect, test } from '../support/fixtures';

test('a page’s own rule-shaped messages replay nothing', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  const run = async (attack: boolean) => {
    await page.goto(`${server.origin}/pages/index.html${attack ? '' : '?attack=0'}`);
    await page.addScriptTag({ url: '/pages/replay-hostile.js' });
    return page.evaluate(
      (u) => (window as unknown as { tryToReplay(u: string): Promise<unknown> }).tryToReplay(u),
      `${server.origin}/sse/short`,
    );
  };
  const control = await run(false);
  expect(control).toMatchObject({ status: 200 });
  expect(await run(true)).toEqual(control);
  expect(server.requests.filter((r) => r.path === '/sse/short')).toHaveLength(2);
});
