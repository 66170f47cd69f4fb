/**
 * The UI's language: the browser's, or the one chosen in the settings (remembered, shared by the
 * panel and the popup); and every language laid out without clipping, in light and dark, wide and
 * docked narrow. The screenshots are kept with the test's results, to be looked at.
 */
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchWithExtension } from '../harness/launch';
import { expect, test } from '../support/fixtures';
import { waitUntilDone } from '../support/page-log';
import { chooseLanguage, eventCount, openPanel, tabIdOf } from '../support/panel';

/** The parts of the extension API these tests read in the worker. */
interface Chrome {
  i18n: { getUILanguage(): string };
  action: { getTitle(details: object): Promise<string> };
  runtime: { getManifest(): { description?: string } };
}

const LANGUAGES = [
  { code: 'en', preserve: 'Preserve log', summary: '3 connections, 8 events' },
  { code: 'ko', preserve: '로그 보존', summary: '연결 3개, 이벤트 8개' },
  { code: 'ru', preserve: 'Сохранять журнал', summary: '3 соединения, 8 событий' },
] as const;

/** Text the layout cuts or pushes out: controls, headers and labels wider than their box, or the page wider than the window. */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const selectors =
      'button, [role="tab"], th, legend, label, .chip-name, .badge, h2, h4, dt, .summary, .note, .menu, [role="columnheader"]';
    for (const element of document.querySelectorAll<HTMLElement>(selectors)) {
      if (element.getClientRects().length === 0) continue;
      // Cells that cut long page data on purpose (URLs, event data) are not the UI's words.
      if (element.closest('.url, .url-cut, [data-col="data"], .frame, .reason, .tab-title')) continue;
      const text = (element.textContent ?? '').trim();
      // A cut on purpose (docked narrow) ends in an ellipsis and keeps the whole text in its title.
      const ellipsis = getComputedStyle(element).textOverflow === 'ellipsis' && element.title === text;
      if (element.scrollWidth > element.clientWidth + 1 && !ellipsis)
        found.push(`cut: ${element.tagName.toLowerCase()} "${text.slice(0, 40)}"`);
      const box = element.getBoundingClientRect();
      if ((box.right > innerWidth + 1 || box.left < -1) && !element.closest('.connections, .tab-body, .chunks'))
        found.push(`past the window's edge: ${element.tagName.toLowerCase()} "${text.slice(0, 40)}"`);
    }
    if (document.documentElement.scrollWidth > innerWidth) found.push('the page scrolls sideways');
    return found;
  });
}

/** The feed page with a panel that watched it load (so that it knows why its third stream failed). */
async function watchFeed(extension: ExtensionBrowser, origin: string): Promise<{ tabId: number; panel: Page }> {
  const page = await extension.context.newPage();
  await page.goto(`${origin}/pages/index.html`);
  const tabId = await tabIdOf(extension, page);
  const panel = await openPanel(extension, tabId);
  await page.goto(`${origin}/pages/feed.html`);
  await waitUntilDone(page);
  await expect.poll(() => eventCount(panel)).toBe(8);
  return { tabId, panel };
}

test('no language clips the panel, its settings or the popup, in any theme or size', async ({ extension, server }) => {
  test.setTimeout(120_000);
  const { tabId, panel } = await watchFeed(extension, server.origin);
  const popup = await extension.context.newPage();
  for (const language of LANGUAGES) {
    await panel.bringToFront();
    await chooseLanguage(panel, language.code);
    await expect(panel.locator('.toolbar .label-text')).toHaveText(language.preserve);
    await expect(panel.locator('[data-summary]')).toHaveText(language.summary);
    for (const theme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: theme });
      for (const [name, width, height] of [
        ['wide', 1280, 760],
        ['narrow', 420, 820],
      ] as const) {
        await panel.setViewportSize({ width, height });
        await panel.locator('.rows .row').first().click();
        // Every tab of the detail pane, the Insights one last, in the picture.
        for (const tab of ['data', 'json', 'raw', 'request', 'response', 'insights']) {
          await panel.locator(`[data-tab="${tab}"]`).click();
          expect(await clipped(panel), `${language.code} ${theme} ${name} ${tab}`).toEqual([]);
        }
        await panel.screenshot({ path: test.info().outputPath(`panel-${language.code}-${theme}-${name}.png`) });
        // The export menu, and a row's menu.
        await panel.locator('[data-action="export"]').click();
        expect(await clipped(panel), `${language.code} ${theme} ${name} export`).toEqual([]);
        await panel.locator('[data-action="export"]').click();
        await panel.locator('.rows .row').first().click({ button: 'right' });
        expect(await clipped(panel), `${language.code} ${theme} ${name} menu`).toEqual([]);
        await panel.keyboard.press('Escape');
        await panel.locator('[data-action="settings"]').click();
        await panel.screenshot({ path: test.info().outputPath(`settings-${language.code}-${theme}-${name}.png`) });
        expect(await clipped(panel), `${language.code} ${theme} ${name} settings`).toEqual([]);
        await panel.locator('[data-action="close-settings"]').click();
      }
      // The popup follows the same setting.
      await popup.emulateMedia({ colorScheme: theme });
      await popup.setViewportSize({ width: 460, height: 400 });
      await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`);
      await expect(popup.locator('html')).toHaveAttribute('lang', language.code);
      await expect(popup.locator('.connections li')).toHaveCount(3);
      await popup.screenshot({ path: test.info().outputPath(`popup-${language.code}-${theme}.png`) });
      expect(await clipped(popup), `${language.code} ${theme} popup`).toEqual([]);
    }
  }
});

test('every panel and the popup remember the chosen language, plurals and numbers', async ({ extension, server }) => {
  const { tabId, panel } = await watchFeed(extension, server.origin);
  await chooseLanguage(panel, 'ru');
  const failed = panel.locator('tr[data-connection="3"] .badge');
  await expect(failed).toHaveText('ошибка (404)');
  await expect(failed).toHaveAttribute('title', /^Ошибка: сервер ответил HTTP 404/);
  await expect(panel.locator('tr[data-connection="1"] [data-col="age"]')).toHaveText(/ назад$/);
  await expect(panel.locator('.connections th[data-col="events"]')).toHaveText('События');
  // One connection chosen: the chip says so in the singular; two in the "few" form.
  await panel.locator('tr[data-connection="1"]').click();
  await expect(panel.locator('[data-clear="connections"]')).toHaveText('1 соединение ✕');
  await panel.locator('tr[data-connection="2"]').click({ modifiers: ['Control'] });
  await expect(panel.locator('[data-clear="connections"]')).toHaveText('2 соединения ✕');
  // Sizes with a decimal comma.
  await expect(panel.locator('tr[data-connection="1"] [data-col="bytes"]')).toHaveText(/^\d+ Б$|^\d+,\d кБ$/);

  // Another panel, and the popup, open in Russian: the choice is kept.
  const second = await extension.context.newPage();
  await second.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}`);
  await expect(second.locator('.toolbar .label-text')).toHaveText('Сохранять журнал');
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('h2').first()).toHaveText('Эта вкладка');
  await expect(popup.locator('[data-setting="language"]')).toHaveValue('ru');

  // Back to the browser's language (English here).
  await popup.locator('[data-setting="language"]').selectOption('auto');
  await expect(popup.locator('h2').first()).toHaveText('This tab');
  await second.reload();
  await expect(second.locator('.toolbar .label-text')).toHaveText('Preserve log');
});

test('in a Korean browser the extension speaks Korean until the settings choose', async ({ server }) => {
  const korean = await launchWithExtension({ language: 'ko' });
  try {
    const language = await korean.worker.evaluate(() =>
      (globalThis as unknown as { chrome: Chrome }).chrome.i18n.getUILanguage(),
    );
    expect(language, 'Chromium runs in Korean only with its language packs: apt-get install chromium-l10n').toMatch(
      /^ko/,
    );
    expect(
      await korean.worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.action.getTitle({})),
    ).toBe('SSE Scope: 이 탭의 SSE 연결');
    expect(
      await korean.worker.evaluate(
        () => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.getManifest().description,
      ),
    ).toMatch(/^페이지가 여는/);
    const page = await korean.context.newPage();
    await page.goto(`${server.origin}/pages/feed.html`);
    await waitUntilDone(page);
    const panel = await openPanel(korean, await tabIdOf(korean, page));
    await expect(panel.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(panel.locator('.toolbar .label-text')).toHaveText('로그 보존');
    await expect(panel.locator('[data-chip=""]')).toHaveText('모든 유형');
    await chooseLanguage(panel, 'en');
    await expect(panel.locator('.toolbar .label-text')).toHaveText('Preserve log');
  } finally {
    await korean.close();
  }
});
