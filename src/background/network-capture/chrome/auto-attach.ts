/**
 * The targets a followed tab's session auto-attaches: its dedicated and service workers, each
 * paused at its start until its Network domain is on, so that their streams are seen from the
 * first byte, and frames of other sites in processes of their own, whose EventSources are followed
 * as the tab's own frames' are. Anything else is let go on and detached.
 */

import type { WorkerInfo } from '../../../messages/messages';
import type { Debuggee, DebuggerApi } from '../../../platform/browser';
import { asParams, ignore, type Params, text } from './cdp';

/** The kinds of target auto-attach brings, and what they are. */
const WORKER_TARGETS = new Map<string, WorkerInfo['kind']>([
  ['worker', 'dedicated'],
  ['service_worker', 'service'],
  ['shared_worker', 'shared'],
]);

/** A tab's auto-attached sessions, by session id. */
export interface TabTargets {
  workers: Map<string, WorkerInfo>;
  frames: Set<string>;
}

type Api = Pick<DebuggerApi, 'sendCommand'>;

/** Asks a session to attach the workers it starts, held until resumed (filtered to workers where the browser can). */
export async function autoAttach(api: Api, session: Debuggee): Promise<void> {
  const params = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };
  const filter = [
    { type: 'worker', exclude: false },
    { type: 'service_worker', exclude: false },
    { type: 'shared_worker', exclude: false },
    { type: 'iframe', exclude: false },
    { exclude: true },
  ];
  await api
    .sendCommand(session, 'Target.setAutoAttach', { ...params, filter })
    .catch(() => api.sendCommand(session, 'Target.setAutoAttach', params));
}

/**
 * A target auto-attached in a tab: a worker, or a frame of another site, is followed and let go
 * on; anything else is only let go on. Returns the worker followed, and its target id, if it is one.
 */
export function attachedToTarget(
  api: Api,
  tabId: number,
  tab: TabTargets,
  params: Params,
): { worker: WorkerInfo; targetId?: string } | undefined {
  const sessionId = text(params.sessionId);
  if (sessionId === undefined) return undefined;
  const info = asParams(params.targetInfo);
  const type = text(info.type) ?? '';
  const kind = WORKER_TARGETS.get(type);
  const session = { tabId, sessionId };
  const send = (method: string, args?: object) => {
    // Never awaited one by one: a service worker answers nothing until it runs.
    api.sendCommand(session, method, args).catch(ignore);
  };
  if (kind === undefined && type !== 'iframe') {
    if (params.waitingForDebugger === true) send('Runtime.runIfWaitingForDebugger');
    api.sendCommand({ tabId }, 'Target.detachFromTarget', { sessionId }).catch(ignore);
    return undefined;
  }
  send('Network.enable', {});
  void autoAttach(api, session).catch(ignore);
  send('Runtime.runIfWaitingForDebugger');
  if (kind === undefined) {
    tab.frames.add(sessionId);
    return undefined;
  }
  const worker: WorkerInfo = { kind, url: text(info.url) ?? '' };
  tab.workers.set(sessionId, worker);
  return { worker, targetId: text(info.targetId) };
}
