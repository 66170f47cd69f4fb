/**
 * Page data is untrusted: markup in event data, types, ids and the URL shows as text everywhere in
 * the panel (table, chips, connections, detail, JSON tree, raw frame) and never becomes elements.
 */
import { XSS } from '../fixtures/routes';
import { expect, test } from '../support/fixtures';
import { runPage } from '../support/page-log';
import { eventCount, openPanel, readConnections, readEvents, tabIdOf } from '../support/panel';

test('an XSS corpus in data, type, id and URL is shown as text, never as HTML', async ({ extension, server }) => {
  const { page } = await runPage(extension.context, `${server.origin}/pages/xss.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(XSS.length * 2);

  const events = await readEvents(panel);
  expect(events.filter((e) => e.type !== 'message').map((e) => [e.type, e.id, e.data])).toEqual(
    XSS.map((text) => [text, text, text]),
  );
  expect(events.filter((e) => e.type === 'message').map((e) => JSON.parse(e.data))).toEqual(
    XSS.map((text) => ({ [text]: text, list: [text] })),
  );
  const [connection] = await readConnections(panel);
  const url = await page.evaluate(
    () => new URL('/sse/xss?q=<img src=x onerror=alert(1)>#<b>frag</b>', location.href).href,
  );
  expect(connection?.url).toBe(url);
  await expect(panel.locator('.connections .url')).toHaveText(url);
  const chipNames = await panel.locator('.filterbar [data-chip] .chip-name').allTextContents();
  expect(chipNames.sort()).toEqual(['message', ...XSS].sort());

  // Every event through the detail pane's views.
  const detail = panel.locator('.detail');
  for (let i = 0; i < XSS.length; i++) {
    const text = XSS[i] as string;
    await panel.locator(`.rows .row[data-row="${2 * i}"]`).click();
    await detail.locator('[data-tab="data"]').click();
    await expect(detail.locator('pre.data')).toHaveText(text);
    await expect(detail.locator('header')).toContainText(`type ${text}`);
    await detail.locator('[data-tab="raw"]').click();
    await expect(detail.locator('pre.raw')).toHaveText(`event: ${text}\nid: ${text}\ndata: ${text}\n\n`);
    await panel.locator(`.rows .row[data-row="${2 * i + 1}"]`).click();
    await detail.locator('[data-tab="json"]').click();
    await expect(detail.locator('.json-tree .json-key').first()).toHaveText(`${text}: `);
    await expect(detail.locator('.json-tree .json-string').first()).toHaveText(JSON.stringify(text));
  }
  await panel.locator('[data-action="filter"]').fill(XSS[2] as string);
  await expect(panel.locator('[data-summary]')).toHaveText(`2 of ${XSS.length * 2} events`);

  // Nothing the page sent became an element or ran.
  expect(await panel.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await expect(panel.locator('#app img, #app svg, #app script, #app iframe, #app a, #app b, #app object')).toHaveCount(
    0,
  );
  await panel.screenshot({ path: test.info().outputPath('xss.png') });
});
