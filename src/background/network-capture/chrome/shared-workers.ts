/**
 * Shared workers, for Chrome's network capture: the debugger does not auto-attach them to a tab,
 * so they are looked for (`getTargets`) while a tab is followed and attached by their target once
 * started, their first streams possibly missed (said so: `late`). A shared worker is attached only
 * for a followed tab of its own origin (`ownerOf`), where its streams are shown.
 */

import type { WorkerInfo } from '../../../messages/messages';
import type { DebuggerApi } from '../../../platform/browser';
import { ignore } from './cdp';
import { type DebuggerOutlets, type Followed, topFrame } from './followed';

/** How often shared workers are looked for while a tab is followed. */
const POLL_MS = 500;

/** A shared worker attached by its target id, and the tab its streams are shown in. */
export interface SharedTarget {
  tabId: number;
  worker: WorkerInfo;
  requests: Map<string, Followed>;
}

/** The tabs followed: all, and those attached with their network followed. */
interface FollowedTabs {
  readonly tabIds: number[];
  readonly attached: number[];
}

export class SharedWorkers {
  private readonly targets = new Map<string, SharedTarget>();
  /** Targets of workers auto-attached through a tab: not to be attached again as shared. */
  readonly autoAttached = new Set<string>();
  private poll: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly api: Pick<DebuggerApi, 'attach' | 'detach' | 'sendCommand' | 'getTargets'>,
    private readonly out: Pick<DebuggerOutlets, 'ownerOf' | 'workerSeen'>,
    private readonly tabs: FollowedTabs,
    /** Sends what is left of a request whose worker went. */
    private readonly end: (id: string, request: Followed) => void,
  ) {}

  /** A tab is followed now: looked for every so often from now on. */
  start(): void {
    this.poll ??= setInterval(() => this.find(), POLL_MS);
    this.find();
  }

  /** No tab is followed any more. */
  stop(): void {
    if (this.poll === undefined) return;
    clearInterval(this.poll);
    this.poll = undefined;
  }

  /** A page started a shared worker: looked for a few times now, so that its first streams are more likely seen. */
  lookSoon(): void {
    for (const ms of [0, 20, 50, 100, 200]) setTimeout(() => this.find(), ms);
  }

  get(targetId: string): SharedTarget | undefined {
    return this.targets.get(targetId);
  }

  /** Shared workers attached now, and their tabs. */
  get list(): { tabId: number; url: string }[] {
    return [...this.targets.values()].map(({ tabId, worker }) => ({ tabId, url: worker.url }));
  }

  drop(targetId: string, detach: boolean): void {
    const target = this.targets.get(targetId);
    if (!target) return;
    this.targets.delete(targetId);
    for (const [id, request] of target.requests) this.end(id, request);
    if (detach) this.api.detach({ targetId }).catch(ignore);
  }

  /** The tab is no longer followed: its shared workers are let go. */
  dropTab(tabId: number): void {
    for (const [targetId, target] of this.targets) if (target.tabId === tabId) this.drop(targetId, true);
  }

  /** Shared workers started since the last look, each attached for a followed tab of its origin, if there is one. */
  private find(): void {
    if (this.tabs.tabIds.length === 0) return;
    this.api
      .getTargets()
      .then((targets) => {
        const ready = this.tabs.attached;
        for (const target of targets) {
          if (target.type !== 'worker' || this.targets.has(target.id) || this.autoAttached.has(target.id)) continue;
          const tabId = this.out.ownerOf(target.url, ready);
          if (tabId !== undefined) void this.attach(target.id, tabId, target.url);
        }
      })
      .catch(ignore);
  }

  private async attach(targetId: string, tabId: number, url: string): Promise<void> {
    const target: SharedTarget = { tabId, worker: { kind: 'shared', url }, requests: new Map() };
    this.targets.set(targetId, target);
    try {
      await this.api.attach({ targetId }, '1.3');
      await this.api.sendCommand({ targetId }, 'Network.enable', {});
    } catch {
      // Gone already, or held by another debugger: looked for again only if it comes back.
      return;
    }
    if (this.targets.get(targetId) !== target) return;
    // Attached once it had started: streams it opened before are not seen.
    this.out.workerSeen(topFrame(tabId), { type: 'worker', worker: target.worker, time: Date.now(), late: true });
  }
}
