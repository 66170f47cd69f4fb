import { expect, test } from '@playwright/test';
import { type PortHandlers, type PortLike, Router } from '../../src/background/router';
import type { CaptureRecord } from '../../src/core/model';
import { isBackgroundToPanel } from '../../src/messages/guards';
import { BRAND, MESSAGES_VERSION } from '../../src/messages/messages';
import { toWireText } from '../../src/messages/wire-codec';
import { documentInfo } from '../support/documents';

/** An in-memory port that remembers what the router posted to it. */
class MemoryPort implements PortLike {
  sent: { type: string; [key: string]: unknown }[] = [];
  disconnected = false;
  postMessage(msg: unknown) {
    this.sent.push(msg as { type: string });
  }
  disconnect() {
    this.disconnected = true;
  }
  types() {
    return this.sent.map((m) => m.type);
  }
}

const msg = (body: object) => ({ brand: BRAND, v: MESSAGES_VERSION, ...body });
const doc = (docId: string, top = true) => documentInfo(docId, { top });
const record = (seq: number): CaptureRecord => ({
  kind: 'event',
  time: seq,
  conn: 1,
  type: 'message',
  data: String(seq),
  lastEventId: '',
  origin: 'http://a',
  seq,
});

function setup() {
  const attached: number[] = [];
  const router = new Router(async (tabId) => {
    attached.push(tabId);
    return tabId !== 99;
  });
  const relay = (tabId: number, frameId = 0) => {
    const port = new MemoryPort();
    return { port, handlers: router.connectRelay(port, tabId, frameId) };
  };
  const panel = () => {
    const port = new MemoryPort();
    return { port, handlers: router.connectPanel(port) };
  };
  return { router, attached, relay, panel };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

test('a relay with nobody watching its tab is told to go idle', () => {
  const { relay } = setup();
  const r = relay(1);
  r.handlers.onMessage(msg({ type: 'hello', doc: doc('d1') }));
  expect(r.port.types()).toEqual(['idle']);
});

test('a panel subscribing gets the known documents, their relays are synced from its cursors, the tab is attached', async () => {
  const { relay, panel, attached } = setup();
  const r = relay(1, 3);
  r.handlers.onMessage(msg({ type: 'hello', doc: doc('d1', false) }));
  const p = panel();
  p.handlers.onMessage(msg({ type: 'subscribe', tabId: 1, cursors: { d1: 7 } }));
  expect(p.port.sent[0]).toEqual(msg({ type: 'doc', doc: { ...doc('d1', false), frameId: 3 } }));
  expect(r.port.sent.at(-1)).toEqual(msg({ type: 'sync', after: 7, clone: new Uint8Array(1) }));
  await flush();
  expect(attached).toEqual([1]);
  expect(p.port.sent.at(-1)).toEqual(msg({ type: 'attached', reachable: true }));
});

test('records go to the panels of their tab only, and move those panels’ cursors', () => {
  const { relay, panel } = setup();
  const p1 = panel();
  p1.handlers.onMessage(msg({ type: 'subscribe', tabId: 1, cursors: {} }));
  const p2 = panel();
  p2.handlers.onMessage(msg({ type: 'subscribe', tabId: 2, cursors: {} }));
  const r = relay(1);
  r.handlers.onMessage(msg({ type: 'hello', doc: doc('d1') }));
  expect(r.port.sent.at(-1)).toEqual(msg({ type: 'sync', after: 0, clone: new Uint8Array(1) }));
  const batch = toWireText([record(1), record(2)]);
  r.handlers.onMessage(msg({ type: 'records', docId: 'd1', ...batch }));
  expect(p1.port.types()).toEqual(['doc', 'records']);
  // Forwarded as it came: the worker does not unpack the records.
  expect(p1.port.sent.at(-1)).toEqual(msg({ type: 'records', docId: 'd1', ...batch }));
  expect(p2.port.types()).toEqual([]);

  // The relay comes back (after a worker restart it would be a new port): it is asked from seq 2.
  r.handlers.onDisconnect();
  expect(p1.port.sent.at(-1)).toEqual(msg({ type: 'doc-gone', docId: 'd1' }));
  const again = relay(1);
  again.handlers.onMessage(msg({ type: 'hello', doc: doc('d1') }));
  expect(again.port.sent.at(-1)).toEqual(msg({ type: 'sync', after: 2, clone: new Uint8Array(1) }));
});

test('a relay speaks for its own document only, and malformed messages are ignored', () => {
  const { relay, panel } = setup();
  const p = panel();
  p.handlers.onMessage(msg({ type: 'subscribe', tabId: 1, cursors: {} }));
  const r = relay(1);
  r.handlers.onMessage(msg({ type: 'hello', doc: doc('d1') }));
  r.handlers.onMessage(msg({ type: 'records', docId: 'other', ...toWireText([record(1)]) }));
  r.handlers.onMessage(msg({ type: 'hello', doc: doc('other') }));
  r.handlers.onMessage({ type: 'records', docId: 'd1', ...toWireText([record(1)]) });
  r.handlers.onMessage(msg({ type: 'records', docId: 'd1', last: 'x', records: '[]' }));
  r.handlers.onMessage(msg({ type: 'records', docId: 'd1', last: 1, records: [] }));
  expect(p.port.types()).toEqual(['doc']);
});

test('when the last panel of a tab leaves, its relays go idle; a resync reaches the document’s relay', () => {
  const { relay, panel } = setup();
  const p = panel();
  p.handlers.onMessage(msg({ type: 'subscribe', tabId: 1, cursors: {} }));
  const r = relay(1);
  r.handlers.onMessage(msg({ type: 'hello', doc: doc('d1') }));
  p.handlers.onMessage(msg({ type: 'resync', docId: 'd1', after: 5 }));
  expect(r.port.sent.at(-1)).toEqual(msg({ type: 'sync', after: 5, clone: new Uint8Array(1) }));
  p.handlers.onDisconnect();
  expect(r.port.sent.at(-1)).toEqual(msg({ type: 'idle' }));
});

test('a tab without our content scripts is reported unreachable', async () => {
  const { panel } = setup();
  const p = panel();
  p.handlers.onMessage(msg({ type: 'subscribe', tabId: 99, cursors: {} }));
  await flush();
  expect(p.port.sent.at(-1)).toEqual(msg({ type: 'attached', reachable: false }));
});

test('census counts what is connected, and a tab is forgotten when all have left', () => {
  const { router, relay, panel } = setup();
  const r: { handlers: PortHandlers } = relay(4);
  const p = panel();
  p.handlers.onMessage(msg({ type: 'subscribe', tabId: 4, cursors: {} }));
  expect(router.census(4)).toEqual({ relays: 1, panels: 1 });
  r.handlers.onDisconnect();
  p.handlers.onDisconnect();
  expect(router.census(4)).toEqual({ relays: 0, panels: 0 });
});

test('an adopted capture, served by the top frame, keeps the frame id of the frame that went away', () => {
  const { relay, panel } = setup();
  const p = panel();
  p.handlers.onMessage(msg({ type: 'subscribe', tabId: 1, cursors: {} }));
  const r = relay(1, 0);
  r.handlers.onMessage(msg({ type: 'hello', doc: { ...doc('gone', false), gone: { frameId: 7 } } }));
  r.handlers.onMessage(msg({ type: 'hello', doc: doc('other') }));
  const docs = p.port.sent.filter((m) => m.type === 'doc').map((m) => m.doc);
  expect(docs).toEqual([{ ...doc('gone', false), gone: { frameId: 7 }, frameId: 7 }]);
});

test('a panel still subscribes when the HTTP observer fails to start (Firefox refused an option)', async () => {
  const attached: number[] = [];
  const router = new Router(
    async (tabId) => {
      attached.push(tabId);
      return true;
    },
    () => {
      throw new Error('Incorrect argument types for webRequest.onErrorOccurred');
    },
  );
  const relayPort = new MemoryPort();
  router.connectRelay(relayPort, 1, 0).onMessage(msg({ type: 'hello', doc: doc('d1') }));
  const panelPort = new MemoryPort();
  router.connectPanel(panelPort).onMessage(msg({ type: 'subscribe', tabId: 1, cursors: {} }));
  await flush();
  expect(panelPort.types()).toEqual(['doc', 'attached']);
  expect(attached).toEqual([1]);
});

/** Live connections per origin across tabs, and the origins each tab has live. */
const live = (counts: Record<string, number>, byTab: Record<number, string[]>) => ({
  counts: new Map(Object.entries(counts)),
  byTab: new Map(Object.entries(byTab).map(([tabId, origins]) => [Number(tabId), new Set(origins)])),
});
const originsSent = (port: MemoryPort) => port.sent.filter((m) => m.type === 'origins');

test('live connections per origin across tabs go to each panel whose tab uses the origin, when they change, and to a panel that subscribes later', () => {
  const { router, panel } = setup();
  const early = panel();
  early.handlers.onMessage(msg({ type: 'subscribe', tabId: 1, cursors: {} }));
  const elsewhere = panel();
  elsewhere.handlers.onMessage(msg({ type: 'subscribe', tabId: 3, cursors: {} }));
  router.setOrigins(live({ 'http://a': 4 }, { 1: ['http://a'], 2: ['http://a'] }));
  router.setOrigins(live({ 'http://a': 4 }, { 1: ['http://a'], 2: ['http://a'] }));
  expect(originsSent(early.port)).toEqual([msg({ type: 'origins', counts: { 'http://a': 4 } })]);
  // Tab 3 has no live connection to it: its panel has no use for the count.
  expect(originsSent(elsewhere.port)).toEqual([]);
  const late = panel();
  late.handlers.onMessage(msg({ type: 'subscribe', tabId: 2, cursors: {} }));
  expect(originsSent(late.port)).toEqual([msg({ type: 'origins', counts: { 'http://a': 4 } })]);
  // Tab 1's connection ends: its panel is told it has no count left.
  router.setOrigins(live({ 'http://a': 3 }, { 2: ['http://a'] }));
  expect(originsSent(early.port).at(-1)).toEqual(msg({ type: 'origins', counts: {} }));
  expect(originsSent(late.port).at(-1)).toEqual(msg({ type: 'origins', counts: { 'http://a': 3 } }));
});

test('40 origins live in other tabs: a panel still gets the counts of its own origins', () => {
  const { router, panel } = setup();
  const watching = panel();
  watching.handlers.onMessage(msg({ type: 'subscribe', tabId: 1, cursors: {} }));
  const others = Array.from({ length: 40 }, (_, i) => `http://h${i}.example`);
  const counts = Object.fromEntries(others.map((origin) => [origin, 5]));
  router.setOrigins(live({ ...counts, 'http://a': 5 }, { 1: ['http://a'], 2: others }));
  expect(originsSent(watching.port)).toEqual([msg({ type: 'origins', counts: { 'http://a': 5 } })]);
  // A tab of its own with 40 origins: the 32 largest counts, the ones nearest the limit.
  const own = Object.fromEntries(others.map((origin, i) => [origin, i < 8 ? 1 : 4]));
  router.setOrigins(live(own, { 1: others }));
  const sent = originsSent(watching.port).at(-1)?.counts as Record<string, number>;
  expect(Object.keys(sent)).toHaveLength(32);
  expect(Object.values(sent).every((n) => n === 4)).toBe(true);
  expect(isBackgroundToPanel(msg({ type: 'origins', counts: own }))).toBe(true);
});
