/**
 * The origin of the page each tab shows, as the browser tells it (the tab's URL): network capture
 * shows a worker only in a tab whose page is of the worker's own origin, and what a page says never
 * changes that. A frame's origin does not count: a shared worker a cross-site frame starts is kept
 * apart under the embedding site, and nothing the browser tells of a worker (its script URL) says
 * which of two same-script workers is whose, so an embedder would be given the site's own.
 */
import { knownOrigin } from '../../core/origin';

export class TabOrigins {
  private readonly tops = new Map<number, string>();

  /** The tab shows this URL now (the browser's `tab.url`). */
  setTop(tabId: number, url: string | undefined): void {
    const origin = knownOrigin(url);
    if (origin === undefined) this.tops.delete(tabId);
    else this.tops.set(tabId, origin);
  }

  /** Whether the tab's page is of this origin. */
  has(tabId: number, origin: string): boolean {
    return this.tops.get(tabId) === origin;
  }

  forget(tabId: number): void {
    this.tops.delete(tabId);
  }
}
