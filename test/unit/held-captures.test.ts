/**
 * A frame of another origin than its page's that went away: its capture is held by the worker (and
 * its session storage), served to a panel as a relay's is, read back after a restart, and let go
 * when the tab's page changes or the tab closes.
 */
import { expect, test } from '@playwright/test';
import { HELD_CHARS, HeldCaptures, type HeldStorage } from '../../src/background/held-captures';
import { type PortLike, Router } from '../../src/background/router';
import type { CaptureRecord } from '../../src/core/model';
import { type Adoption, BRAND, MESSAGES_VERSION } from '../../src/messages/messages';
import { fromWireText, toWire } from '../../src/messages/wire-codec';
import { documentInfo } from '../support/documents';
import { connectionRecord, eventRecord, numbered } from '../support/records';

class MemoryStorage implements HeldStorage {
  items: Record<string, unknown> = {};
  async get() {
    return structuredClone(this.items);
  }
  async set(items: Record<string, unknown>) {
    Object.assign(this.items, structuredClone(items));
  }
  async remove(keys: string[]) {
    for (const key of keys) delete this.items[key];
  }
}

class MemoryPort implements PortLike {
  sent: { type: string; [key: string]: unknown }[] = [];
  postMessage(msg: unknown) {
    this.sent.push(msg as { type: string });
  }
  disconnect() {}
}

const msg = (body: object) => ({ brand: BRAND, v: MESSAGES_VERSION, ...body });
const doc = documentInfo('frame-1', { url: 'http://b/frame', top: false, activatedAt: 1000, gone: { frameId: 4 } });
const records: CaptureRecord[] = numbered([connectionRecord(1, 1001, 'http://b/sse'), eventRecord(1, 'one', 1002)]);
const part = (from: CaptureRecord[]): Adoption => ({ type: 'adopt', doc, ...toWire(from) });

function setup(storage = new MemoryStorage()) {
  const router = new Router(async () => true);
  const held = new HeldCaptures(storage, (port, tabId, frameId) => router.connectRelay(port, tabId, frameId));
  const panel = (asking?: (handlers: ReturnType<Router['connectPanel']>) => void) => {
    const port = new MemoryPort();
    const handlers = router.connectPanel(port);
    handlers.onMessage(msg({ type: 'subscribe', tabId: 7, cursors: {} }));
    asking?.(handlers);
    return port;
  };
  return { router, held, panel, storage };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const shown = (port: MemoryPort) =>
  port.sent
    .filter((m) => m.type === 'records')
    .flatMap((m) => fromWireText(m.records as string, m.last as number) ?? [])
    .map((r) => r.seq);

test('held for the tab and served to a panel that comes later, as a relay serves its document; more parts go on live', () => {
  const { held, panel, router } = setup();
  held.add(7, part(records.slice(0, 1)));
  expect(router.census(7)).toEqual({ relays: 1, panels: 0 });
  // Its secrets were masked before it left its frame: none to reveal.
  const port = panel((handlers) => handlers.onMessage(msg({ type: 'reveal', docId: doc.docId, conn: 1 })));
  expect(port.sent[0]).toEqual(msg({ type: 'doc', doc: { ...doc, frameId: 4 } }));
  expect(shown(port)).toEqual([1]);
  expect(port.sent.find((m) => m.type === 'revealed')).toEqual(
    msg({ type: 'revealed', docId: doc.docId, conn: 1, records: '[]', done: true }),
  );
  held.add(7, part(records.slice(1)));
  expect(shown(port)).toEqual([1, 2]);
});

test('read back from session storage when the worker starts again; let go when the page changes or the tab closes', async () => {
  const first = setup();
  first.held.add(7, part(records));
  await settle();
  expect(Object.keys(first.storage.items)).toEqual(['held/7/frame-1/2']);
  const again = setup(first.storage);
  await settle();
  expect(again.held.count(7)).toBe(1);
  expect(shown(again.panel())).toEqual([1, 2]);
  // The tab loads another page: a frame of the old one goes.
  again.held.navigated(7, 999);
  expect(again.held.count(7)).toBe(1);
  again.held.navigated(7, 1001);
  expect(again.held.count(7)).toBe(0);
  await settle();
  expect(first.storage.items).toEqual({});
  again.held.add(8, { ...part(records), doc: { ...doc, docId: 'frame-2' } });
  again.held.forget(8);
  await settle();
  expect(first.storage.items).toEqual({});
});

test('a tab holds at most HELD_CHARS; what a stored entry says is checked again when read back', async () => {
  const { held, storage } = setup();
  const big = 'x'.repeat(HELD_CHARS / 2);
  held.add(7, { ...part(numbered([eventRecord(1, big)])), doc: { ...doc, docId: 'a' } });
  held.add(7, { ...part(numbered([eventRecord(1, big)])), doc: { ...doc, docId: 'b' } });
  expect(held.count(7)).toBe(1);
  storage.items['held/7/forged/1'] = { tabId: 7, adoption: { type: 'adopt', doc: { docId: 'forged' } } };
  const again = setup(storage);
  await settle();
  expect(again.held.count(7)).toBe(1);
});
