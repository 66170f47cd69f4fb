/** Opens the panel as an ordinary tab (`panel.html?tabId=N`) and reads what it shows. */
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../src/dev/launch';
import type { SeenEvent } from './page-log';
import { type ChromeGlobal, wakeServiceWorker } from './worker';

export async function tabIdOf(extension: ExtensionBrowser, page: Page): Promise<number> {
  await wakeServiceWorker(extension);
  await page.bringToFront();
  return extension.worker.evaluate(async () => {
    const [tab] = await (globalThis as unknown as ChromeGlobal).chrome.tabs.query({
      active: true,
      lastFocusedWindow: true,
    });
    return tab?.id ?? -1;
  });
}

export async function openPanel(extension: ExtensionBrowser, tabId: number): Promise<Page> {
  const panel = await extension.context.newPage();
  await panel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}`);
  return panel;
}

export interface PanelConnection {
  ordinal: number;
  url: string;
  state: string;
  frame: string;
  events: string;
  reconnects: number;
  listening: string;
}

export interface PanelEvent extends SeenEvent {
  connection: number;
  url: string;
  time: string;
}

export function readConnections(panel: Page): Promise<PanelConnection[]> {
  return panel.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLTableRowElement>('.connections tbody tr'), (row) => ({
      ordinal: Number(row.dataset.connection),
      url: row.querySelector<HTMLElement>('.url')?.title ?? '',
      state: row.dataset.state ?? '',
      frame: row.querySelector<HTMLElement>('.frame')?.textContent ?? '',
      events: row.querySelector<HTMLElement>('[data-col="events"]')?.textContent ?? '',
      reconnects: Number(row.querySelector<HTMLElement>('[data-col="reconnects"]')?.textContent),
      listening: row.querySelector<HTMLElement>('.listening')?.textContent ?? '',
    })),
  );
}

export function eventCount(panel: Page): Promise<number> {
  return panel.evaluate(() => Number(document.querySelector('.events')?.getAttribute('aria-rowcount') ?? 0));
}

/** Every row of the virtualised event table, scrolling through it. */
export function readEvents(panel: Page): Promise<PanelEvent[]> {
  return panel.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('.scroller');
    const total = Number(document.querySelector('.events')?.getAttribute('aria-rowcount') ?? 0);
    if (!scroller) return [];
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const rows = new Map<number, PanelEvent>();
    const text = (row: Element, col: string) => row.querySelector(`[data-col="${col}"]`)?.textContent ?? '';
    for (
      let top = 0;
      rows.size < total && top <= scroller.scrollHeight;
      top += Math.max(20, scroller.clientHeight / 2)
    ) {
      scroller.scrollTop = top;
      scroller.dispatchEvent(new Event('scroll'));
      await frames();
      for (const row of scroller.querySelectorAll<HTMLElement>('.row')) {
        rows.set(Number(row.dataset.index), {
          time: text(row, 'time'),
          connection: Number(text(row, 'connection').slice(1)),
          url: row.querySelector<HTMLElement>('[data-col="connection"]')?.title ?? '',
          type: text(row, 'type'),
          id: text(row, 'id'),
          data: text(row, 'data'),
        });
      }
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  });
}

/** Waits until the panel shows `count` events, then returns them grouped by connection URL. */
export async function panelEventsByUrl(panel: Page, count: number): Promise<Map<string, SeenEvent[]>> {
  await expect.poll(() => eventCount(panel), { message: 'events shown in the panel' }).toBe(count);
  const events = await readEvents(panel);
  expect(events).toHaveLength(count);
  const byUrl = new Map<string, SeenEvent[]>();
  for (const { url, type, data, id } of events) {
    const list = byUrl.get(url) ?? [];
    list.push({ type, data, id });
    byUrl.set(url, list);
  }
  return byUrl;
}
