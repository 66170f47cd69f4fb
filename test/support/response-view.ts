/** The Response view tests' steps: a page read on a fresh server, and a connection's Response tab opened. */
import type { Page } from 'playwright-core';
import { runFresh } from './page-log';

/** Runs the page on a fresh server: what it read, and the requests the server saw (without times). */
export async function readAll(
  owner: Parameters<typeof runFresh>[0],
  path: string,
  inspect?: (page: Page) => Promise<void>,
) {
  const { log, requests } = await runFresh(owner, path, inspect);
  return { log, requests: requests.map(({ method, path, accept, body }) => ({ method, path, accept, body })) };
}

/** Shows connection `n`'s events only, selects its first, and opens the Response tab. */
export async function openResponse(panel: Page, n: number): Promise<void> {
  await panel.locator(`tr[data-connection="${n}"]`).click();
  await panel.locator('.rows .row').first().click();
  await panel.locator('.detail [data-tab="response"]').click();
}
