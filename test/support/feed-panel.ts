/** The feed page (3 connections, 8 events) with a panel on it, and what the panel's filters show. */
import type { Page } from 'playwright-core';
import { expect } from './fixtures';
import { runPage } from './page-log';
import { eventCount, openPanel, readEvents, tabIdOf } from './panel';

export const chips = (panel: Page) =>
  panel.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.filterbar [data-chip]'), (chip) => ({
      type: chip.dataset.chip,
      count: chip.querySelector('.count')?.textContent ?? '',
      on: chip.getAttribute('aria-pressed') === 'true',
    })),
  );

export const shownData = async (panel: Page) => (await readEvents(panel)).map((e) => e.data);

/** The feed page (3 connections, 8 events) with a panel on it. */
export async function feedPanel(extension: Parameters<typeof openPanel>[0], origin: string) {
  const { page } = await runPage(extension.context, `${origin}/pages/feed.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(8);
  return { page, panel };
}
