/** The UI's language in Firefox: chosen in the settings, the panel and the popup speak it, plurals and numbers too. */
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { eventCount } from '../harness/panel-reader';
import { runPage } from '../support/page-log';
import { expect, test } from './fixtures';

test('Russian and Korean chosen in the settings: the panel and the popup speak them', async ({ withAddon, server }) => {
  const { page } = await runPage(withAddon, `${server.origin}/pages/feed.html`);
  const tabId = await firefoxTabIdOf(withAddon, page);
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${tabId}`);
  await expect.poll(() => eventCount(panel)).toBe(8);
  const text = (selector: string) => panel.$eval(selector, (element) => element.textContent);
  expect(await text('[data-summary]')).toBe('3 connections, 8 events');

  await panel.click('[data-action="settings"]');
  await panel.select('[data-setting="language"]', 'ru');
  await expect.poll(() => text('[data-summary]')).toBe('3 соединения, 8 событий');
  expect(await panel.evaluate(() => document.documentElement.lang)).toBe('ru');
  expect(await text('.toolbar .label-text')).toBe('Сохранять журнал');
  expect(await text('[data-chip=""]')).toBe('Все типы');

  // The popup reads the same setting.
  const popup = await openExtensionPage(withAddon, `popup.html?tabId=${tabId}`);
  await expect.poll(() => popup.$eval('h2', (element) => element.textContent)).toBe('Эта вкладка');

  await panel.click('[data-action="settings"]');
  await panel.select('[data-setting="language"]', 'ko');
  await expect.poll(() => text('[data-summary]')).toBe('연결 3개, 이벤트 8개');
  await panel.click('[data-action="settings"]');
  await panel.select('[data-setting="language"]', 'auto');
  await expect.poll(() => text('[data-summary]')).toBe('3 connections, 8 events');
});
