/**
 * The stores' pictures, made from the real panel on the demo page (test/demo), in each language the
 * extension speaks: the panel with the demo's connections and a chat event selected, the Response
 * view of the assistant's streamed answer, the popup over the page, and the small promotional tile.
 * Written to dist/store/<lang>/ (store/README.md); each is checked for its size and its language.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startDemoServer } from '../demo/demo-server';
import { expect, test } from '../support/fixtures';
import { catalogue } from '../support/messages';
import { openPanel, tabIdOf } from '../support/panel';
import { composePopup, composeTile, pngSize, SCREENSHOT, storeDir, TILE } from '../support/store-images';
import { readListing } from '../support/store-listing';

const LANGUAGES = ['en', 'ko', 'ru'] as const;

async function chooseLanguage(panel: Page, code: string): Promise<void> {
  await panel.locator('[data-action="settings"]').click();
  await panel.locator('[data-setting="language"]').selectOption(code);
  await expect(panel.locator('html')).toHaveAttribute('lang', code);
  if (await panel.locator('[data-settings]').isVisible()) await panel.locator('[data-action="close-settings"]').click();
}

/** Two frames, so that what was just clicked is painted. */
function painted(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

function save(language: string, name: string, png: Buffer, size: { width: number; height: number }): void {
  expect(pngSize(png), `${language}/${name}`).toEqual(size);
  writeFileSync(`${storeDir(language)}${name}`, png);
}

test('store screenshots (1280×800) and tile (440×280) in en, ko and ru', async ({ extension }) => {
  // Twelve full-size screenshots and six composed pictures: 10–15 s here, but CI once ran out of 60 s.
  // Each part is a step, so that a slow one is named in the report.
  test.setTimeout(150_000);
  const server = await startDemoServer(0);
  const page = await extension.context.newPage();
  const canvas = await extension.context.newPage();
  try {
    await page.setViewportSize(SCREENSHOT);
    await page.goto(`${server.origin}/`);
    const tabId = await tabIdOf(extension, page);
    const panel = await openPanel(extension, tabId);
    await panel.setViewportSize(SCREENSHOT);
    const row = (column: string, text: RegExp) =>
      panel.locator('.rows .row', { has: panel.locator(`[data-col="${column}"]`, { hasText: text }) });
    const done = row('data', /^\[DONE\]$/);
    const chat = row('type', /^usermessage$/);
    // The assistant's answer whole and a chat under way; then paused, so the table stands still.
    await test.step('the demo under way', async () => {
      await expect(done).toHaveCount(1, { timeout: 20_000 });
      await expect.poll(() => chat.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      await panel.locator('[data-action="capture"]').click();
    });
    const popup = await extension.context.newPage();
    await popup.setViewportSize({ width: 480, height: 360 });

    for (const language of LANGUAGES)
      await test.step(language, async () => {
        const messages = catalogue(language);
        const text = (key: string) => messages[key]?.message ?? `(no ${key} in ${language})`;
        mkdirSync(storeDir(language), { recursive: true });
        await panel.bringToFront();
        await chooseLanguage(panel, language);
        await expect(panel.locator('.toolbar .label-text')).toHaveText(text('toolbar_preserve_log'));

        await chat.nth(1).click();
        // The event's JSON tree (the detail keeps the tab chosen last: Response, for the language before).
        const json = panel.locator('.detail [data-tab="json"]');
        await json.click();
        await expect(json).toHaveText(text('tab_json'));
        await painted(panel);
        const shot = await panel.screenshot();
        save(language, '1-panel.png', shot, SCREENSHOT);

        await done.click();
        const response = panel.locator('.detail [data-tab="response"]');
        await response.click();
        await expect(response).toHaveText(text('tab_response'));
        await expect(panel.locator('.detail')).toContainText('Server-Sent Events are a plain HTTP response');
        await painted(panel);
        save(language, '2-response.png', await panel.screenshot(), SCREENSHOT);

        await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`);
        await expect(popup.locator('html')).toHaveAttribute('lang', language);
        await expect(popup.locator('h2').first()).toHaveText(text('popup_this_tab'));
        await expect(popup.locator('.connections li')).toHaveCount(3);
        const popupShot = await popup.locator('main').screenshot();
        // The demo page in front for its picture: a tab behind others may paint no frame to take.
        await page.bringToFront();
        save(language, '3-popup.png', await composePopup(canvas, await page.screenshot(), popupShot), SCREENSHOT);

        const { name, tagline } = readListing(language);
        const tile = await composeTile(canvas, shot, name, tagline, language);
        save(language, 'tile-440x280.png', tile, TILE);
      });
  } finally {
    // The settings are the extension's (its localStorage): the tests after this one speak English.
    await canvas.goto(`chrome-extension://${extension.extensionId}/popup.html`);
    await canvas.evaluate(() => localStorage.removeItem('sse-scope:settings'));
    // The demo's streams reconnect forever: its page goes before its server.
    await page.close();
    await server.close();
  }
});
