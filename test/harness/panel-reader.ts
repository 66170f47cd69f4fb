/** Reads what the panel shows, from its DOM: for tests, and for the headless `npm start` summary. */
/** A page driven by Playwright (Chromium) or by puppeteer-core (Firefox): all the readers need. */
export interface Page {
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
}

export interface PanelConnection {
  ordinal: number;
  /** EventSource, or fetch/XHR with the method: `fetch POST`. */
  kind: string;
  url: string;
  /** The model's state (`failed`, …); `badge` and `reason` are what the user reads. */
  state: string;
  /** Its document went away (a frame removed or navigated, a page left). */
  gone: boolean;
  badge: string;
  reason: string;
  status: string;
  statusDetail: string;
  frame: string;
  events: string;
  reconnects: number;
  bytes: string;
  listening: string;
}

export interface PanelEvent {
  connection: number;
  url: string;
  time: string;
  type: string;
  id: string;
  /** The event's data (for an LLM event whose row previews its delta, the data in the cell's title). */
  data: string;
  /** What the data cell shows: the data, or for a recognised LLM stream what the event added. */
  preview: string;
}

export function readConnections(panel: Page): Promise<PanelConnection[]> {
  return panel.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLTableRowElement>('.connections tbody tr'), (row) => ({
      ordinal: Number(row.dataset.connection),
      kind: row.querySelector<HTMLElement>('[data-col="kind"]')?.textContent ?? '',
      url: row.querySelector<HTMLElement>('.url')?.title ?? '',
      state: row.dataset.state ?? '',
      gone: row.classList.contains('gone'),
      badge: row.querySelector<HTMLElement>('.badge')?.textContent ?? '',
      reason: row.querySelector<HTMLElement>('.badge')?.title ?? '',
      status: row.querySelector<HTMLElement>('[data-col="status"]')?.textContent ?? '',
      statusDetail: row.querySelector<HTMLElement>('[data-col="status"]')?.title ?? '',
      frame: row.querySelector<HTMLElement>('.frame')?.textContent ?? '',
      events: row.querySelector<HTMLElement>('[data-col="events"]')?.textContent ?? '',
      reconnects: Number(row.querySelector<HTMLElement>('[data-col="reconnects"]')?.textContent),
      bytes: row.querySelector<HTMLElement>('[data-col="bytes"]')?.textContent ?? '',
      listening: row.querySelector<HTMLElement>('.listening')?.textContent ?? '',
    })),
  );
}

export function eventCount(panel: Page): Promise<number> {
  return panel.evaluate(() => Number(document.querySelector('.events')?.getAttribute('aria-rowcount') ?? 0));
}

/**
 * Every row of the virtualised event table, scrolling through it. (The callback declares no named
 * functions: tsx's keepNames would wrap them in a helper that does not exist in the page.)
 */
export function readEvents(panel: Page): Promise<PanelEvent[]> {
  return panel.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('.scroller');
    const total = Number(document.querySelector('.events')?.getAttribute('aria-rowcount') ?? 0);
    if (!scroller) return [];
    const rows = new Map<number, PanelEvent>();
    // The table keeps 12 rows beyond each edge in the DOM: a step of a screen and 10 rows misses none.
    const step = Math.max(20, scroller.clientHeight + 200);
    for (let top = 0; rows.size < total && top <= scroller.scrollHeight; top += step) {
      scroller.scrollTop = top;
      scroller.dispatchEvent(new Event('scroll'));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (const row of scroller.querySelectorAll<HTMLElement>('.row[data-row]')) {
        const cells = Object.fromEntries(
          Array.from(row.querySelectorAll<HTMLElement>('[data-col]'), (cell) => [cell.dataset.col, cell]),
        );
        rows.set(Number(row.dataset.row), {
          time: cells.time?.textContent ?? '',
          connection: Number(cells.connection?.textContent?.slice(1)),
          url: cells.connection?.title ?? '',
          type: cells.type?.textContent ?? '',
          id: cells.id?.textContent ?? '',
          data: (cells.data?.dataset.piece === undefined ? cells.data?.textContent : cells.data.title) ?? '',
          preview: cells.data?.textContent ?? '',
        });
      }
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  });
}
