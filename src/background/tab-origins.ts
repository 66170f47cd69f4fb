/**
 * The origins of the documents each tab shows, as the browser tells them: the top document's (the
 * tab's URL) and those of the documents whose relays are connected (their ports' senders). Network
 * capture shows a worker only in a tab of the worker's own origin: what a page says never adds one.
 */
import { knownOrigin } from '../core/origin';

export class TabOrigins {
  private readonly tops = new Map<number, string>();
  /** Per tab, the connected documents of each origin. */
  private readonly documents = new Map<number, Map<string, number>>();

  /** The tab shows this URL now (the browser's `tab.url`). */
  setTop(tabId: number, url: string | undefined): void {
    const origin = knownOrigin(url);
    if (origin === undefined) this.tops.delete(tabId);
    else this.tops.set(tabId, origin);
  }

  /** A document of the tab connected (a relay's port); returns what to call when it goes. */
  add(tabId: number, origin: string | undefined): () => void {
    if (origin === undefined) return () => undefined;
    let counts = this.documents.get(tabId);
    if (!counts) {
      counts = new Map();
      this.documents.set(tabId, counts);
    }
    counts.set(origin, (counts.get(origin) ?? 0) + 1);
    let gone = false;
    return () => {
      if (gone) return;
      gone = true;
      const left = (counts.get(origin) ?? 1) - 1;
      if (left > 0) counts.set(origin, left);
      else counts.delete(origin);
      if (counts.size === 0 && this.documents.get(tabId) === counts) this.documents.delete(tabId);
    };
  }

  /** Whether a document of this origin is in the tab now. */
  has(tabId: number, origin: string): boolean {
    return this.tops.get(tabId) === origin || (this.documents.get(tabId)?.has(origin) ?? false);
  }

  forget(tabId: number): void {
    this.tops.delete(tabId);
    this.documents.delete(tabId);
  }
}
