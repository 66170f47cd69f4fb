/**
 * The workers each tab's pages started, as their page hooks told (kind and script URL): a hint of
 * which tab a worker's request belongs to, and what kind of worker made it, where the browser does
 * not say (Firefox names no tab for most worker requests, and no kind for any). A page can claim
 * any script: a claim counts only for a script of the claiming document's own origin, as the
 * browser tells that origin (a browser lets no document start another origin's worker).
 */
import type { WorkerKind } from '../../core/model';
import { knownOrigin } from '../../core/origin';
import type { WorkerInfo } from '../../messages/messages';

/** Scripts remembered per tab (the latest ones). */
const MAX_PER_TAB = 64;

export class StartedWorkers {
  private readonly tabs = new Map<number, Map<string, WorkerKind>>();

  /** A document of `origin` (the browser's word) says it started a worker; false when that cannot be so. */
  add(tabId: number, worker: WorkerInfo, origin: string | undefined): boolean {
    if (origin === undefined || knownOrigin(worker.url) !== origin) return false;
    let scripts = this.tabs.get(tabId);
    if (!scripts) {
      scripts = new Map();
      this.tabs.set(tabId, scripts);
    }
    scripts.delete(worker.url);
    scripts.set(worker.url, worker.kind);
    if (scripts.size > MAX_PER_TAB) scripts.delete(scripts.keys().next().value as string);
    return true;
  }

  /** The kind of worker a tab started from this script, if it did. */
  kind(tabId: number, url: string): WorkerKind | undefined {
    return this.tabs.get(tabId)?.get(url);
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
