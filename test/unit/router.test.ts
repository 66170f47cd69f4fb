import { expect, test } from '@playwright/test';
import { type PortHandlers, type PortLike, Router } from '../../src/background/router';
import type { CaptureRecord } from '../../src/core/model';
import { BRAND, PROTOCOL_VERSION } from '../../src/protocol/messages';
import { toWireText } from '../../src/protocol/wire-codec';

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

const msg = (body: object) => ({ brand: BRAND, v: PROTOCOL_VERSION, ...body });
const doc = (docId: string, top = true) => ({ docId, url: `http://a/${docId}`, top, activatedAt: 1 });
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
  expect(r.port.sent.at(-1)).toEqual(msg({ type: 'sync', after: 7 }));
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
  expect(r.port.sent.at(-1)).toEqual(msg({ type: 'sync', after: 0 }));
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
  expect(again.port.sent.at(-1)).toEqual(msg({ type: 'sync', after: 2 }));
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
  expect(r.port.sent.at(-1)).toEqual(msg({ type: 'sync', after: 5 }));
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

test('live connections per origin across tabs go to every panel when they change, and to a panel that subscribes later', () => {
  const { router, panel } = setup();
  const early = panel();
  early.handlers.onMessage(msg({ type: 'subscribe', tabId: 1, cursors: {} }));
  router.setOrigins({ 'http://a': 4 });
  router.setOrigins({ 'http://a': 4 });
  expect(early.port.sent.filter((m) => (m as { type: string }).type === 'origins')).toEqual([
    msg({ type: 'origins', counts: { 'http://a': 4 } }),
  ]);
  const late = panel();
  late.handlers.onMessage(msg({ type: 'subscribe', tabId: 2, cursors: {} }));
  expect(late.port.sent).toContainEqual(msg({ type: 'origins', counts: { 'http://a': 4 } }));
});
