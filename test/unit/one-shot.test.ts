/** The worker's one-shot messages: counts to the summaries, a leaving frame's capture with the origin the browser gives it, the popup's list. */
import { expect, test } from '@playwright/test';
import { receiveOneShot } from '../../src/background/one-shot';
import { type Adoption, message, type RelayToBackgroundOneShot } from '../../src/messages/messages';
import { documentInfo } from '../support/documents';

function routes() {
  const updates: [number, unknown][] = [];
  const forwarded: [number, string | undefined, Adoption][] = [];
  const workers: [number, unknown, string | undefined][] = [];
  return {
    updates,
    forwarded,
    workers,
    routes: {
      summaries: {
        update: async (tabId: number, summary: unknown) => {
          updates.push([tabId, summary]);
        },
      },
      tabs: async () => [{ tabId: 4, open: 1, connections: 2 }],
      replayRules: async (tabId: number) => ({ rules: [{ ...rule, id: `of-tab-${tabId}` }] }),
      adopt: (tabId: number, origin: string | undefined, adoption: Adoption) =>
        forwarded.push([tabId, origin, adoption]),
      workerStarted: (tabId: number, worker: unknown, origin: string | undefined) =>
        workers.push([tabId, worker, origin]),
    },
  };
}

const rule = { id: 'r', name: 'r', on: true, match: 'http://a/x', pace: 'x1' as const, responses: [] };
const summary = { docId: 'd', top: true, activatedAt: 1, open: 1, connections: 2 };
const doc = documentInfo('f', { top: false, activatedAt: 2 });

test('a relay’s counts go to the summaries; a leaving frame’s capture is handed over marked gone, with its origin as the browser tells it', () => {
  const { updates, forwarded, routes: r } = routes();
  const counts = message<RelayToBackgroundOneShot>({ type: 'summary', summary });
  expect(receiveOneShot(counts, { ours: true, page: false, tabId: 3, frameId: 0 }, r)).toBeUndefined();
  expect(updates).toEqual([[3, summary]]);
  const adopt = message<RelayToBackgroundOneShot>({ type: 'adopt', doc, last: 1, records: [] });
  receiveOneShot(adopt, { ours: true, page: false, tabId: 3, frameId: 5, origin: 'http://b' }, r);
  expect(forwarded).toEqual([
    [3, 'http://b', { type: 'adopt', doc: { ...doc, gone: { frameId: 5 } }, last: 1, records: [] }],
  ]);
  // The top frame itself has nobody to hand its capture to.
  receiveOneShot(adopt, { ours: true, page: false, tabId: 3, frameId: 0 }, r);
  expect(forwarded).toHaveLength(1);
});

test('the popup gets the list of tabs; strangers, our content scripts and malformed messages get nothing', async () => {
  const { updates, routes: r } = routes();
  expect(await receiveOneShot(message({ type: 'tabs' }), { ours: true, page: true }, r)).toEqual([
    { tabId: 4, open: 1, connections: 2 },
  ]);
  // An extension page opened in a tab has a tab too: its URL made it a page.
  expect(await receiveOneShot(message({ type: 'tabs' }), { ours: true, page: true, tabId: 9 }, r)).toHaveLength(1);
  // Our content script, in a page's renderer: it may not ask what every tab has.
  expect(receiveOneShot(message({ type: 'tabs' }), { ours: true, page: false, tabId: 3, frameId: 0 }, r)).toBe(
    undefined,
  );
  const counts = message<RelayToBackgroundOneShot>({ type: 'summary', summary });
  expect(receiveOneShot(counts, { ours: false, page: false, tabId: 3 }, r)).toBeUndefined();
  expect(
    receiveOneShot({ ...counts, summary: { ...summary, open: 3 } }, { ours: true, page: false, tabId: 3 }, r),
  ).toBeUndefined();
  expect(receiveOneShot(message({ type: 'tabs' }), { ours: false, page: false }, r)).toBeUndefined();
  expect(updates).toEqual([]);
});

test('a worker the page started is told with its tab and the origin the browser gives the sender; a malformed one is not', () => {
  const { workers, routes: r } = routes();
  const worker = { kind: 'shared', url: 'http://a/shw.js' };
  const relay = { ours: true, page: false, tabId: 3, origin: 'http://b' };
  receiveOneShot(message<RelayToBackgroundOneShot>({ type: 'worker', worker } as never), relay, r);
  receiveOneShot(message({ type: 'worker', worker: { kind: 'thread', url: 'x' } }), relay, r);
  receiveOneShot(message({ type: 'worker', worker }), { ...relay, ours: false }, r);
  expect(workers).toEqual([[3, worker, 'http://b']]);
});

test('a document asks for its own tab’s replay rules: the tab is the browser’s word; a page or a stranger gets none', async () => {
  const { routes: r } = routes();
  const ask = message<RelayToBackgroundOneShot>({ type: 'replay-rules' });
  expect(await receiveOneShot(ask, { ours: true, page: false, tabId: 7, frameId: 2 }, r)).toEqual({
    rules: [{ ...rule, id: 'of-tab-7' }],
  });
  expect(receiveOneShot(ask, { ours: false, page: false, tabId: 7, frameId: 0 }, r)).toBeUndefined();
  // No tab: nobody's rules.
  expect(receiveOneShot(ask, { ours: true, page: true }, r)).toBeUndefined();
});
