/**
 * The panel crowded as an agent developer's is: streams at one long URL that only the last path
 * segment tells apart, 28 event types of nine protocols, docked at 420 and 700 px, in English,
 * Korean and Russian. Screenshots are kept with the results, to be looked at.
 */
import { LAYOUT_PATH, LAYOUT_TYPES } from '../fixtures/layout-routes';
import { expect, test } from '../support/fixtures';
import { chipRows, placeholderFit, urlCellOf } from '../support/layout-measures';
import { runPage } from '../support/page-log';
import { chooseLanguage, eventCount, openPanel, tabIdOf } from '../support/panel';
import { replayFromRow } from '../support/replay-rules';

const WIDTHS = [420, 700] as const;
/** Every type the page gets: the protocols' and `message`. */
const TYPES = LAYOUT_TYPES.length + 1;

async function crowdedPanel(extension: Parameters<typeof openPanel>[0], origin: string) {
  const { page } = await runPage(extension.context, `${origin}/pages/layout.html?types=${LAYOUT_TYPES.join(',')}`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(2 * TYPES);
  return { page, panel };
}

test('docked at 420 or 700 px, a long URL keeps its last segment and query whole', async ({ extension, server }) => {
  const { page, panel } = await crowdedPanel(extension, server.origin);
  const url = (thread: string) => `${server.origin}${LAYOUT_PATH}?thread=${thread}`;
  let led = 0;
  for (const language of ['en', 'ru']) {
    await chooseLanguage(panel, language);
    for (const width of WIDTHS) {
      await panel.setViewportSize({ width, height: 720 });
      for (const [ordinal, thread] of [
        [1, 'alpha-7f3c'],
        [2, 'beta-91d2'],
      ] as const) {
        const { leadShown, ...cell } = await panel.evaluate(urlCellOf, `tr[data-connection="${ordinal}"]`);
        if (width === 420) led = leadShown;
        expect(cell, `${language} ${width}`).toEqual({
          name: `events?thread=${thread}`,
          nameWhole: true,
          // The origin and leading path give way (and at 1,100 px they did not need to, below).
          leadCut: true,
          tagShown: undefined,
          title: url(thread),
          copied: url(thread),
        });
      }
      await panel.screenshot({ path: test.info().outputPath(`urls-${language}-${width}.png`) });
    }
  }
  // Wide, the lead takes more room, the name still whole.
  const leadAt420 = led;
  await panel.setViewportSize({ width: 1100, height: 720 });
  const wide = await panel.evaluate(urlCellOf, 'tr[data-connection="1"]');
  expect(wide).toMatchObject({ nameWhole: true });
  expect(wide.leadShown).toBeGreaterThan(2 * leadAt420);

  // A replayed stream's tag keeps its room beside the name.
  await replayFromRow(panel, 1);
  await page.reload();
  // (The rule made from the row matches both streams.)
  const replayed = panel.locator('tr:has([data-replayed])');
  await expect(replayed.first()).toBeVisible();
  for (const width of WIDTHS) {
    await panel.setViewportSize({ width, height: 720 });
    for (const ordinal of await replayed.evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('data-connection')),
    )) {
      expect(await panel.evaluate(urlCellOf, `tr[data-connection="${ordinal}"]`), `replayed at ${width}`).toMatchObject(
        {
          name: expect.stringMatching(/^events\?thread=(alpha-7f3c|beta-91d2)$/),
          nameWhole: true,
          tagShown: true,
        },
      );
    }
    await panel.screenshot({ path: test.info().outputPath(`replayed-${width}.png`) });
  }
});

test('the filter box’s placeholder is never cut, in English, Korean and Russian', async ({ extension, server }) => {
  const { panel } = await crowdedPanel(extension, server.origin);
  const whole = {
    en: 'Filter: text, /regex/, type:, id:, url:, -exclude',
    ko: '필터: 텍스트, /정규식/, type:, id:, url:, -제외',
    ru: 'Фильтр: текст, /regex/, type:, id:, url:, -исключить',
  };
  const short = { en: 'Filter', ko: '필터', ru: 'Фильтр' };
  for (const language of ['en', 'ko', 'ru'] as const) {
    await chooseLanguage(panel, language);
    for (const width of [...WIDTHS, 1100]) {
      await panel.setViewportSize({ width, height: 720 });
      // Wide, the whole syntax; docked, a word where it has no room (none at 420 px, none in Russian at 700).
      const expected =
        width === 1100 ? whole[language] : width === 420 || language === 'ru' ? short[language] : undefined;
      // (The box settles once the panel's new width is observed.)
      await expect
        .poll(() => panel.evaluate(placeholderFit), { message: `${language} at ${width} px` })
        .toMatchObject({ fits: true, scrolls: false, ...(expected && { text: expected }) });
      await panel.locator('.toolbar').screenshot({ path: test.info().outputPath(`filter-${language}-${width}.png`) });
    }
  }
  // The syntax is still a hover away, and the box takes what is typed as before.
  await panel.setViewportSize({ width: 420, height: 720 });
  await expect(panel.locator('input.filter')).toHaveAttribute('title', /^Слова \(должны совпасть все\)/);
  await panel.locator('input.filter').fill('type:ping');
  await expect.poll(() => eventCount(panel)).toBe(2);
});

test('28 event types keep the type chips to two rows, the rest behind “+N”', async ({ extension, server }) => {
  const { panel } = await crowdedPanel(extension, server.origin);
  for (const language of ['en', 'ru']) {
    await chooseLanguage(panel, language);
    for (const width of WIDTHS) {
      await panel.setViewportSize({ width, height: 720 });
      // "All types" and the types in sight, and the others a click away (once the new width is observed).
      const more = panel.locator('[data-more-types]');
      const settled = async () => {
        const seen = await panel.evaluate(chipRows);
        const counted = await more.getAttribute('data-more-types');
        return seen.out === seen.below && String(seen.out) === counted ? seen : undefined;
      };
      let chips: Awaited<ReturnType<typeof settled>>;
      await expect
        .poll(async () => {
          chips = await settled();
          return chips !== undefined;
        })
        .toBe(true);
      if (!chips) throw new Error('unsettled');
      expect(chips.rows, `${language} at ${width} px`).toBeLessThanOrEqual(2);
      expect(chips.barInChips, `${language} at ${width} px`).toBeLessThan(2.7);
      expect(chips.seen.length - 1 + chips.out).toBe(TYPES);
      await more.click();
      await expect(panel.locator('[data-more-chip]')).toHaveCount(chips.out);
      await panel.screenshot({ path: test.info().outputPath(`chips-${language}-${width}.png`) });
      await panel.keyboard.press('Escape');
      await expect(panel.locator('[data-more-types-list]')).toHaveCount(0);
    }
  }
  await chooseLanguage(panel, 'en');

  // A click: the list's chip is a toggle with its colour and count; chosen, it moves into the bar.
  await panel.setViewportSize({ width: 420, height: 720 });
  await panel.locator('[data-more-types]').click();
  const end = panel.locator('[data-more-chip="end"]');
  await expect(end).toHaveText('end2');
  expect(await end.locator('.swatch').evaluate((s) => getComputedStyle(s).backgroundColor)).not.toBe(
    'rgba(0, 0, 0, 0)',
  );
  await end.click();
  await expect(end).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => eventCount(panel)).toBe(2);
  await panel.keyboard.press('Escape');
  await expect.poll(async () => (await panel.evaluate(chipRows)).seen).toContain('end');
  expect((await panel.evaluate(chipRows)).rows).toBeLessThanOrEqual(2);

  // The keyboard: Enter opens the list on its first chip, arrows move, Space toggles, Esc gives the focus back.
  const more = panel.locator('[data-more-types]');
  await more.focus();
  await panel.keyboard.press('Enter');
  const list = panel.locator('[data-more-chip]');
  await expect(list.first()).toBeFocused();
  await panel.keyboard.press('ArrowDown');
  await expect(list.nth(1)).toBeFocused();
  const second = (await list.nth(1).getAttribute('data-more-chip')) ?? '';
  await panel.keyboard.press('Space');
  // Chosen, it moves into the bar, where it may push another type into the list: the focus stays on it.
  await expect(panel.locator(`[data-more-chip="${second}"]`)).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.locator(`[data-more-chip="${second}"]`)).toBeFocused();
  await expect.poll(() => eventCount(panel)).toBe(4);
  await panel.keyboard.press('End');
  await expect(list.last()).toBeFocused();
  await panel.keyboard.press('Escape');
  await expect(panel.locator('[data-more-types-list]')).toHaveCount(0);
  await expect(more).toBeFocused();
  await expect.poll(async () => (await panel.evaluate(chipRows)).seen).toContain(second);
  // Chosen again from the bar, off: the type goes back to its place among the others.
  await panel.locator(`.type-chips [data-chip="${second}"]`).click();
  await expect.poll(() => eventCount(panel)).toBe(2);
  await panel.locator('[data-chip=""]').click();
  await expect.poll(() => eventCount(panel)).toBe(2 * TYPES);
  expect((await panel.evaluate(chipRows)).seen).not.toContain('end');
});
