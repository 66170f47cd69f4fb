/**
 * The workers each tab's pages started, as their page hooks told (kind and script URL): which tab a
 * worker's request belongs to, and what kind of worker made it, where the browser does not say
 * (Firefox names no tab for most worker requests, and no kind for any).
 */
import type { WorkerKind } from '../core/model';
import type { WorkerInfo } from '../protocol/messages';

/** Scripts remembered per tab (the latest ones). */
const MAX_PER_TAB = 64;

export class StartedWorkers {
  private readonly tabs = new Map<number, Map<string, WorkerKind>>();

  add(tabId: number, worker: WorkerInfo): void {
    let scripts = this.tabs.get(tabId);
    if (!scripts) {
      scripts = new Map();
      this.tabs.set(tabId, scripts);
    }
    scripts.delete(worker.url);
    scripts.set(worker.url, worker.kind);
    if (scripts.size > MAX_PER_TAB) scripts.delete(scripts.keys().next().value as string);
  }

  /** The kind of worker a tab started from this script, if it did. */
  kind(tabId: number, url: string): WorkerKind | undefined {
    return this.tabs.get(tabId)?.get(url);
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
