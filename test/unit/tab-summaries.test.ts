/**
 * The worker's per-tab summaries (badge, the popup's other tabs, live connections per origin):
 * exact counts, state bounded whatever a page does, one storage key per tab written at most once
 * per short interval, and what a restarted worker reads back.
 */
import { expect, test } from '@playwright/test';
import { ENDED_DOCUMENTS, LIVE_DOCUMENTS, report, type TabState } from '../../src/background/tab-state';
import { type LiveOrigins, type SummaryStorage, TabSummaries } from '../../src/background/tab-summaries';
import { validateRelayToBackgroundOneShot } from '../../src/messages/guards';
import { ConnectionCount } from '../../src/relay/summary';
import { documentSummary } from '../support/documents';
import { connectionRecord, lifecycleRecord, numbered } from '../support/records';

const doc = (docId: string, top: boolean, activatedAt: number, open: number, connections = open) =>
  documentSummary(docId, { top, activatedAt, open, connections });

/** Session storage in memory, counting its writes. */
class MemoryStorage implements SummaryStorage {
  items: Record<string, unknown> = {};
  writes: string[][] = [];
  async get() {
    return structuredClone(this.items);
  }
  async set(items: Record<string, unknown>) {
    this.writes.push(Object.keys(items));
    Object.assign(this.items, structuredClone(items));
  }
  async remove(keys: string[]) {
    this.writes.push(keys.map((key) => `-${key}`));
    for (const key of keys) delete this.items[key];
  }
}

/** Summaries over a memory storage, with the write timer in the test's hands (`flush`). */
function summaries(storage = new MemoryStorage()) {
  const badges: [number, number][] = [];
  const origins: LiveOrigins[] = [];
  let pending: (() => void) | undefined;
  const tabs = new TabSummaries(
    storage,
    (tabId, open) => badges.push([tabId, open]),
    (live) => origins.push(live),
    (write) => {
      expect(pending, 'one write waits at a time').toBeUndefined();
      pending = write;
    },
  );
  const flush = () => {
    pending?.();
    pending = undefined;
  };
  return { tabs, badges, origins, storage, flush };
}

test('the badge counts a tab’s live connections over its documents; a new top document replaces the old page', async () => {
  const { tabs, badges } = summaries();
  await tabs.update(1, doc('top', true, 100, 2, 3));
  await tabs.update(1, doc('frame', false, 150, 1));
  await tabs.update(2, doc('other', true, 100, 0, 1));
  expect(await tabs.list()).toEqual([
    { tabId: 1, open: 3, connections: 4 },
    { tabId: 2, open: 0, connections: 1 },
  ]);
  // A navigation: a new top document; the old page's frame goes with the old top.
  await tabs.update(1, doc('next', true, 200, 1));
  expect(await tabs.list()).toEqual([
    { tabId: 1, open: 1, connections: 1 },
    { tabId: 2, open: 0, connections: 1 },
  ]);
  expect(badges).toEqual([
    [1, 2],
    [1, 3],
    [2, 0],
    [1, 1],
  ]);
});

test('a tab that starts loading forgets pages older than the load; a closed tab is forgotten', async () => {
  const { tabs, badges } = summaries();
  await tabs.update(1, doc('old', true, 100, 1));
  await tabs.update(1, doc('new', true, 5000, 1));
  await tabs.navigated(1, 5200);
  expect(await tabs.list()).toEqual([{ tabId: 1, open: 1, connections: 1 }]);
  await tabs.navigated(1, 9000);
  expect(await tabs.list()).toEqual([]);
  expect(badges.at(-1)).toEqual([1, 0]);
  await tabs.update(3, doc('x', true, 1, 1));
  await tabs.closed(3);
  expect(await tabs.list()).toEqual([]);
});

test('each tab is stored under its own key, written once for many changes, removed when the tab closes or empties', async () => {
  const { tabs, storage, flush } = summaries();
  for (let i = 1; i <= 5; i++) await tabs.update(4, doc('top', true, 1, i));
  await tabs.update(5, doc('top5', true, 1, 1));
  expect(storage.writes).toEqual([]);
  flush();
  expect(storage.writes).toEqual([['summary/4', 'summary/5']]);
  expect(storage.items).toEqual({
    'summary/4': { docs: [doc('top', true, 1, 5)] },
    'summary/5': { docs: [doc('top5', true, 1, 1)] },
  });
  await tabs.closed(5);
  await tabs.navigated(4, 10_000);
  flush();
  expect(storage.writes.at(-1)?.sort()).toEqual(['-summary/4', '-summary/5']);
  expect(storage.items).toEqual({});
});

test('a restarted worker knows what was written; a stop before a write loses only the changes since the last one', async () => {
  const first = summaries();
  await first.tabs.update(4, doc('top', true, 1, 2));
  first.flush();
  // Stopped with a change not yet written: the stored state is the one before it, whole.
  await first.tabs.update(4, doc('frame', false, 2, 1));
  const restarted = summaries(first.storage);
  expect(await restarted.tabs.list()).toEqual([{ tabId: 4, open: 2, connections: 2 }]);
  expect(restarted.origins).toHaveLength(1);
  // Other keys of session storage, and a value that is not a tab's state, are left alone.
  const stored = new MemoryStorage();
  stored.items = { networkCapture: [4], 'summary/7': { docs: 'no' }, 'summary/x': { docs: [] } };
  expect(await summaries(stored).tabs.list()).toEqual([]);
});

test('830 short-lived frames: the counts stay exact and the state small', async () => {
  const { tabs, storage, flush, badges } = summaries();
  await tabs.update(1, doc('top', true, 100, 1));
  for (let i = 0; i < 830; i++) {
    await tabs.update(1, { ...doc(`f${i}`, false, 200 + i, 1), byOrigin: { 'http://a': 1 } });
    await tabs.update(1, doc(`f${i}`, false, 200 + i, 0, 1));
    if (i % 10 === 9) flush();
  }
  flush();
  expect(await tabs.list()).toEqual([{ tabId: 1, open: 1, connections: 831 }]);
  expect(badges.at(-1)).toEqual([1, 1]);
  const state = storage.items['summary/1'] as TabState;
  expect(state.docs).toHaveLength(1 + ENDED_DOCUMENTS);
  expect(state.folded).toEqual({ connections: 830 - ENDED_DOCUMENTS, from: 200 });
  expect(JSON.stringify(state).length).toBeLessThan(4096);
  // One write per flush, each of the one tab.
  expect(storage.writes).toHaveLength(83);
  expect(storage.writes.every((keys) => keys.join() === 'summary/1')).toBe(true);
});

test('an ended document that reports again replaces its count, kept or folded', () => {
  let tab = report(undefined, doc('top', true, 1, 0, 1));
  tab = report(tab, doc('chat', false, 2, 1));
  tab = report(tab, doc('chat', false, 2, 0, 1));
  tab = report(tab, doc('chat', false, 2, 1, 2));
  expect(tab.docs).toEqual([doc('top', true, 1, 0, 1), doc('chat', false, 2, 1, 2)]);
  // The least recently reported ended documents are folded first: the chat frame, older than the
  // ads that come and go but streaming again since, stays.
  tab = report(tab, doc('chat', false, 2, 0, 2));
  for (let i = 0; i < ENDED_DOCUMENTS; i++) {
    if (i === ENDED_DOCUMENTS - 1) {
      tab = report(tab, doc('chat', false, 2, 1, 3));
      tab = report(tab, doc('chat', false, 2, 0, 3));
    }
    tab = report(tab, doc(`ad${i}`, false, 10 + i, 0, 1));
  }
  expect(tab.folded).toEqual({ connections: 1, from: 10 });
  expect(tab.docs.find((d) => d.docId === 'chat')).toEqual(doc('chat', false, 2, 0, 3));
  expect(tab.docs).toHaveLength(1 + ENDED_DOCUMENTS);
});

test('a hostile page’s thousand frames that each keep a connection: the live ones past the bound wait their turn', async () => {
  const { tabs, storage, flush, badges } = summaries();
  await tabs.update(1, doc('top', true, 100, 1));
  for (let i = 0; i < 1000; i++)
    await tabs.update(1, { ...doc(`f${i}`, false, 200 + i, 1), byOrigin: { 'http://a': 1 } });
  flush();
  expect(await tabs.list()).toEqual([{ tabId: 1, open: 1 + LIVE_DOCUMENTS, connections: 1 + LIVE_DOCUMENTS }]);
  expect(badges.at(-1)).toEqual([1, 1 + LIVE_DOCUMENTS]);
  const state = storage.items['summary/1'] as TabState;
  expect(state.docs).toHaveLength(1 + LIVE_DOCUMENTS);
  expect(JSON.stringify(state).length).toBeLessThan(16_384);
  // One of the kept ones ends; a frame left out is counted from its next report, one that ended counts when it ends.
  await tabs.update(1, doc('f0', false, 200, 0, 1));
  await tabs.update(1, { ...doc('f500', false, 700, 1, 2), byOrigin: { 'http://a': 1 } });
  await tabs.update(1, doc('f900', false, 1100, 0, 1));
  expect(await tabs.list()).toEqual([{ tabId: 1, open: 1 + LIVE_DOCUMENTS, connections: 1 + LIVE_DOCUMENTS + 3 }]);
});

test('a navigation drops the documents older than it and the tally of the ended ones', () => {
  let tab = report(undefined, doc('top', true, 100, 1));
  for (let i = 0; i <= ENDED_DOCUMENTS; i++) tab = report(tab, doc(`f${i}`, false, 200 + i, 0, 1));
  expect(tab.folded).toEqual({ connections: 1, from: 200 });
  // A new top document started after the folded frames: they were the old page's.
  const next = report(tab, doc('next', true, 500, 1));
  expect(next).toEqual({ docs: [doc('next', true, 500, 1)] });
  // One started before some of them: the tally goes with its oldest document.
  expect(report(tab, doc('next', true, 150, 1)).folded).toEqual({ connections: 1, from: 200 });
  expect(report(tab, doc('next', true, 210, 1)).folded).toBeUndefined();
});

test('a relay reports its live count only when it changes', () => {
  const count = new ConnectionCount();
  expect(count.follow(numbered([connectionRecord(1), connectionRecord(2)]))).toEqual({
    open: 2,
    connections: 2,
    byOrigin: { 'http://a': 2 },
  });
  expect(count.follow(numbered([lifecycleRecord(1, 'open', 5)], 3))).toBeUndefined();
  expect(count.follow(numbered([lifecycleRecord(1, 'reconnecting', 6)], 4))).toBeUndefined();
  expect(count.follow(numbered([lifecycleRecord(2, 'failed', 7)], 5))).toEqual({
    open: 1,
    connections: 2,
    byOrigin: { 'http://a': 1 },
  });
});

test('live connections per origin, summed over every tab, and each tab’s origins reach the router; a closed tab takes its own', async () => {
  const { tabs, origins } = summaries();
  await tabs.update(1, { ...doc('a', true, 100, 3), byOrigin: { 'http://x': 3 } });
  await tabs.update(2, { ...doc('b', true, 100, 4), byOrigin: { 'http://x': 3, 'http://y': 1 } });
  expect(origins.at(-1)).toEqual({
    counts: new Map([
      ['http://x', 6],
      ['http://y', 1],
    ]),
    byTab: new Map([
      [1, new Set(['http://x'])],
      [2, new Set(['http://x', 'http://y'])],
    ]),
  });
  await tabs.closed(1);
  expect(origins.at(-1)?.counts).toEqual(
    new Map([
      ['http://x', 3],
      ['http://y', 1],
    ]),
  );
});

test('origin counts from a relay are checked: URL origins only, no count above the document’s live ones; of more than 32, the largest', () => {
  const summary = (byOrigin: unknown) =>
    validateRelayToBackgroundOneShot({
      brand: 'sse-scope',
      v: 1,
      type: 'summary',
      summary: { docId: 'd', top: true, activatedAt: 1, open: 40, connections: 40, byOrigin },
    });
  expect(summary({ 'https://a.example': 2 })).toMatchObject({ summary: { byOrigin: { 'https://a.example': 2 } } });
  for (const bad of [
    { 'not an origin': 1 },
    { 'https://a.example/path': 1 },
    { 'https://a.example': 41 },
    { 'https://a.example': -1 },
  ]) {
    expect(summary(bad)).toMatchObject({ summary: { open: 40 } });
    expect(summary(bad)).not.toHaveProperty('summary.byOrigin');
  }
  const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`https://h${i}.example`, i % 3]));
  const checked = summary(many);
  const byOrigin = checked?.type === 'summary' ? (checked.summary.byOrigin ?? {}) : {};
  expect(Object.keys(byOrigin)).toHaveLength(32);
  // Every origin with 2 or 1 is kept (26 of them), and 6 of those at 0.
  expect(Object.values(byOrigin).filter((n) => n > 0)).toHaveLength(26);
});
