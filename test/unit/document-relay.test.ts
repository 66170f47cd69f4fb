/**
 * The relay's logic without a browser: what it keeps and publishes, what it tells the worker, how a
 * frame going away hands its capture over, and who may adopt it.
 */
import { expect, test } from '@playwright/test';
import type { CaptureRecord, DocumentInfo } from '../../src/core/model';
import type { RelayToBackgroundOneShot, Unbranded } from '../../src/protocol/messages';
import { type CaptureLink, DocumentRelay } from '../../src/relay/document-relay';
import { connectionRecord, eventRecord, lifecycleRecord } from '../support/records';

interface Harness {
  relay: DocumentRelay;
  /** What each link published, by the document it serves. */
  published: Map<string, CaptureRecord[]>;
  attached: string[];
  sent: Unbranded<RelayToBackgroundOneShot>[];
  timers: (() => void)[];
  clock: { now: number };
}

function harness(docId: string, isTop: boolean, startAt = 1000): Harness {
  const published = new Map<string, CaptureRecord[]>();
  const attached: string[] = [];
  const sent: Unbranded<RelayToBackgroundOneShot>[] = [];
  const timers: (() => void)[] = [];
  const clock = { now: startAt };
  const link = (_capture: unknown, describe: () => DocumentInfo): CaptureLink => ({
    publish: (records) => {
      const id = describe().docId;
      published.set(id, [...(published.get(id) ?? []), ...records]);
    },
    attach: () => attached.push(describe().docId),
    restored: () => undefined,
  });
  const relay = new DocumentRelay({
    docId,
    isTop,
    url: () => `http://a/${docId}`,
    now: () => clock.now,
    link,
    sendOneShot: (message) => sent.push(message),
    forTheWire: (record) => record,
    setTimeout: (callback) => timers.push(callback),
  });
  return { relay, published, attached, sent, timers, clock };
}

test('records are kept, numbered and published; the worker hears when the count of live connections changes', () => {
  const { relay, published, sent } = harness('top', true);
  relay.keep([connectionRecord(1, 1001), eventRecord(1, 'a', 1002)], 0);
  relay.keep([eventRecord(1, 'b', 1003)], 0);
  relay.keep([lifecycleRecord(1, 'closed', 1004)], 0);
  expect(published.get('top')?.map((r) => [r.seq, r.kind])).toEqual([
    [1, 'connection'],
    [2, 'event'],
    [3, 'event'],
    [4, 'lifecycle'],
  ]);
  expect(sent).toEqual([
    {
      type: 'summary',
      summary: { docId: 'top', top: true, activatedAt: 1000, open: 1, connections: 1, byOrigin: { 'http://a': 1 } },
    },
    { type: 'summary', summary: { docId: 'top', top: true, activatedAt: 1000, open: 0, connections: 1, byOrigin: {} } },
  ]);
});

test('records of EventSources the relay listens to are kept together, on a timer or at pagehide', () => {
  const { relay, published, timers } = harness('top', true);
  relay.eventSourceRecord(connectionRecord(1, 1001));
  relay.eventSourceRecord(eventRecord(1, 'a', 1002));
  expect(timers).toHaveLength(1);
  expect(published.get('top')).toBeUndefined();
  timers[0]?.();
  expect(published.get('top')?.map((r) => r.seq)).toEqual([1, 2]);
  relay.eventSourceRecord(eventRecord(1, 'b', 1003));
  relay.pagehide(true);
  expect(published.get('top')?.map((r) => r.seq)).toEqual([1, 2, 3]);
});

test('a frame going away ends its live connections as unloaded, hands its capture over, and keeps nothing after', () => {
  const frame = harness('frame', false);
  frame.relay.keep([connectionRecord(1, 1001), eventRecord(1, 'a', 1002)], 0);
  frame.clock.now = 1500;
  frame.relay.pagehide(false);
  frame.relay.keep([eventRecord(1, 'late', 1501)], 0);
  const adoptions = frame.sent.filter((m) => m.type === 'adopt');
  expect(adoptions).toHaveLength(1);
  const [adoption] = adoptions;
  if (adoption?.type !== 'adopt') throw new Error('no adoption');
  expect(adoption.doc).toEqual({ docId: 'frame', url: 'http://a/frame', top: false, activatedAt: 1000 });
  expect(adoption.last).toBe(3);
  expect(adoption.records.map((r) => (Array.isArray(r) ? 'event' : r.kind))).toEqual([
    'connection',
    'event',
    'lifecycle',
  ]);
  expect(adoption.records[2]).toMatchObject({ state: 'closed', reason: 'unloaded', time: 1500 });

  // The top frame serves it under the frame's own id, and attaches it with its own.
  const top = harness('top', true, 900);
  top.relay.receive({ ...adoption, doc: { ...adoption.doc, gone: { frameId: 3 } } });
  expect(top.published.get('frame')?.map((r) => r.seq)).toEqual([1, 2, 3]);
  expect(top.relay.receive({ type: 'attach' })).toBeDefined();
  expect(top.attached).toEqual(['top', 'frame']);
});

test('only the top frame adopts, and only the capture of a frame of its own page', () => {
  const frame = harness('frame', false, 1000);
  frame.relay.keep([connectionRecord(1, 1001)], 0);
  frame.relay.pagehide(false);
  const adoption = frame.sent.find((m) => m.type === 'adopt');
  if (adoption?.type !== 'adopt') throw new Error('no adoption');
  const gone = { ...adoption, doc: { ...adoption.doc, gone: { frameId: 3 } } };
  const sibling = harness('other-frame', false, 900);
  sibling.relay.receive(gone);
  expect(sibling.published.size).toBe(0);
  // A top document that started after the frame is a later page's.
  const later = harness('later-top', true, 1100);
  later.relay.receive(gone);
  expect(later.published.size).toBe(0);
  // Not gone: not a frame that went away.
  const top = harness('top', true, 900);
  top.relay.receive(adoption);
  expect(top.published.size).toBe(0);
});

test('attach: every frame reconnects, only the top one answers; after pagehide the network is not heard', async () => {
  const top = harness('top', true);
  const frame = harness('frame', false);
  expect(await top.relay.receive({ type: 'attach' })).toBe(true);
  expect(frame.relay.receive({ type: 'attach' })).toBeUndefined();
  expect(frame.attached).toEqual(['frame']);
  top.relay.pagehide(false);
  expect(await top.relay.receive({ type: 'bytes', request: '7', chunks: [[1, 'YQ==']] })).toBe(false);
});
