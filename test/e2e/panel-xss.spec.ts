/**
 * Page data is untrusted: markup in event data, types, ids, URLs, headers, request bodies and tab
 * titles shows as text everywhere (the panel's table, chips, connections, detail, JSON tree, raw
 * frame and request view; the popup; a capture exported and imported later) and never becomes
 * elements.
 */
import type { Page } from 'playwright-core';
import { XSS } from '../fixtures/routes';
import { expect, test } from '../support/fixtures';
import { runPage } from '../support/page-log';
import { eventCount, exported, openPanel, readConnections, readEvents, tabIdOf } from '../support/panel';

/** Nothing the page sent became an element or ran in this extension page. */
async function expectInert(view: Page): Promise<void> {
  expect(await view.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await expect(view.locator('#app img, #app svg, #app script, #app iframe, #app a, #app b, #app object')).toHaveCount(
    0,
  );
}

test('an XSS corpus in data, type, id and URL is shown as text, never as HTML', async ({ extension, server }) => {
  // Every entry of the corpus through five views, then two imports: minutes on a loaded machine.
  test.slow();
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

  // Every event through the detail pane's views (the rows counted without the connection's lifecycle).
  await panel.locator('[data-lifecycle-toggle]').click();
  await panel.locator('.events').press('Home');
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

  await expectInert(panel);
  await panel.screenshot({ path: test.info().outputPath('xss.png') });

  // Exported, then opened later in another panel: capture JSON and HAR alike.
  const json = await exported(panel, '[data-export="json"]');
  const har = await exported(panel, '[data-export="har"]');
  const blank = await extension.context.newPage();
  await blank.goto(`${server.origin}/pages/index.html`);
  for (const file of [json, har]) {
    const later = await openPanel(extension, await tabIdOf(extension, blank));
    await later.locator('[data-action="import"]').setInputFiles(file.path);
    await expect.poll(() => eventCount(later), file.name).toBe(XSS.length * 2);
    expect(await readEvents(later)).toEqual(events);
    await expect(later.locator('.connections .url')).toHaveText(url);
    await later.locator('.rows .row').first().click();
    await expect(later.locator('.detail pre.data')).toHaveText(XSS[0] as string);
    await expectInert(later);
    await later.close();
  }
});

test('an XSS corpus in headers, body, URL and tab title shows as text, popup too', async ({ extension, server }) => {
  const { page } = await runPage(extension.context, `${server.origin}/pages/xss-fetch.html`);
  const tabId = await tabIdOf(extension, page);
  const title = await page.title();
  expect(title).toContain('<img');
  const url = await page.evaluate(() => new URL('/sse/xss-fetch?q=<svg onload=alert(1)>', location.href).href);

  const panel = await openPanel(extension, tabId);
  await expect.poll(() => eventCount(panel)).toBe(1);
  await panel.locator('.rows .row').first().click();
  const detail = panel.locator('.detail');
  await detail.locator('[data-tab="request"]').click();
  const request = detail.locator('[data-request]');
  await expect(request.locator('[data-field="request"]')).toHaveText(`POST ${url}`);
  const rows = (table: number) => request.locator('table.headers').nth(table).locator('tr').allTextContents();
  const sent = await rows(2);
  const received = await rows(3);
  XSS.forEach((text, i) => {
    expect(sent).toContain(`X-Xss-${i}${text}`);
    expect(received).toContain(`x-xss-${i}${text}`);
  });
  expect(JSON.parse((await request.locator('[data-field="body"]').textContent()) ?? '')).toEqual(XSS);
  await expectInert(panel);

  // The popup of that tab lists the connection; the popup of another tab lists it by its title.
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('.connections li .url')).toHaveText([url]);
  await expectInert(popup);
  const other = await extension.context.newPage();
  await other.goto(`${server.origin}/pages/index.html`);
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${await tabIdOf(extension, other)}`);
  await expect(popup.locator(`.tabs li[data-tab="${tabId}"]`)).toContainText(title);
  await expectInert(popup);
  await popup.screenshot({ path: test.info().outputPath('popup-xss.png') });
});
