/**
 * Which tab a worker's streams are shown in: only a tab whose page is of the worker's own origin
 * (as the browser tells it); a page's claim is a hint among those, and counts only for a script of
 * the claiming document's own origin; the tab the browser names wins.
 */
import { expect, test } from '@playwright/test';
import { StartedWorkers } from '../../src/background/network-capture/started-workers';
import { TabOrigins } from '../../src/background/network-capture/tab-origins';
import { WorkerOwners } from '../../src/background/network-capture/worker-owners';
import { isExtensionPage, senderOrigin } from '../../src/background/senders';

const VICTIM = 'http://127.0.0.1:8';
const HOSTILE = 'http://localhost:8';
const SHARED = `${VICTIM}/pages/stream-worker.js?who=shw`;

function setup() {
  const claims = new StartedWorkers();
  const origins = new TabOrigins();
  return { claims, origins, owners: new WorkerOwners(claims, origins) };
}

test('a page that claims another origin’s worker gets nothing: the claim is refused, and its tab shows no document of that origin', () => {
  const { claims, origins, owners } = setup();
  origins.setTop(1, `${HOSTILE}/pages/hostile.html`);
  origins.setTop(2, `${VICTIM}/pages/workers.html`);
  // The hostile page says it started the victim's shared worker; the browser says the page is of localhost.
  expect(claims.add(1, { kind: 'shared', url: SHARED }, HOSTILE)).toBe(false);
  expect(claims.kind(1, SHARED)).toBeUndefined();
  // Only the hostile tab is followed: the worker is nobody's.
  expect(owners.ownerOf(SHARED, [1])).toBeUndefined();
  expect(owners.tabFor(SHARED, -1, [1])).toBeUndefined();
  // With the victim's tab followed too, the worker is the victim's, whatever the order.
  expect(owners.ownerOf(SHARED, [1, 2])).toBe(2);
  expect(owners.tabFor(SHARED, -1, [1, 2])).toEqual({ tabId: 2 });
});

test('a claim is a hint among tabs of the worker’s origin only, and never outranks the tab the browser names', () => {
  const { claims, origins, owners } = setup();
  for (const tabId of [1, 2, 3]) origins.setTop(tabId, `${VICTIM}/page${tabId}`);
  expect(claims.add(3, { kind: 'shared', url: SHARED }, VICTIM)).toBe(true);
  expect(owners.ownerOf(SHARED, [1, 2, 3])).toBe(3);
  expect(owners.tabFor(SHARED, -1, [1, 2, 3])).toEqual({ tabId: 3, kind: 'shared' });
  // The tab the browser names (a dedicated worker's fetch in Firefox), even one no claim names.
  expect(owners.tabFor(SHARED, 2, [1, 2, 3])).toEqual({ tabId: 2, kind: 'dedicated' });
  // Tab 3 navigates to another site: its old page's claim brings it nothing.
  origins.setTop(3, `${HOSTILE}/`);
  expect(owners.ownerOf(SHARED, [1, 2, 3])).toBe(1);
  // A script with no origin to compare (data:) is nobody's.
  expect(owners.ownerOf('data:text/javascript,1', [1, 2, 3])).toBeUndefined();
  expect(claims.add(1, { kind: 'dedicated', url: 'data:text/javascript,1' }, VICTIM)).toBe(false);
});

test('a tab’s origin is its page’s, as the tab’s URL tells; a frame of the worker’s origin in another site’s tab brings it nothing', () => {
  const { claims, origins, owners } = setup();
  origins.setTop(1, `${HOSTILE}/`);
  // A frame of the victim's site in the hostile tab says it started the worker: its claim is sound, and counts for nothing there.
  expect(claims.add(1, { kind: 'shared', url: SHARED }, VICTIM)).toBe(true);
  expect(owners.ownerOf(SHARED, [1])).toBeUndefined();
  expect([origins.has(1, HOSTILE), origins.has(1, VICTIM)]).toEqual([true, false]);
  // An opaque or unknown origin is none.
  origins.setTop(1, 'about:blank');
  expect(origins.has(1, HOSTILE)).toBe(false);
  origins.setTop(2, `${VICTIM}/`);
  origins.forget(2);
  expect(origins.has(2, VICTIM)).toBe(false);
});

test('a sender’s origin is the browser’s: Chrome’s origin (an opaque one is none), else its URL’s (Firefox)', () => {
  expect(senderOrigin({ origin: VICTIM, url: 'about:srcdoc' })).toBe(VICTIM);
  expect(senderOrigin({ origin: 'null', url: `${VICTIM}/sandboxed.html` })).toBeUndefined();
  expect(senderOrigin({ url: `${VICTIM}/page.html` })).toBe(VICTIM);
  expect(senderOrigin({ url: 'about:blank' })).toBeUndefined();
});

test('an extension page is a sender of ours whose URL is under the extension’s; a content script is not, tab or no tab', () => {
  const base = 'chrome-extension://abc/';
  expect(isExtensionPage({ id: 'abc', url: `${base}panel.html?tabId=3` }, 'abc', base)).toBe(true);
  expect(isExtensionPage({ id: 'abc', url: 'moz-extension://uuid/popup.html' }, 'abc', 'moz-extension://uuid/')).toBe(
    true,
  );
  // Our content script in a page: its URL is the page's.
  expect(isExtensionPage({ id: 'abc', url: `${VICTIM}/`, origin: VICTIM }, 'abc', base)).toBe(false);
  expect(isExtensionPage({ id: 'abc' }, 'abc', base)).toBe(false);
  // Another extension's page.
  expect(isExtensionPage({ id: 'xyz', url: 'chrome-extension://xyz/panel.html' }, 'abc', base)).toBe(false);
  expect(isExtensionPage({ id: 'abc', url: 'chrome-extension://abcd/panel.html' }, 'abc', base)).toBe(false);
});
