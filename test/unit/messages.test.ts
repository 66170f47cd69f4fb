/**
 * The messages between contexts: every hop's guard keeps a clean copy of what passes and refuses
 * the rest, and records travel through the wire codec unchanged.
 *
 * Long because: one guard per hop of the messages and the wire codec, each with its refusals.
 */
import { expect, test } from '@playwright/test';
import { LIMITS } from '../../src/core/limits';
import type { CaptureRecord } from '../../src/core/model';
import { validateCaptureRecord, validatePageRecord } from '../../src/core/validate-record';
import {
  originCounts,
  validateBackgroundToTab,
  validatePageToRelay,
  validatePanelToBackground,
  validateRelayToBackground,
} from '../../src/messages/guards';
import { BRAND, MESSAGES_VERSION } from '../../src/messages/messages';
import { firstSeqOf, fromWire, fromWireText, toWire, toWireText } from '../../src/messages/wire-codec';
import { documentInfo } from '../support/documents';
import { connectionRecord } from '../support/records';

const event = {
  kind: 'event' as const,
  time: 1,
  conn: 1,
  type: 'message',
  data: 'x',
  lastEventId: '',
  origin: 'http://a',
};

test('valid page records come back as clean copies, unknown fields dropped', () => {
  expect(validatePageRecord({ ...event, extra: 'dropped' })).toEqual(event);
  expect(validatePageRecord(Object.assign(Object.create(null), event))).toEqual(event);
  expect(
    validatePageRecord({
      kind: 'connection',
      time: 1,
      conn: 2,
      type: 'eventsource',
      url: 'http://a/s',
      withCredentials: false,
    }),
  ).toEqual({ kind: 'connection', time: 1, conn: 2, type: 'eventsource', url: 'http://a/s', withCredentials: false });
  expect(validatePageRecord({ kind: 'lifecycle', time: 1, conn: 1, state: 'reconnecting', attempt: 2 })).toEqual({
    kind: 'lifecycle',
    time: 1,
    conn: 1,
    state: 'reconnecting',
    attempt: 2,
  });
  expect(validatePageRecord({ kind: 'listen', time: 1, conn: 1, type: 'ping' })).toEqual({
    kind: 'listen',
    time: 1,
    conn: 1,
    type: 'ping',
  });
  expect(validatePageRecord({ ...event, synthetic: true, originalSize: 5 })).toEqual({
    ...event,
    synthetic: true,
    originalSize: 5,
  });
});

test('records only the relay writes are never accepted from the page', () => {
  const dropped = { kind: 'dropped', reason: 'invalid', time: 1, conn: 0, events: 3, chars: 0 };
  const http = { kind: 'http', time: 1, conn: 1, url: 'http://a/s', status: 404 };
  expect(validatePageRecord(dropped)).toBeNull();
  expect(validatePageRecord(http)).toBeNull();
  expect(validateCaptureRecord({ ...dropped, seq: 1 })).toEqual({ ...dropped, seq: 1 });
  expect(validateCaptureRecord({ ...http, seq: 2 })).toEqual({ ...http, seq: 2 });
  expect(validateCaptureRecord({ ...http, status: 1000, seq: 2 })).toBeNull();
  expect(validateCaptureRecord({ ...http, conn: 0, seq: 2 })).toBeNull();
  expect(validateCaptureRecord({ ...event, seq: 0 })).toBeNull();
});

test('messages to a tab: attach, and an HTTP observation', () => {
  const brand = { brand: BRAND, v: MESSAGES_VERSION };
  const observation = {
    time: 5,
    url: 'http://b/s',
    requestedUrl: 'http://a/s',
    requestTime: 1,
    status: 204,
    lastEventId: '3',
  };
  expect(validateBackgroundToTab({ ...brand, type: 'attach' })).toEqual({ type: 'attach' });
  expect(validateBackgroundToTab({ ...brand, type: 'http', observation })).toEqual({ type: 'http', observation });
  expect(
    validateBackgroundToTab({ ...brand, type: 'http', observation: { ...observation, requestedUrl: 5 } }),
  ).toBeNull();
  expect(validateBackgroundToTab({ ...brand, type: 'http', observation: { ...observation, error: 7 } })).toBeNull();
  expect(validateBackgroundToTab({ type: 'attach' })).toBeNull();
});

test('malformed page records are refused, never thrown on', () => {
  const bad: unknown[] = [
    null,
    undefined,
    42,
    'event',
    [],
    { ...event, kind: 'nope' },
    { ...event, conn: 0 },
    { ...event, conn: 1.5 },
    { ...event, conn: -1 },
    { ...event, time: Number.NaN },
    { ...event, time: -1 },
    { ...event, data: 5 },
    { ...event, data: 'x'.repeat(LIMITS.eventDataChars + 1) },
    { ...event, lastEventId: null },
    { ...event, origin: undefined },
    { ...event, synthetic: 'yes' },
    { ...event, originalSize: 1 },
    { kind: 'connection', time: 1, conn: 1, type: 'websocket', url: 'x', withCredentials: false },
    { kind: 'connection', time: 1, conn: 1, type: 'eventsource', url: 'x', withCredentials: 'true' },
    { kind: 'lifecycle', time: 1, conn: 1, state: 'connecting' },
    { kind: 'lifecycle', time: 1, conn: 1, state: 'open', attempt: -1 },
    { kind: 'dropped', reason: 'other', time: 1, conn: 1, events: 1, chars: 1 },
    Object.create({ ...event }),
    { ...event, __proto__: { polluted: true } },
  ];
  for (const input of bad) expect(validatePageRecord(input), JSON.stringify(input)).toBeNull();
});

test('a batch from the page keeps what passes and counts what does not', () => {
  const batch = { brand: BRAND, v: MESSAGES_VERSION, type: 'records', records: [event, { nope: 1 }, event] };
  expect(validatePageToRelay(batch)).toEqual({ records: [event, event], rejected: 1 });
  expect(validatePageToRelay({ ...batch, brand: 'other' })).toBeNull();
  expect(validatePageToRelay({ ...batch, v: MESSAGES_VERSION + 1 })).toBeNull();
  expect(validatePageToRelay({ ...batch, records: 'x' })).toBeNull();
  expect(validatePageToRelay({ ...batch, records: new Array(LIMITS.batchRecords + 1).fill(event) })).toBeNull();
});

test('relay messages: hello with a document; a batch is an envelope the worker does not open', () => {
  const brand = { brand: BRAND, v: MESSAGES_VERSION };
  const doc = documentInfo('abc', { activatedAt: 5 });
  expect(validateRelayToBackground({ ...brand, type: 'hello', doc })).toEqual({ type: 'hello', doc });
  expect(validateRelayToBackground({ ...brand, type: 'hello', doc: { ...doc, docId: '' } })).toBeNull();
  const batch = toWireText([{ ...event, seq: 1 }]);
  expect(validateRelayToBackground({ ...brand, type: 'records', docId: 'abc', ...batch })).toEqual({
    type: 'records',
    docId: 'abc',
    ...batch,
  });
  expect(validateRelayToBackground({ ...brand, type: 'records', docId: 'abc', last: 0, records: [] })).toBeNull();
  // The records travel as JSON text: an array is not the batch's shape.
  expect(validateRelayToBackground({ ...brand, type: 'records', docId: 'abc', last: 1, records: [] })).toBeNull();
  expect(validateRelayToBackground({ ...brand, type: 'records', docId: 'x'.repeat(65), ...batch })).toBeNull();
});

test('plain events travel as tuples without defaults; everything else as it is', () => {
  const other = {
    kind: 'event' as const,
    time: 2,
    conn: 2,
    type: 'tick',
    data: '',
    lastEventId: '7',
    origin: 'http://b',
  };
  const cut = { ...event, data: 'xy', originalSize: 9 };
  const records: CaptureRecord[] = [
    { ...event, seq: 1 },
    { ...event, seq: 2 },
    { ...other, seq: 3 },
    { kind: 'lifecycle', time: 3, conn: 1, state: 'open', seq: 4 },
    { ...cut, seq: 5 },
    { ...event, seq: 6 },
  ];
  const wire = toWire(records);
  expect(wire).toEqual({
    last: 6,
    records: [
      [1, 1, 1, 'x', 0, '', 'http://a'],
      [2, 1, 1, 'x', 0, '', 0],
      [3, 2, 2, '', 'tick', '7', 'http://b'],
      records[3],
      records[4],
      [6, 1, 1, 'x', 0, '', 'http://a'],
    ],
  });
  // What a panel gets back is what the relay had, through JSON as extension messaging carries it.
  expect(fromWire(JSON.parse(JSON.stringify(wire.records)), wire.last)).toEqual(records);
});

test('a batch unpacks to checked records in seq order ending at its last, or not at all', () => {
  const records: CaptureRecord[] = [1, 2, 3].map((seq) => ({ ...event, seq, extra: 'dropped' }));
  const { last, records: wire } = toWire(records);
  expect(fromWire(records, last)).toEqual([1, 2, 3].map((seq) => ({ ...event, seq })));
  expect(fromWire(wire, last)).toEqual([1, 2, 3].map((seq) => ({ ...event, seq })));
  expect(fromWire(wire, 2)).toBeNull();
  expect(fromWire(wire.slice(0, 2), 3)).toBeNull();
  expect(fromWire([], 0)).toBeNull();
  expect(fromWire({ 0: wire[0] }, 1)).toBeNull();
  expect(fromWire([wire[1], wire[0]], 1)).toBeNull();
  expect(fromWire([[1, 1, 1, 'x', 0, '', 0]], 1)).toBeNull(); // "the previous origin" with none before
  expect(fromWire([[1, 1, 1, 'x', 0, '']], 1)).toBeNull();
  expect(fromWire([[1, 1, 1, 5, 0, '', 'http://a']], 1)).toBeNull();
  expect(fromWire([[0, 1, 1, 'x', 0, '', 'http://a']], 0)).toBeNull();
  expect(fromWire([records[0], { ...records[1], data: 5 }], 2)).toBeNull();
});

test('panel messages', () => {
  const brand = { brand: BRAND, v: MESSAGES_VERSION };
  expect(validatePanelToBackground({ ...brand, type: 'subscribe', tabId: 3, cursors: { a: 4, b: 'x' } })).toEqual({
    type: 'subscribe',
    tabId: 3,
    cursors: { a: 4 },
  });
  expect(validatePanelToBackground({ ...brand, type: 'subscribe', tabId: -1, cursors: {} })).toBeNull();
  expect(validatePanelToBackground({ ...brand, type: 'resync', docId: 'a', after: 2 })).toEqual({
    type: 'resync',
    docId: 'a',
    after: 2,
  });
  expect(validatePanelToBackground({ ...brand, type: 'launch' })).toBeNull();
});

test('fetch streams: the request, the response, chunk input from the page, and what the relay parsed', () => {
  const connection = {
    kind: 'connection',
    time: 1,
    conn: 3,
    type: 'fetch',
    url: 'http://a/v1/chat',
    withCredentials: false,
    method: 'POST',
    requestHeaders: [['authorization', 'Bearer ••••']],
    requestBody: '{"q":1}',
    requestBodySize: 7,
  };
  expect(validatePageRecord(connection)).toEqual(connection);
  expect(validatePageRecord({ ...connection, requestHeaders: [['a']] })).toBeNull();
  expect(validatePageRecord({ ...connection, type: 'websocket' })).toBeNull();
  const response = {
    kind: 'response',
    time: 2,
    conn: 3,
    url: 'http://a/v1/chat',
    status: 200,
    statusText: 'OK',
    headers: [['content-type', 'text/event-stream']],
    format: 'sse',
  };
  expect(validatePageRecord(response)).toEqual(response);
  expect(validatePageRecord({ ...response, format: 'xml' })).toBeNull();
  const bytes = new Uint8Array([100, 97]);
  expect(validatePageRecord({ kind: 'chunk-in', time: 3, conn: 3, data: bytes })).toEqual({
    kind: 'chunk-in',
    time: 3,
    conn: 3,
    data: bytes,
  });
  expect(validatePageRecord({ kind: 'chunk-in', time: 3, conn: 3, data: [1, 2] })).toBeNull();
  expect(
    validatePageRecord({ kind: 'chunk-in', time: 3, conn: 3, data: new Uint8Array(LIMITS.chunkBytes + 1) }),
  ).toBeNull();
  // Chunk input is never stored; chunks and frames are the relay's alone.
  expect(validateCaptureRecord({ kind: 'chunk-in', time: 3, conn: 3, data: 'x', seq: 1 })).toBeNull();
  const chunk = { kind: 'chunk', time: 3, conn: 3, size: 2, base64: 'ZGE=' };
  expect(validatePageRecord(chunk)).toBeNull();
  expect(validateCaptureRecord({ ...chunk, seq: 4 })).toEqual({ ...chunk, seq: 4 });
  const block = { kind: 'block', time: 3, conn: 3, raw: 'retry: 5\n\n', notes: [], retry: 5 };
  expect(validatePageRecord(block)).toBeNull();
  expect(validateCaptureRecord({ ...block, seq: 5 })).toEqual({ ...block, seq: 5 });
  expect(validateCaptureRecord({ ...block, retry: '5', seq: 5 })).toBeNull();
  const parsed = { ...event, raw: 'data: x\n\n', cuts: [3], blockId: '7', comments: ['hi'], retry: 9, notes: ['x: y'] };
  expect(validateCaptureRecord({ ...parsed, seq: 6 })).toEqual({ ...parsed, seq: 6 });
  expect(validateCaptureRecord({ ...parsed, cuts: ['3'], seq: 6 })).toBeNull();
  expect(validateCaptureRecord({ ...parsed, comments: [1], seq: 6 })).toBeNull();
  const ended = { kind: 'lifecycle', time: 4, conn: 3, state: 'closed', reason: 'aborted', error: 'AbortError: x' };
  expect(validatePageRecord(ended)).toEqual(ended);
  expect(validatePageRecord({ ...ended, reason: 'gone' })).toBeNull();
});

test('a relay batch travels as JSON text, made once and parsed once; text that is not JSON is refused whole', () => {
  const records = [event, connectionRecord(2, 1, 'http://a/s')].map((r, i) => ({ ...r, seq: i + 1 }) as CaptureRecord);
  const { last, records: text } = toWireText(records);
  expect(typeof text).toBe('string');
  expect(fromWireText(text, last)).toEqual(fromWire(JSON.parse(text), last));
  expect(fromWireText(text, last)?.map((r) => r.seq)).toEqual([1, 2]);
  expect(fromWireText(`${text.slice(0, -1)}`, last)).toBeNull();
  expect(fromWireText('', last)).toBeNull();
});

test('records a relay could not send, a record sent cut, counts of other records not kept: checked like the rest', () => {
  const unsent = { kind: 'unsent', time: 1, conn: 0, records: 3, seq: 9 };
  expect(validateCaptureRecord(unsent)).toEqual(unsent);
  expect(validateCaptureRecord({ ...unsent, conn: 2 })).toBeNull();
  expect(validateCaptureRecord({ ...unsent, records: 0 })).toBeNull();
  const dropped = { kind: 'dropped', reason: 'budget', time: 1, conn: 0, events: 2, chars: 9, records: 4, seq: 3 };
  expect(validateCaptureRecord(dropped)).toEqual(dropped);
  expect(validateCaptureRecord({ ...dropped, records: -1 })).toBeNull();
  const cut = { ...event, seq: 4, unsentChars: 70_000 };
  expect(validateCaptureRecord(cut)).toEqual(cut);
  expect(validateCaptureRecord({ ...cut, unsentChars: 0 })).toBeNull();
  // A cut event travels as a record, not as a plain event's tuple (which has no room to say so).
  const { last, records } = toWire([cut as CaptureRecord]);
  expect(fromWire(JSON.parse(JSON.stringify(records)), last)).toEqual([cut]);
});

test('the first seq of a batch refused whole, when its text tells it', () => {
  const records = [5, 6].map((seq) => ({ ...event, seq }) as CaptureRecord);
  expect(firstSeqOf(toWireText(records).records)).toBe(5);
  expect(firstSeqOf(toWireText([{ ...connectionRecord(2), seq: 7 } as CaptureRecord]).records)).toBe(7);
  expect(firstSeqOf('[[0, 1]]')).toBeUndefined();
  expect(firstSeqOf('not JSON')).toBeUndefined();
  expect(firstSeqOf('{}')).toBeUndefined();
});

test('counts per origin: of 40, the 32 largest are kept; a message of 2,000 is refused unread', () => {
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`http://o${i}.example`, i + 1]));
  const kept = originCounts(many(40)) ?? {};
  expect(Object.keys(kept)).toHaveLength(32);
  expect(kept['http://o39.example']).toBe(40);
  expect(kept['http://o0.example']).toBeUndefined();
  expect(originCounts(many(2000))).toBeUndefined();
});
