/**
 * Network capture in Firefox: stream filters read the responses of a watched tab's EventSources
 * (a 200 with text/event-stream) and of its workers' streams, started in the HTTP observer's
 * headers listener, which blocks only while a watched tab has network capture on.
 */

import { type ChunkFault, cutMidLine, splitChar } from '../../../core/chunk-faults';
import type { FaultDetails } from '../../../core/fault-details';
import { injectedBlock } from '../../../core/injected-block';
import type { FaultKind } from '../../../core/model';
import type { StreamFilter } from '../../../platform/browser';
import type { RequestFollower } from '../../http-observer';
import type { CaptureOutlets, CaptureState, NetworkCapture } from '../types';
import type { WorkerOwners } from '../worker-owners';
import { ReconnectCuts } from './reconnect-cuts';
import { type Pacing, StreamFilters } from './stream-filters';
import { WorkerRequests } from './worker-requests';

/** The faults that pace a live response, by the length the user chose. */
const PACING: Partial<Record<FaultKind, (ms: number) => Pacing>> = {
  hold: (ms) => ({ holdMs: ms }),
  delay: (ms) => ({ delayMs: ms }),
};
/** The faults that rewrite the next chunk that fits them. */
const REWRITES: Partial<Record<FaultKind, ChunkFault>> = { 'cut-mid-line': cutMidLine, 'split-char': splitChar };
const ENCODER = new TextEncoder();

export class FirefoxCapture implements NetworkCapture {
  private readonly filters: StreamFilters;
  private readonly workers: WorkerRequests;
  private readonly cuts: ReconnectCuts;
  /** Watched tabs with network capture on, in the setting's order. */
  private tabs: ReadonlySet<number> = new Set();
  readonly requests: RequestFollower;

  constructor(filter: (requestId: string) => StreamFilter, owners: Pick<WorkerOwners, 'tabFor'>, out: CaptureOutlets) {
    this.filters = new StreamFilters(filter, out.bytes);
    this.cuts = new ReconnectCuts((requestId) => this.filters.cut(requestId));
    // Firefox names no tab for most of a worker's requests: a watched tab of the worker's origin shows them.
    this.workers = new WorkerRequests(owners, out.toTab, (requestId, to) => this.filters.read(requestId, to));
    const workers = this.workers;
    const tabs = () => this.tabs;
    this.requests = {
      get blocking() {
        return tabs().size > 0;
      },
      answered: (requestId, to, status, contentType, url) => {
        if (!this.tabs.has(to.tabId) || status !== 200 || !contentType?.toLowerCase().startsWith('text/event-stream'))
          return;
        if (!this.cuts.answered(requestId, to, url)) this.filters.read(requestId, to, url);
      },
      ended: (requestId) => workers.ended(requestId),
      workerRequest: (d) => workers.sent(d),
      workerAnswered: (d) => workers.answered(d),
      workerFailed: (d) => workers.failed(d),
    };
  }

  follow(_tabId: number, watched: ReadonlySet<number>, on: ReadonlySet<number>): void {
    this.update(watched, on);
  }

  update(watched: ReadonlySet<number>, on: ReadonlySet<number>): void {
    this.tabs = new Set([...on].filter((tabId) => watched.has(tabId)));
    this.workers.follow(this.tabs, watched);
    this.cuts.keep(this.tabs);
  }

  workerStarted(): void {
    // Firefox tells of a worker's requests as they go: nothing to look for.
  }

  /**
   * Stream filters drop, hold or delay a live response, inject into it, cut or split its next
   * chunk, or cut the next reconnect's.
   */
  fault(tabId: number, url: string, fault: FaultKind, applied: () => void, details: FaultDetails = {}): boolean {
    if (!this.tabs.has(tabId)) return false;
    if (fault === 'cut-next') {
      this.cuts.arm(tabId, url, applied);
      return true;
    }
    const { inject, ms } = details;
    if (fault === 'inject')
      return inject !== undefined && this.filters.inject(tabId, url, ENCODER.encode(injectedBlock(inject)), applied);
    const rewrite = REWRITES[fault];
    if (rewrite) return this.filters.rewriteNext(tabId, url, rewrite, applied);
    const pacing = PACING[fault];
    if (pacing) {
      if (ms === undefined || !this.filters.pace(tabId, url, pacing(ms))) return false;
    } else if (fault !== 'drop' || !this.filters.dropLive(tabId, url)) return false;
    applied();
    return true;
  }

  state(): CaptureState {
    return {
      active: this.filters.active,
      debugging: [],
      sharedWorkers: [],
      faultsWaiting: this.cuts.waiting + this.filters.rewritesWaiting,
    };
  }
}
