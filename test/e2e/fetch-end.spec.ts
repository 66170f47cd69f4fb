/**
 * How fetch streams end, and what is left alone: an abort, a cancel, a `for await` break and an
 * abort with the page's own reason are recorded as such and reach the server as they would without
 * us; JSON and a 20 MB binary download are neither captured nor changed; a 10 MB event and 50,000
 * events are captured without the page noticing.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { expect, test } from '../support/fixtures';
import { runFresh, waitUntilDone } from '../support/page-log';
import { eventCount, openPanel, readConnections, tabIdOf } from '../support/panel';

/** Runs a page on a fresh server; returns its log and how long the server kept the stream open. */
async function run(owner: Browser | BrowserContext, path: string) {
  const { log, requests } = await runFresh(owner, path);
  const stream = requests.find((r) => r.path.startsWith('/sse/'));
  return { log, openMs: (stream?.endedAt ?? Number.POSITIVE_INFINITY) - (stream?.at ?? 0) };
}

const ENDINGS = [
  { how: 'abort', badge: 'aborted', reason: /^Aborted by the page \(its AbortSignal\) \(AbortError: / },
  { how: 'reason', badge: 'aborted', reason: /^Aborted by the page \(its AbortSignal\) \(aborted with a reason/ },
  { how: 'cancel', badge: 'cancelled', reason: /^Cancelled by the page/ },
  { how: 'break', badge: 'cancelled', reason: /^Cancelled by the page/ },
];

for (const { how, badge, reason } of ENDINGS) {
  test(`the page ending a stream (${how}) sees the same, and the panel says ${badge}`, async ({
    extension,
    plain,
    server,
  }) => {
    const path = `/pages/fetch-abort.html?how=${how}`;
    const without = await run(plain, path);
    const withExtension = await run(extension.context, path);
    expect(withExtension.log).toEqual(without.log);
    // The 300-event stream would run 6 s: both runs closed it early.
    expect(without.openMs).toBeLessThan(3000);
    expect(withExtension.openMs).toBeLessThan(3000);

    const page = await extension.context.newPage();
    await page.goto(server.origin + path);
    await waitUntilDone(page);
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect.poll(async () => (await readConnections(panel))[0]?.badge).toBe(badge);
    const [connection] = await readConnections(panel);
    expect(connection?.reason).toMatch(reason);
    expect(await eventCount(panel)).toBeGreaterThanOrEqual(3);
  });
}

test('a JSON fetch and a 20 MB binary download are neither captured nor changed', async ({
  extension,
  plain,
  server,
}) => {
  const path = '/pages/fetch-plain.html';
  const page = await extension.context.newPage();
  await page.goto(server.origin + path);
  await waitUntilDone(page, 30_000);
  const log = await page.evaluate(() => (window as { __log?: unknown }).__log);
  const other = await plain.newPage();
  await other.goto(server.origin + path);
  await waitUntilDone(other, 30_000);
  expect(log).toEqual(await other.evaluate(() => (window as { __log?: unknown }).__log));
  expect(log).toEqual(expect.objectContaining({ json: { hello: 'world', n: [1, 2, 3] }, size: 20 * 1024 * 1024 }));
  await other.close();
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  // Only the page's closing EventSource, which it opens after both fetches.
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => new URL(c.url).pathname))
    .toEqual(['/sse/messages']);
});

// Many events over fetch: the flood in hardening.spec (100,000 to a fetch and an EventSource at once).
test('a 10 MB single event is captured without breaking the page', async ({ extension, plain, server }) => {
  for (const [url, events, size] of [
    // `data: start:` + x… + `:end\n\n` is 10 MiB + 6 bytes; `data: after\n\n` 13 more.
    ['/sse/fetch-large', 2, 10 * 1024 * 1024 + 19],
  ] as const) {
    const path = `/pages/fetch-large.html?url=${encodeURIComponent(url)}`;
    const page = await extension.context.newPage();
    await page.goto(server.origin + path);
    await waitUntilDone(page, 60_000);
    const log = (await page.evaluate(() => (window as { __log?: unknown }).__log)) as { size: number; blocks: number };
    const other = await plain.newPage();
    await other.goto(server.origin + path);
    await waitUntilDone(other, 60_000);
    expect(log).toEqual(await other.evaluate(() => (window as { __log?: unknown }).__log));
    await other.close();
    expect(log.blocks).toBe(events);
    if (size > 0) expect(log.size).toBe(size);
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect.poll(() => eventCount(panel), { timeout: 30_000 }).toBe(events);
    await expect.poll(async () => (await readConnections(panel))[0]?.badge).toBe('complete');
    if (size > 0) {
      await panel.locator('.rows .row').first().click();
      await expect(panel.locator('.detail header')).toContainText('too large: kept the first 1,048,576 characters');
    }
    await panel.close();
    await page.close();
  }
});
