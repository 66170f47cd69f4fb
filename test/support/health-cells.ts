/** What the connections table says of health, as the Chromium and Firefox tests read it. */
import type { Page } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';

type AnyPage = Page | FirefoxPage;

/** Each row's findings (rule ids), in table order. */
export const healthOf = (panel: AnyPage): Promise<string[][]> =>
  (panel as Page).evaluate(() =>
    Array.from(document.querySelectorAll('.connections tbody tr'), (row) =>
      (row.querySelector<HTMLElement>('[data-health]')?.dataset.health ?? '').split(' ').filter(Boolean),
    ),
  );

/**
 * Whether the panel has drawn every connection ended, or still open at least `seconds` after it
 * began: its health is drawn in the same row, at the same moment, as its duration.
 */
export const settledPast = (panel: AnyPage, seconds: number): Promise<boolean> =>
  (panel as Page).evaluate((least) => {
    const rows = Array.from(document.querySelectorAll<HTMLElement>('.connections tbody tr'));
    return rows.every((row) => {
      if (row.dataset.state === 'closed' || row.dataset.state === 'failed') return true;
      const [, amount, unit] =
        /([\d.]+)\s*(ms|s)\b/.exec(row.querySelector('[data-col="duration"]')?.textContent ?? '') ?? [];
      return Number(amount) / (unit === 'ms' ? 1000 : 1) >= least;
    });
  }, seconds);
