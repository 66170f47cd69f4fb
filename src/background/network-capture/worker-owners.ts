/**
 * Which tab a worker's streams are shown in. A shared or service worker belongs to an origin, not
 * to a tab, and the browser names a tab for few workers' requests: a worker is shown only in a tab
 * whose page is of the worker's own origin, as the browser tells it; among several such tabs, one
 * whose page said it started the worker comes first. What a page says is a hint only: it never
 * brings a worker into a tab of another origin, nor outranks the tab the browser names.
 */
import type { WorkerKind } from '../../core/model';
import { knownOrigin } from '../../core/origin';
import type { StartedWorkers } from './started-workers';
import type { TabOrigins } from './tab-origins';

export class WorkerOwners {
  constructor(
    private readonly claims: Pick<StartedWorkers, 'kind'>,
    private readonly origins: Pick<TabOrigins, 'has'>,
  ) {}

  /** Of these tabs, the one to show the streams of the worker running this script in. */
  ownerOf(workerUrl: string, tabs: Iterable<number>): number | undefined {
    const origin = knownOrigin(workerUrl);
    if (origin === undefined) return undefined;
    let first: number | undefined;
    for (const tabId of tabs) {
      if (!this.origins.has(tabId, origin)) continue;
      if (this.claims.kind(tabId, workerUrl) !== undefined) return tabId;
      first ??= tabId;
    }
    return first;
  }

  /**
   * Firefox: the tab for a worker's request and the kind of worker when known. `named` is the tab
   * the browser names (-1 for none; it names one only for a dedicated worker's fetch): that tab, or none.
   */
  tabFor(workerUrl: string, named: number, tabs: Iterable<number>): { tabId: number; kind?: WorkerKind } | undefined {
    if (named >= 0) return { tabId: named, kind: 'dedicated' };
    const tabId = this.ownerOf(workerUrl, tabs);
    if (tabId === undefined) return undefined;
    const kind = this.claims.kind(tabId, workerUrl);
    return kind === undefined ? { tabId } : { tabId, kind };
  }
}
