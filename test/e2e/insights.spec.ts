/**
 * The health checks end to end: for each rule, a page that triggers it and its clean twin, in one
 * tab with the panel open; the Insights tab explains a finding and its evidence selects the event;
 * the toolbar counts the findings; the timing facts are shown.
 */
import type { Page } from 'playwright-core';
import { sse, startSseServer } from '../harness/sse-server';
import { expect, test } from '../support/fixtures';
import { healthOf, settledPast } from '../support/health-cells';
import { waitUntilDone } from '../support/page-log';
import { openPanel, readConnections, tabIdOf } from '../support/panel';

/** Each rule, and how many connections its page (and its clean twin) makes. */
const RULES: [string, number, number][] = [
  ['connection-limit', 7, 3],
  ['buffered-delivery', 1, 1],
  ['compressed-stream', 1, 1],
  ['silent-stream', 1, 1],
  ['not-resumable', 1, 1],
  ['resume-replayed', 1, 1],
  ['resume-skipped', 1, 1],
  ['duplicate-id', 1, 1],
  ['reconnect-storm', 1, 1],
  ['content-type', 1, 1],
  ['spec-anomaly', 1, 1],
  ['in-band-error', 1, 1],
];

test('each health check: its page triggers it, its clean twin does not', async ({ extension, server }) => {
  test.setTimeout(120_000);
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  for (const [rule, triggering, clean] of RULES) {
    await page.goto(`${server.origin}/pages/insights.html?rule=${rule}`);
    await waitUntilDone(page);
    await expect.poll(async () => (await readConnections(panel)).length, rule).toBe(triggering);
    await expect
      .poll(async () => (await healthOf(panel)).some((rules) => rules.includes(rule)), {
        message: rule,
        // The silent stream's quiet must outlast many times its usual gap, which a loaded machine stretches.
        timeout: rule === 'silent-stream' ? 30_000 : 10_000,
      })
      .toBe(true);
    // A page with no streams first: once the panel shows none, what it shows next is the twin's.
    await page.goto(`${server.origin}/pages/index.html`);
    await expect.poll(async () => (await readConnections(panel)).length, `${rule} cleared`).toBe(0);
    await page.goto(`${server.origin}/pages/insights.html?rule=${rule}&clean=1`);
    await waitUntilDone(page);
    await expect.poll(async () => (await readConnections(panel)).length, `${rule} clean`).toBe(clean);
    // A late finding has had its chance once the panel has drawn every connection ended, or open
    // past the moment its trigger fired (the silent stream's quiet); then none may be there.
    await expect.poll(() => settledPast(panel, rule === 'silent-stream' ? 6 : 1), `${rule} clean settled`).toBe(true);
    expect(await healthOf(panel), `${rule} clean`).not.toContainEqual(expect.arrayContaining([rule]));
  }
});

test('the Insights tab explains a finding, and its evidence selects the event', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/insights.html?rule=buffered-delivery`);
  await waitUntilDone(page);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect(panel.locator('[data-health-count]')).toHaveText('⚠ 1');
  await panel.locator('tr[data-connection="1"] [data-health]').click();
  const finding = panel.locator('.detail [data-finding="buffered-delivery"]');
  await expect(finding.locator('[data-finding-summary]')).toHaveText(
    '1 time several events arrived at once after a silence.',
  );
  await expect(finding).toContainText('What to do: Flush after each event.');
  // Header names and settings in the advice read as code, not as backticks.
  await expect(finding.locator('code').first()).toHaveText('Cache-Control: no-cache');
  await expect(finding).not.toContainText('`');
  await expect(finding.locator('a')).toHaveAttribute(
    'href',
    'https://html.spec.whatwg.org/multipage/server-sent-events.html#authoring-notes',
  );
  await expect(panel.locator('.detail [data-fact="to-first-event"]')).toHaveText(/^\d+ ms$|^\d+\.\d s$/);
  await expect(panel.locator('.detail [data-fact="bytes-per-second"]')).toHaveText(/^\d+ B\/s$|^\d+\.\d kB\/s$/);
  await expect(panel.locator('.detail [data-fact="gaps"]')).toHaveText(
    /^\d+(\.\d)? m?s \/ \d+(\.\d)? m?s \/ \d+(\.\d)? m?s$/,
  );
  await panel.screenshot({ path: test.info().outputPath('insights.png') });
  await finding.locator('[data-evidence]').first().click();
  // The clump's first event (e2) is selected, and the detail shows its data.
  await expect(panel.locator('.rows .row.selected [data-col="data"]')).toHaveText('e2');
  await expect(panel.locator('.detail [data-panel="data"] pre')).toHaveText('e2');
});

test("the connection's lifecycle shows among the events, and can be toggled off", async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/insights.html?rule=not-resumable&clean=1`);
  await waitUntilDone(page);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  const table = () =>
    panel.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.rows > div'))
        .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
        .map((row) =>
          row.dataset.lifecycle !== undefined
            ? `${row.dataset.lifecycle}: ${row.querySelector('[data-lifecycle-col="detail"]')?.textContent}`
            : (row.querySelector('[data-col="data"]')?.textContent ?? ''),
        ),
    );
  await expect
    .poll(table)
    .toEqual([
      'open: opened: the server answered',
      'a',
      'b',
      'reconnecting: error → reconnecting; the request will send Last-Event-ID: 2',
      'open: opened (again)',
      'c',
      'd',
      'closed: closed by the page (close())',
    ]);
  await panel.locator('[data-lifecycle-toggle]').click();
  await expect.poll(table).toEqual(['a', 'b', 'c', 'd']);
  await expect(panel.locator('[data-summary]')).toHaveText('1 connection, 4 events');
});

test('the six-connection limit counts the same origin’s streams in every tab', async ({ extension, server }) => {
  const first = await extension.context.newPage();
  await first.goto(`${server.origin}/pages/insights.html?rule=connection-limit&n=3`);
  await waitUntilDone(first);
  const panel = await openPanel(extension, await tabIdOf(extension, first));
  await expect.poll(async () => (await readConnections(panel)).length).toBe(3);
  expect((await healthOf(panel)).flat()).not.toContain('connection-limit');
  const second = await extension.context.newPage();
  await second.goto(`${server.origin}/pages/insights.html?rule=connection-limit&n=3`);
  await waitUntilDone(second);
  await expect
    .poll(async () => (await healthOf(panel)).map((rules) => rules.includes('connection-limit')))
    .toEqual([true, true, true]);
  await panel.locator('tr[data-connection="1"] [data-health]').click();
  await expect(panel.locator('.detail [data-finding="connection-limit"] [data-finding-summary]')).toHaveText(
    `6 streams to ${server.origin} are live across tabs; the browser speaks HTTP/1.1 to it, which allows 6 connections per origin.`,
  );
  // The version, from the page's resource timing (its own navigation: the same origin).
  await expect(panel.locator('.detail [data-fact="http-version"]')).toHaveText('HTTP/1.1');
  // The other tab closes: back to three.
  await second.close();
  await expect.poll(async () => (await healthOf(panel)).flat()).not.toContain('connection-limit');
});

test('the six-connection limit holds with 40 other origins live in other tabs', async ({ extension, server }) => {
  // Forty more origins (a port each), one stream each, opened by two other tabs: more origins
  // across tabs than a message of counts carries.
  const hold = () => ({
    stream: [sse({ data: 'here' })],
    holdMs: 30_000,
    headers: { 'access-control-allow-origin': '*' },
  });
  const others = await Promise.all(Array.from({ length: 40 }, () => startSseServer({ routes: { '/hold': hold } })));
  const tabs: Page[] = [];
  try {
    const first = await extension.context.newPage();
    await first.goto(`${server.origin}/pages/insights.html?rule=connection-limit&n=3`);
    await waitUntilDone(first);
    const panel = await openPanel(extension, await tabIdOf(extension, first));
    await expect.poll(async () => (await readConnections(panel)).length).toBe(3);
    for (const half of [others.slice(0, 20), others.slice(20)]) {
      const tab = await extension.context.newPage();
      tabs.push(tab);
      await tab.goto(`${server.origin}/pages/index.html`);
      await tab.evaluate(
        (origins) => {
          for (const origin of origins) new EventSource(`${origin}/hold`);
        },
        half.map((other) => other.origin),
      );
    }
    const second = await extension.context.newPage();
    tabs.push(second);
    await second.goto(`${server.origin}/pages/insights.html?rule=connection-limit&n=3`);
    await waitUntilDone(second);
    await expect
      .poll(async () => (await healthOf(panel)).map((rules) => rules.includes('connection-limit')))
      .toEqual([true, true, true]);
  } finally {
    for (const tab of tabs) await tab.close();
    await Promise.all(others.map((other) => other.close()));
  }
});
