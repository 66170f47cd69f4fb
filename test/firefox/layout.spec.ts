/**
 * The crowded panel's layout in Firefox, as in Chromium (test/e2e/panel-layout.spec.ts): docked at
 * 420 and 700 px in English and Russian, a long URL's last segment whole, the filter box's
 * placeholder uncut, 28 event types in two rows with the rest behind "+N", by click and keyboard.
 */
import type { Page } from 'puppeteer-core';
import { LAYOUT_PATH, LAYOUT_TYPES } from '../fixtures/layout-routes';
import { firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { eventCount } from '../harness/panel-reader';
import { chipRows, placeholderFit, urlCellOf } from '../support/layout-measures';
import { runPage } from '../support/page-log';
import { expect, test } from './fixtures';

const TYPES = LAYOUT_TYPES.length + 1;
const focused = (panel: Page) =>
  panel.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return element?.dataset.moreChip ?? element?.dataset.moreTypes ?? element?.tagName;
  });
const pressed = (panel: Page, type: string) =>
  panel.$eval(`[data-more-chip="${type}"]`, (chip) => chip.getAttribute('aria-pressed'));

test('docked in Firefox: URL names whole, the placeholder uncut, chips in two rows', async ({ withAddon, server }) => {
  const { page } = await runPage(withAddon, `${server.origin}/pages/layout.html?types=${LAYOUT_TYPES.join(',')}`);
  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
  await expect.poll(() => eventCount(panel)).toBe(2 * TYPES);
  try {
    const url = `${server.origin}${LAYOUT_PATH}?thread=alpha-7f3c`;
    for (const language of ['en', 'ru']) {
      await panel.click('[data-action="settings"]');
      await panel.select('[data-setting="language"]', language);
      await expect.poll(() => panel.evaluate(() => document.documentElement.lang)).toBe(language);
      await panel.keyboard.press('Escape');
      for (const width of [420, 700]) {
        await panel.setViewport({ width, height: 720 });
        const at = `${language} at ${width} px`;
        await expect
          .poll(() => panel.evaluate(urlCellOf, 'tr[data-connection="1"]'), { message: at })
          .toMatchObject({ name: 'events?thread=alpha-7f3c', nameWhole: true, leadCut: true, copied: url });
        await expect
          .poll(() => panel.evaluate(placeholderFit), { message: at })
          .toMatchObject({ fits: true, scrolls: false });
        await expect
          .poll(
            async () => {
              const chips = await panel.evaluate(chipRows);
              const counted = await panel.$eval('[data-more-types]', (more) => more.getAttribute('data-more-types'));
              return chips.out === chips.below && String(chips.out) === counted && chips.seen.length - 1 + chips.out;
            },
            { message: at },
          )
          .toBe(TYPES);
        expect((await panel.evaluate(chipRows)).rows, at).toBeLessThanOrEqual(2);
      }
    }
    // The keyboard: Enter opens the list on its first chip, ↓ moves, Space toggles, Esc gives the focus back.
    await panel.focus('[data-more-types]');
    await panel.keyboard.press('Enter');
    const first = (await panel.$eval('[data-more-chip]', (chip) => chip.getAttribute('data-more-chip'))) ?? '';
    await expect.poll(() => focused(panel)).toBe(first);
    await panel.keyboard.press('ArrowDown');
    const second = (await focused(panel)) ?? '';
    expect(second).not.toBe(first);
    await panel.keyboard.press(' ');
    await expect.poll(() => pressed(panel, second)).toBe('true');
    await expect.poll(() => eventCount(panel)).toBe(2);
    // A click on another: both chosen.
    await panel.click(`[data-more-chip="${first}"]`);
    await expect.poll(() => eventCount(panel)).toBe(4);
    await panel.keyboard.press('Escape');
    await expect.poll(() => panel.$$('[data-more-types-list]').then((lists) => lists.length)).toBe(0);
    expect(await focused(panel)).toMatch(/^\d+$/);
    expect((await panel.evaluate(chipRows)).seen).toEqual(expect.arrayContaining([first, second]));
  } finally {
    // The language is the add-on's setting (its localStorage): the tests after this one speak English.
    await panel.evaluate(() => localStorage.removeItem('sse-scope:settings'));
  }
});
