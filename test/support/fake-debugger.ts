/**
 * A debugger without a browser for the unit tests of Chrome's network capture: it records what is
 * attached and sent, and lets a test fire CDP events as the browser would.
 */
import { DebuggerCapture } from '../../src/background/network-capture/chrome/debugger-capture';
import type { ByteBatch } from '../../src/background/network-capture/types';
import type { Recipient } from '../../src/background/tab-messages';
import type { Unbranded, WorkerSeenMessage, WorkerStreamMessage } from '../../src/messages/messages';
import type { Debuggee, DebuggerApi, DebuggerTarget } from '../../src/platform/browser';

export function fakeDebugger() {
  const commands: [number | string | undefined, string, object | undefined][] = [];
  const listeners: ((source: Debuggee, method: string, params?: object) => void)[] = [];
  const detachers: ((source: Debuggee, reason: string) => void)[] = [];
  const attached = new Set<number | string>();
  const targets: DebuggerTarget[] = [];
  const api: DebuggerApi = {
    attach: async ({ tabId, targetId }) => {
      if (tabId === 666) throw new Error('Cannot access a chrome:// URL');
      attached.add((tabId ?? targetId) as number | string);
    },
    detach: async ({ tabId, targetId }) => {
      attached.delete((tabId ?? targetId) as number | string);
    },
    sendCommand: async ({ tabId, sessionId, targetId }, method, params) => {
      commands.push([sessionId ?? targetId ?? tabId, method, params]);
      if (method === 'Page.getFrameTree') return { frameTree: { frame: { id: 'TOP' } } };
      if (method === 'Network.streamResourceContent') return { bufferedData: '' };
      return {};
    },
    getTargets: async () => targets,
    onEvent: { addListener: (l) => listeners.push(l) },
    onDetach: { addListener: (l) => detachers.push(l) },
  };
  const emit = (tabId: number, method: string, params: object, sessionId?: string) => {
    for (const l of listeners) l(sessionId === undefined ? { tabId } : { tabId, sessionId }, method, params);
  };
  const emitTarget = (targetId: string, method: string, params: object) => {
    for (const l of listeners) l({ targetId }, method, params);
  };
  return {
    api,
    commands,
    attached,
    targets,
    emit,
    emitTarget,
    detach: (tabId: number) => {
      for (const d of detachers) d({ tabId }, 'canceled_by_user');
    },
  };
}

/** A capture over the fake, with everything it hands on collected. */
export function captureOver(fake: ReturnType<typeof fakeDebugger>, wanted = true) {
  const got = {
    batches: [] as ByteBatch[],
    arrivals: [] as unknown[],
    streams: [] as [Recipient, Unbranded<WorkerStreamMessage>][],
    seen: [] as Unbranded<WorkerSeenMessage>[],
    /** Page EventSources' batches, with the request as the debugger knows it. */
    pages: [] as [unknown, ByteBatch][],
  };
  const capture = new DebuggerCapture(fake.api, {
    bytes: async (_to, batch) => {
      got.batches.push(batch);
      return wanted;
    },
    arrivals: (_to, batch) => got.arrivals.push(batch),
    workerStream: (to, stream) => got.streams.push([to, stream]),
    workerSeen: (_to, seen) => got.seen.push(seen),
    // Shared workers of origin http://a are the first tab's.
    ownerOf: (url, tabIds) => (url.startsWith('http://a/') ? tabIds[0] : undefined),
    pageBytes: async (_tabId, request, batch) => {
      got.pages.push([request, batch]);
      return wanted;
    },
  });
  return { capture, ...got };
}

export const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
