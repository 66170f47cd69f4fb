/**
 * The panel crowded as an agent developer's is: streams at one long URL that only the last path
 * segment tells apart, 28 event types of nine protocols, docked at 420 and 700 px, in English,
 * Korean and Russian. Screenshots are kept with the results, to be looked at.
 */
import type { Page } from 'playwright-core';
import { LAYOUT_PATH, LAYOUT_TYPES } from '../fixtures/layout-routes';
import { expect, test } from '../support/fixtures';
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

/** Where a row's URL name sits in its cell, whether it or the lead is cut, and what selecting the cell copies. */
const urlCell = (panel: Page, row: string) =>
  panel.locator(`${row} td.url`).evaluate((cell) => {
    const name = cell.querySelector('.url-name') as HTMLElement;
    const lead = cell.querySelector('.url-lead') as HTMLElement;
    const tag = cell.querySelector('[data-replayed]');
    const box = cell.getBoundingClientRect();
    const inside = (element: Element | null) => {
      if (!element) return undefined;
      const r = element.getBoundingClientRect();
      return r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
    };
    // Selected from the lead's first letter to the name's last, and copied as a user's Ctrl+C does.
    const range = document.createRange();
    range.selectNodeContents(cell.querySelector('.url-cut') as HTMLElement);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    let copied: string | undefined;
    const read = (copy: ClipboardEvent) => {
      copied = copy.clipboardData?.getData('text/plain');
    };
    document.addEventListener('copy', read);
    document.execCommand('copy');
    document.removeEventListener('copy', read);
    getSelection()?.removeAllRanges();
    return {
      name: name.textContent,
      nameWhole: name.scrollWidth <= name.clientWidth && inside(name),
      leadCut: lead.scrollWidth > lead.clientWidth,
      leadShown: lead.clientWidth,
      tagShown: inside(tag),
      title: cell.getAttribute('title'),
      copied,
    };
  });

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
        const { leadShown, ...cell } = await urlCell(panel, `tr[data-connection="${ordinal}"]`);
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
  const wide = await urlCell(panel, 'tr[data-connection="1"]');
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
      expect(await urlCell(panel, `tr[data-connection="${ordinal}"]`), `replayed at ${width}`).toMatchObject({
        name: expect.stringMatching(/^events\?thread=(alpha-7f3c|beta-91d2)$/),
        nameWhole: true,
        tagShown: true,
      });
    }
    await panel.screenshot({ path: test.info().outputPath(`replayed-${width}.png`) });
  }
});

/** The filter box's placeholder as shown, the room it takes in the box's font, and the room inside the box. */
const placeholder = (panel: Page) =>
  panel.locator('input.filter').evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const probe = document.createElement('span');
    probe.style.font = style.font;
    probe.style.whiteSpace = 'pre';
    probe.style.position = 'absolute';
    document.body.append(probe);
    const width = (text: string) => {
      probe.textContent = text;
      return probe.getBoundingClientRect().width;
    };
    const room = input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
    const result = {
      text: input.placeholder,
      fits: width(input.placeholder) <= room,
      scrolls: input.scrollWidth > input.clientWidth,
    };
    probe.remove();
    return result;
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
      const shown = await placeholder(panel);
      expect(shown, `${language} at ${width} px`).toMatchObject({ fits: true, scrolls: false });
      // Wide, the whole syntax; docked, a word where the syntax has no room (it had none in Russian at 700 px).
      if (width === 1100 || (width === 700 && language !== 'ru'))
        expect([whole[language], short[language]]).toContain(shown.text);
      else expect(shown.text, `${language} at ${width} px`).toBe(short[language]);
      if (width === 1100) expect(shown.text).toBe(whole[language]);
      await panel.locator('.toolbar').screenshot({ path: test.info().outputPath(`filter-${language}-${width}.png`) });
    }
  }
  // The syntax is still a hover away, and the box takes what is typed as before.
  await panel.setViewportSize({ width: 420, height: 720 });
  await expect(panel.locator('input.filter')).toHaveAttribute('title', /^Слова \(должны совпасть все\)/);
  await panel.locator('input.filter').fill('type:ping');
  await expect.poll(() => eventCount(panel)).toBe(2);
});

/** The chips in sight in the bar: their rows, and how high the bar is against one chip. */
const chipRows = (panel: Page) =>
  panel.locator('.filterbar').evaluate((bar) => {
    const box = (bar.querySelector('.type-chips') as HTMLElement).getBoundingClientRect();
    const seen = [...bar.querySelectorAll<HTMLElement>('.type-chips [data-chip]')].filter((chip) => {
      const r = chip.getBoundingClientRect();
      return !chip.inert && r.top >= box.top && r.bottom <= box.bottom;
    });
    const chip = seen[0]?.getBoundingClientRect().height ?? 0;
    return {
      rows: new Set(seen.map((c) => Math.round(c.getBoundingClientRect().top))).size,
      barInChips: bar.getBoundingClientRect().height / chip,
      seen: seen.map((c) => c.dataset.chip ?? ''),
      out: [...bar.querySelectorAll<HTMLElement>('.type-chips [data-chip]')].filter((c) => c.inert).length,
    };
  });

test('28 event types keep the type chips to two rows, the rest behind “+N”', async ({ extension, server }) => {
  const { panel } = await crowdedPanel(extension, server.origin);
  for (const language of ['en', 'ru']) {
    await chooseLanguage(panel, language);
    for (const width of WIDTHS) {
      await panel.setViewportSize({ width, height: 720 });
      const chips = await chipRows(panel);
      expect(chips.rows, `${language} at ${width} px`).toBeLessThanOrEqual(2);
      expect(chips.barInChips, `${language} at ${width} px`).toBeLessThan(2.7);
      // "All types" and the types in sight, and the others a click away.
      const more = panel.locator('[data-more-types]');
      await expect(more).toHaveAttribute('data-more-types', String(chips.out));
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
  await expect.poll(async () => (await chipRows(panel)).seen).toContain('end');
  expect((await chipRows(panel)).rows).toBeLessThanOrEqual(2);

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
  await expect.poll(async () => (await chipRows(panel)).seen).toContain(second);
  // Chosen again from the bar, off: the type goes back to its place among the others.
  await panel.locator(`.type-chips [data-chip="${second}"]`).click();
  await expect.poll(() => eventCount(panel)).toBe(2);
  await panel.locator('[data-chip=""]').click();
  await expect.poll(() => eventCount(panel)).toBe(2 * TYPES);
  expect((await chipRows(panel)).seen).not.toContain('end');
});
