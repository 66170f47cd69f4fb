import { expect, test } from '@playwright/test';
import { TabSummaries } from '../../src/background/tab-summaries';
import { validateRelayToBackgroundOneShot } from '../../src/protocol/guards';
import type { DocumentSummary } from '../../src/protocol/messages';
import { ConnectionCount } from '../../src/relay/summary';
import { connectionRecord, lifecycleRecord, numbered } from '../support/records';

const doc = (docId: string, top: boolean, activatedAt: number, open: number, connections = open): DocumentSummary => ({
  docId,
  top,
  activatedAt,
  open,
  connections,
});

function summaries(saved?: object) {
  const badges: [number, number][] = [];
  const storage = {
    state: saved as never,
    load: async () => storage.state,
    save: async (s: never) => {
      storage.state = s;
    },
  };
  const tabs = new TabSummaries(storage, (tabId, open) => badges.push([tabId, open]));
  return { tabs, badges, storage };
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

test('what a restarted worker knows comes from session storage', async () => {
  const first = summaries();
  await first.tabs.update(4, doc('top', true, 1, 2));
  const restarted = summaries(first.storage.state);
  expect(await restarted.tabs.list()).toEqual([{ tabId: 4, open: 2, connections: 2 }]);
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

test('live connections per origin, summed over every tab, reach the router when they change; a closed tab takes its own', async () => {
  const seen: Record<string, number>[] = [];
  const storage = { load: async () => undefined, save: async () => undefined };
  const tabs = new TabSummaries(
    storage,
    () => undefined,
    (counts) => seen.push(counts),
  );
  await tabs.update(1, { ...doc('a', true, 100, 3), byOrigin: { 'http://x': 3 } });
  await tabs.update(2, { ...doc('b', true, 100, 4), byOrigin: { 'http://x': 3, 'http://y': 1 } });
  expect(tabs.byOrigin()).toEqual({ 'http://x': 6, 'http://y': 1 });
  await tabs.closed(1);
  expect(seen.at(-1)).toEqual({ 'http://x': 3, 'http://y': 1 });
});

test('origin counts from a relay are checked: URL origins only, at most 32, no count above the document’s live ones', () => {
  const summary = (byOrigin: unknown) =>
    validateRelayToBackgroundOneShot({
      brand: 'sse-scope',
      v: 1,
      type: 'summary',
      summary: { docId: 'd', top: true, activatedAt: 1, open: 2, connections: 2, byOrigin },
    });
  expect(summary({ 'https://a.example': 2 })).toMatchObject({ summary: { byOrigin: { 'https://a.example': 2 } } });
  for (const bad of [
    { 'not an origin': 1 },
    { 'https://a.example/path': 1 },
    { 'https://a.example': 3 },
    { 'https://a.example': -1 },
  ]) {
    expect(summary(bad)).toMatchObject({ summary: { open: 2 } });
    expect(summary(bad)).not.toHaveProperty('summary.byOrigin');
  }
  const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`https://h${i}.example`, 0]));
  expect(summary(many)).not.toHaveProperty('summary.byOrigin');
});
