/**
 * Chrome's network capture, for the tabs it is on for: `chrome.debugger` (CDP's Network domain)
 * tells what the network delivered to a tab's streams, which no page API and no webRequest
 * listener exposes — the bytes as they arrived (comments, `retry:`, event types nobody listens
 * for, line endings, how the network cut them), and a worker's requests and answers.
 *
 * This owns the debugger's sessions: a tab's, the targets it auto-attaches (`auto-attach.ts`) and
 * shared workers (`shared-workers.ts`), and which of the tab's requests each event is about
 * (`network-events.ts`). A stream must start while attached for its bytes (the browser keeps none
 * for a request it was not asked to stream from the start): the panel offers a reload.
 *
 * The debugger API stays outside (passed in), so this runs in a unit test as in the worker.
 */

import type { Unbranded, WorkerInfo, WorkerSeenMessage } from '../../../messages/messages';
import type { Debuggee, DebuggerApi } from '../../../platform/browser';
import { attachedToTarget, autoAttach, type TabTargets } from './auto-attach';
import { asParams, type Params, text } from './cdp';
import { type DebuggerOutlets, type Followed, topFrame } from './followed';
import { NetworkEvents } from './network-events';
import { type ReconnectFault, ReconnectFaults } from './reconnect-faults';
import { SharedWorkers } from './shared-workers';

interface Tab extends TabTargets {
  /** Attached, with the Network domain on: requests from now on are seen. */
  ready: boolean;
  /** CDP's id of the tab's top frame: below it, only EventSources are followed. */
  topFrame?: string;
  requests: Map<string, Followed>;
}

export class DebuggerCapture {
  private readonly tabs = new Map<number, Tab>();
  private readonly network: NetworkEvents;
  private readonly shared: SharedWorkers;
  private readonly faults: ReconnectFaults;

  constructor(
    private readonly api: DebuggerApi,
    private readonly out: DebuggerOutlets,
  ) {
    this.network = new NetworkEvents(api, out);
    this.faults = new ReconnectFaults(api);
    this.shared = new SharedWorkers(api, out, this, (id, request) => this.network.bytes.flush(id, request, true));
    api.onEvent.addListener((source, method, params) => this.event(source, method, asParams(params)));
    api.onDetach.addListener((source) => {
      if (source.targetId !== undefined) {
        this.shared.drop(source.targetId, false);
        return;
      }
      // The user cancelled the debugging bar, or the tab closed.
      if (source.tabId === undefined || !this.tabs.has(source.tabId)) return;
      this.forget(source.tabId);
    });
  }

  /** Tabs attached now, with their network followed (not those still attaching). */
  get attached(): number[] {
    return [...this.tabs].filter(([, tab]) => tab.ready).map(([tabId]) => tabId);
  }

  /** Tabs attached or attaching. */
  get tabIds(): number[] {
    return [...this.tabs.keys()];
  }

  /** Shared workers attached now, and their tabs (for diagnostics). */
  get sharedWorkers(): { tabId: number; url: string }[] {
    return this.shared.list;
  }

  /** A page started a shared worker: looked for now rather than at the next round. */
  lookForSharedWorkers(): void {
    this.shared.lookSoon();
  }

  /** Attaches to a tab and turns its Network domain on; false when the browser refuses. */
  async watch(tabId: number): Promise<boolean> {
    if (this.tabs.has(tabId)) return true;
    const tab: Tab = { ready: false, requests: new Map(), workers: new Map(), frames: new Set() };
    this.tabs.set(tabId, tab);
    try {
      await this.api.attach({ tabId }, '1.3').catch((error: unknown) => {
        // Attached by this extension before its worker was stopped: the session lives on; use it.
        if (!String((error as Error)?.message).includes('already attached')) throw error;
      });
      if (this.tabs.get(tabId) === tab) {
        await this.api.sendCommand({ tabId }, 'Network.enable', {});
        const tree = asParams(await this.api.sendCommand({ tabId }, 'Page.getFrameTree'));
        tab.topFrame = text(asParams(asParams(tree.frameTree).frame).id);
        // Dedicated and service workers, each held at its start until its network is followed.
        await autoAttach(this.api, { tabId });
      }
      if (this.tabs.get(tabId) !== tab) {
        // Unwatched while it attached: nothing stays attached.
        this.api.detach({ tabId }).catch(() => undefined);
        return false;
      }
      tab.ready = true;
      this.shared.start();
      return true;
    } catch {
      // Another debugger holds the tab, or it is a page no extension may debug (the Web Store, chrome://).
      this.tabs.delete(tabId);
      this.api.detach({ tabId }).catch(() => undefined);
      return false;
    }
  }

  /** Faults armed and waiting for a request (for tests and diagnostics). */
  get faultsWaiting(): number {
    return this.faults.waiting;
  }

  /** Puts `fault` on the tab's next EventSource request to `url` (as the panel has it). */
  faultNext(tabId: number, url: string, fault: ReconnectFault, applied: () => void): boolean {
    if (!this.tabs.get(tabId)?.ready) return false;
    void this.faults.arm(tabId, url, fault, applied);
    return true;
  }

  unwatch(tabId: number): void {
    if (!this.tabs.has(tabId)) return;
    this.forget(tabId);
    this.api.detach({ tabId }).catch(() => undefined);
  }

  private forget(tabId: number): void {
    const tab = this.tabs.get(tabId);
    this.tabs.delete(tabId);
    this.faults.forget(tabId);
    for (const [id, request] of tab?.requests ?? []) this.network.bytes.flush(id, request, true);
    this.shared.dropTab(tabId);
    if (this.tabs.size === 0) this.shared.stop();
  }

  /** Which followed requests an event is about: a shared worker's, or a tab's (its own, a worker's or a frame's). */
  private event(source: Debuggee, method: string, params: Params): void {
    if (source.targetId !== undefined) {
      const target = this.shared.get(source.targetId);
      if (target) this.network.handle({ ...target, session: source, below: false }, method, params);
      return;
    }
    if (source.tabId === undefined) return;
    const tabId = source.tabId;
    const tab = this.tabs.get(tabId);
    if (!tab) return;
    if (method === 'Fetch.requestPaused' && source.sessionId === undefined) {
      this.faults.paused(tabId, params);
      return;
    }
    if (method === 'Target.attachedToTarget') {
      const attached = attachedToTarget(this.api, tabId, tab, params);
      if (attached) this.workerSeen(tabId, attached.worker, attached.targetId, params.waitingForDebugger !== true);
      return;
    }
    if (method === 'Target.detachedFromTarget') {
      const sessionId = text(params.sessionId) ?? '';
      tab.workers.delete(sessionId);
      tab.frames.delete(sessionId);
      return;
    }
    let worker: WorkerInfo | undefined;
    let frameSession = false;
    if (source.sessionId !== undefined) {
      // A worker's session or a frame's; anything else attached (and let go on) is not followed.
      worker = tab.workers.get(source.sessionId);
      frameSession = tab.frames.has(source.sessionId);
      if (!worker && !frameSession) return;
    }
    const below = !worker && (frameSession || params.frameId !== tab.topFrame);
    this.network.handle({ tabId, requests: tab.requests, session: source, worker, below }, method, params);
  }

  private workerSeen(tabId: number, worker: WorkerInfo, targetId: string | undefined, late: boolean): void {
    if (targetId !== undefined) this.shared.autoAttached.add(targetId);
    const seen: Unbranded<WorkerSeenMessage> = { type: 'worker', worker, time: Date.now() };
    if (late) seen.late = true;
    this.out.workerSeen(topFrame(tabId), seen);
  }
}
