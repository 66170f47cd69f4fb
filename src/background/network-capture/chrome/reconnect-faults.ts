/**
 * Faults on a tab's next EventSource request through the debugger's Fetch domain, armed only
 * while one waits: the request is paused before it leaves and never reaches the server. It is
 * failed as a network error (`ConnectionReset`: the EventSource fires `error` and retries after
 * `retry`, with Last-Event-ID, as after any failed reconnect; `Aborted` would close it for good),
 * or answered with a status or another Content-Type (an empty text/plain 200), either of which
 * per the HTML spec fails the EventSource for good. Chrome has no
 * route to end a response already open (docs/replay-mechanisms.md), so nothing here touches a live one.
 */

import type { FaultKind } from '../../../core/model';
import { maskUrl } from '../../../core/secrets';
import type { DebuggerApi } from '../../../platform/browser';
import { asParams, type Params, text } from './cdp';

/** The faults this file does: each one's answer to the paused request. */
const ANSWERS = {
  'fail-next': { method: 'Fetch.failRequest', params: { errorReason: 'ConnectionReset' } },
  'fail-204': { method: 'Fetch.fulfillRequest', params: { responseCode: 204 } },
  'fail-404': { method: 'Fetch.fulfillRequest', params: { responseCode: 404 } },
  'fail-500': { method: 'Fetch.fulfillRequest', params: { responseCode: 500 } },
  'wrong-type': {
    method: 'Fetch.fulfillRequest',
    params: { responseCode: 200, responseHeaders: [{ name: 'Content-Type', value: 'text/plain' }], body: '' },
  },
} as const satisfies Partial<Record<FaultKind, { method: string; params: Params }>>;

export type ReconnectFault = keyof typeof ANSWERS;

export const isReconnectFault = (fault: FaultKind): fault is ReconnectFault => fault in ANSWERS;

interface Armed {
  /** The connection's URL as the panel has it (secrets masked). */
  url: string;
  fault: ReconnectFault;
  applied: () => void;
}

/** Only EventSource requests pause: the page's other requests never wait on the worker. */
const PATTERNS = [{ urlPattern: '*', resourceType: 'EventSource', requestStage: 'Request' }];

export class ReconnectFaults {
  private readonly armed = new Map<number, Armed[]>();
  /** Tabs whose requests pause now (Fetch.enable answered). */
  private readonly pausing = new Set<number>();

  constructor(private readonly api: DebuggerApi) {}

  /** Faults waiting for a request that already pauses (for tests and diagnostics). */
  get waiting(): number {
    return [...this.pausing].reduce((sum, tabId) => sum + (this.armed.get(tabId)?.length ?? 0), 0);
  }

  /** Puts `fault` on the tab's next EventSource request to `url`; false when the debugger refused. */
  async arm(tabId: number, url: string, fault: ReconnectFault, applied: () => void): Promise<boolean> {
    const list = this.armed.get(tabId) ?? [];
    list.push({ url, fault, applied });
    this.armed.set(tabId, list);
    if (list.length > 1) return true;
    try {
      await this.api.sendCommand({ tabId }, 'Fetch.enable', { patterns: PATTERNS });
      if (this.armed.has(tabId)) this.pausing.add(tabId);
      return true;
    } catch {
      this.armed.delete(tabId);
      return false;
    }
  }

  /** A request of the tab paused (`Fetch.requestPaused`): faulted when a fault waits for its URL, else sent on. */
  paused(tabId: number, params: Params): void {
    const requestId = text(params.requestId);
    if (requestId === undefined) return;
    const url = text(asParams(params.request).url) ?? '';
    const list = this.armed.get(tabId) ?? [];
    const at = list.findIndex((armed) => armed.url === maskUrl(url));
    const session = { tabId };
    if (at < 0) {
      this.api.sendCommand(session, 'Fetch.continueRequest', { requestId }).catch(() => undefined);
      return;
    }
    const [armed] = list.splice(at, 1);
    if (!armed) return;
    const answer = ANSWERS[armed.fault];
    this.api.sendCommand(session, answer.method, { requestId, ...answer.params }).then(
      () => armed.applied(),
      () => undefined,
    );
    if (list.length > 0) return;
    this.armed.delete(tabId);
    this.pausing.delete(tabId);
    this.api.sendCommand(session, 'Fetch.disable', {}).catch(() => undefined);
  }

  /** The tab is no longer debugged: its faults go with the session. */
  forget(tabId: number): void {
    this.armed.delete(tabId);
    this.pausing.delete(tabId);
  }
}
