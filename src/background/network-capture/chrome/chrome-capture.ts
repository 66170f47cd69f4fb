/**
 * Network capture in Chrome: the debugger, attached to each watched tab network capture is on for.
 * The bytes of a page's EventSource go to its frame's document under webRequest's id for the
 * request, which the HTTP observer's view of it gives (`RequestBridge`).
 */

import type { FaultKind } from '../../../core/model';
import type { WorkerInfo } from '../../../messages/messages';
import type { DebuggerApi } from '../../../platform/browser';
import type { RequestFollower } from '../../http-observer';
import { type DebuggerRequest, RequestBridge } from '../request-bridge';
import type { ByteBatch, CaptureOutlets, CaptureState, NetworkCapture } from '../types';
import type { WorkerOwners } from '../worker-owners';
import { DebuggerCapture } from './debugger-capture';
import { isReconnectFault } from './reconnect-faults';

export class ChromeCapture implements NetworkCapture {
  /** webRequest's view of each page EventSource request, for the debugger's bytes of it. */
  private readonly bridge = new RequestBridge();
  private readonly debugger: DebuggerCapture;
  readonly requests: RequestFollower;

  constructor(
    api: DebuggerApi,
    owners: Pick<WorkerOwners, 'ownerOf'>,
    private readonly out: CaptureOutlets,
  ) {
    const bridge = this.bridge;
    this.requests = {
      sent: (requestId, request) => bridge.sent(requestId, request),
      answered: (requestId, _to, status) => bridge.answered(requestId, status),
      ended: (requestId) => bridge.ended(requestId),
    };
    this.debugger = new DebuggerCapture(api, {
      bytes: out.bytes,
      arrivals: out.toTab,
      workerStream: out.toTab,
      workerSeen: out.toTab,
      ownerOf: (url, tabIds) => owners.ownerOf(url, tabIds),
      pageBytes: (tabId, request, batch) => this.pageBytes(tabId, request, batch),
    });
  }

  follow(tabId: number, watched: ReadonlySet<number>, on: ReadonlySet<number>): void {
    if (watched.has(tabId) && on.has(tabId)) void this.debugger.watch(tabId);
    else this.debugger.unwatch(tabId);
  }

  update(watched: ReadonlySet<number>, on: ReadonlySet<number>): void {
    for (const tabId of watched) this.follow(tabId, watched, on);
    for (const tabId of this.debugger.tabIds) if (!on.has(tabId)) this.debugger.unwatch(tabId);
  }

  workerStarted(tabId: number, worker: WorkerInfo, on: ReadonlySet<number>): void {
    // Chrome finds a shared worker only once it runs: look now rather than at the next round.
    if (worker.kind === 'shared' && on.has(tabId)) this.debugger.lookForSharedWorkers();
  }

  /** The debugger fails or answers a reconnect; it cannot end a response already open (docs/replay-mechanisms.md). */
  fault(tabId: number, url: string, fault: FaultKind, applied: () => void): boolean {
    return isReconnectFault(fault) && this.debugger.faultNext(tabId, url, fault, applied);
  }

  state(): CaptureState {
    return {
      active: 0,
      debugging: this.debugger.attached,
      sharedWorkers: this.debugger.sharedWorkers,
      faultsWaiting: this.debugger.faultsWaiting,
    };
  }

  /** The frame's document and webRequest's id for the request, which its relay matched the connection by. */
  private async pageBytes(tabId: number, request: DebuggerRequest & { id: string }, batch: ByteBatch) {
    const key = `${tabId}/${request.id}`;
    const found = await this.bridge.find(key, tabId, request);
    if (batch.ends) this.bridge.done(key);
    return found ? this.out.bytes(found.to, { ...batch, request: found.id }) : false;
  }
}
