/**
 * Bounded fuzz runs of everything that reads untrusted input: the messages' and records' validators (what a
 * page, a relay or a panel may send), the capture-file and HAR importers, and the stream parser.
 * Inputs are random and mutated from valid ones, from a fixed seed (a failure replays). Each must
 * answer null, a clean result, or a plain `Error` with a message; never a TypeError or a
 * RangeError from inside, never a hang (the test's timeout bounds every run).
 *
 * Long because: one seeded run per reader of untrusted input, sharing the generators and mutators;
 * split, each file would carry its own copy of them.
 */
import { isDeepStrictEqual } from 'node:util';
import { expect, test } from '@playwright/test';
import { createParser } from 'eventsource-parser';
import type { EventRecord, FrameDocument, StoredRecord } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import { StreamParser } from '../../src/core/stream-parser';
import { validateCaptureRecord, validatePageRecord } from '../../src/core/validate-record';
import { sourceOf, toCaptureFile } from '../../src/files/capture-file';
import { importCaptureFile, storeFromImport } from '../../src/files/capture-import';
import { toHar } from '../../src/files/formats';
import { harToCaptureFile } from '../../src/files/har-import';
import { ImportError } from '../../src/files/import-error';
import {
  validateBackgroundToTab,
  validatePageToRelay,
  validatePanelToBackground,
  validateRelayToBackground,
  validateRelayToBackgroundOneShot,
} from '../../src/messages/guards';
import { BRAND, MESSAGES_VERSION } from '../../src/messages/messages';
import { fromWire, toWire, toWireText } from '../../src/messages/wire-codec';
import { fromColumns, toColumns } from '../../src/messages/wire-columns';
import { findingSummary } from '../../src/ui/text/findings';
import { importErrorText } from '../../src/ui/text/imports';
import { connectionRecord, eventRecord, lifecycleRecord, numbered } from '../support/records';

/** mulberry32: small, fast, and the same sequence everywhere. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const ODD_STRINGS = [
  '',
  ' ',
  'x'.repeat(70_000),
  '\0',
  '\uD800',
  '__proto__',
  'constructor',
  '<img src=x onerror=alert(1)>',
];
const ODD_NUMBERS = [0, -1, 1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, 1e308, Number.MAX_SAFE_INTEGER];

/** A random JSON-ish value, `depth` levels deep at most. */
function randomValue(r: Rng, depth = 3): unknown {
  switch (r.int(depth > 0 ? 9 : 6)) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.pick(ODD_NUMBERS);
    case 3:
      return r.pick(ODD_STRINGS);
    case 4:
      return r.int(1000);
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: r.int(4) }, () => randomValue(r, depth - 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--)
        o[r.pick(['kind', 'type', 'seq', 'time', 'conn', 'data', 'url', 'brand', 'v', 'records', 'x'])] = randomValue(
          r,
          depth - 1,
        );
      return o;
    }
  }
}

/** A copy of `value` with one to three changes: a field deleted, retyped or replaced, anywhere in it. */
function mutate(r: Rng, value: unknown): unknown {
  const copy = structuredClone(value);
  for (let n = 1 + r.int(3); n > 0; n--) {
    // Walk down to a random container.
    let node: unknown = copy;
    for (let depth = r.int(6); depth > 0; depth--) {
      if (typeof node !== 'object' || node === null) break;
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = r.pick(keys);
      const child = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
      if (typeof child !== 'object' || child === null) break;
      node = child;
    }
    if (typeof node !== 'object' || node === null) continue;
    const target = node as Record<string, unknown>;
    const keys = Object.keys(target);
    const key = keys.length > 0 && r.next() < 0.8 ? r.pick(keys) : r.pick(['kind', 'seq', 'x', '0', '__proto__']);
    const action = r.int(4);
    // A typed array (columns) cannot lose an element: it keeps it, and another change comes.
    if (action === 0 && ArrayBuffer.isView(target)) continue;
    if (action === 0) delete target[key];
    else if (action === 1) target[key] = randomValue(r);
    else if (action === 2)
      target[key] = JSON.parse(JSON.stringify(target[key] ?? null)) === null ? 'null' : [target[key]];
    else target[key] = r.pick([...ODD_STRINGS, ...ODD_NUMBERS]);
  }
  return copy;
}

/** Runs `fn`; it may return anything or refuse with an ImportError the panel can word, nothing else. */
function cleanly(fn: () => unknown): 'ok' | 'refused' | string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof ImportError && importErrorText(error) !== '') return 'refused';
    return String(error);
  }
}

const brand = { brand: BRAND, v: MESSAGES_VERSION };
const event: EventRecord = {
  kind: 'event',
  time: 5,
  conn: 1,
  type: 'message',
  data: '{"a":1}',
  lastEventId: '3',
  origin: 'http://a',
};
const VALID_MESSAGES: [string, (x: unknown) => unknown, unknown][] = [
  ['page record', validatePageRecord, event],
  [
    'page batch',
    validatePageToRelay,
    { ...brand, type: 'records', records: [event, connectionRecord(1, 1, 'http://a/s')] },
  ],
  ['capture record', validateCaptureRecord, { ...event, seq: 4 }],
  [
    'relay hello',
    validateRelayToBackground,
    { ...brand, type: 'hello', doc: { docId: 'd', url: 'http://a/', top: true, activatedAt: 1 } },
  ],
  [
    'relay batch',
    validateRelayToBackground,
    { ...brand, type: 'records', docId: 'd', ...toWireText([{ ...event, seq: 1 }]) },
  ],
  [
    'summary',
    validateRelayToBackgroundOneShot,
    { ...brand, type: 'summary', summary: { docId: 'd', top: true, activatedAt: 1, open: 1, connections: 2 } },
  ],
  ['subscribe', validatePanelToBackground, { ...brand, type: 'subscribe', tabId: 3, cursors: { d: 2 } }],
  [
    'http',
    validateBackgroundToTab,
    { ...brand, type: 'http', observation: { time: 2, url: 'http://a/s', requestedUrl: 'http://a/s', status: 200 } },
  ],
];

test('protocol validators: 24,000 random and mutated messages are answered, never thrown on; what passes passes again', () => {
  const r = rng(1);
  let accepted = 0;
  // Collected, then asserted once: an expect() per input would make this run slow.
  const failures: string[] = [];
  for (const [name, validate, valid] of VALID_MESSAGES) {
    expect(validate(valid), name).not.toBeNull();
    for (let i = 0; i < 3000; i++) {
      const input = i % 3 === 0 ? randomValue(r) : mutate(r, valid);
      try {
        const result = validate(input);
        if (result === null) continue;
        accepted++;
        // A record that passes is a clean copy: it passes again, unchanged.
        if (name.endsWith('record') && !isDeepStrictEqual(validate(result), result))
          failures.push(`${name}: not stable`);
      } catch (error) {
        failures.push(`${name} threw ${String(error)} on ${JSON.stringify(input)?.slice(0, 200)}`);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(accepted).toBeGreaterThan(100);
});

test('fromWire: 5,000 mutated batches unpack to checked records or are refused whole', () => {
  const r = rng(2);
  const records = numbered([
    connectionRecord(1, 1, 'http://a/s'),
    lifecycleRecord(1, 'open', 2),
    event,
    { ...event, type: 'tick', lastEventId: '' },
    { ...event, originalSize: 9_999_999 },
  ]);
  const { last, records: wire } = toWire(records);
  let bad = 0;
  for (let i = 0; i < 5000; i++) {
    const input = mutate(r, wire);
    const out = fromWire(input, r.next() < 0.9 ? last : r.pick(ODD_NUMBERS));
    if (out !== null) for (const record of out) if (!isDeepStrictEqual(validateCaptureRecord(record), record)) bad++;
  }
  expect(bad).toBe(0);
});

test('fromColumns: 5,000 mutated batches unpack to checked records or are refused whole', () => {
  const r = rng(3);
  const records = numbered([
    connectionRecord(1, 1, 'http://a/s'),
    event,
    lifecycleRecord(1, 'open', 2),
    { ...event, type: 'tick', lastEventId: '' },
    { ...event, lastEventId: '' },
    { ...event, originalSize: 9_999_999 },
    { ...event, origin: 'http://b' },
  ]);
  const { last, records: columns } = toColumns(records);
  expect(fromColumns(structuredClone(columns), last)).toEqual(records);
  let bad = 0;
  let accepted = 0;
  for (let i = 0; i < 5000; i++) {
    const input = mutate(r, columns);
    const out = fromColumns(input, r.next() < 0.9 ? last : r.pick(ODD_NUMBERS));
    if (out !== null) accepted++;
    if (out !== null) for (const record of out) if (!isDeepStrictEqual(validateCaptureRecord(record), record)) bad++;
  }
  expect(bad).toBe(0);
  expect(accepted).toBeGreaterThan(100);
});

/** A capture with an EventSource, a fetch stream and a frame: what an export holds. */
function sampleFile() {
  const store = new CaptureStore();
  const top: FrameDocument = { docId: 'top', url: 'http://a/', top: true, activatedAt: 1000, frameId: 0 };
  store.addDocument(top);
  const parser = new StreamParser(2, 'sse', 'http://a');
  const streamed = parser
    .push(2010, new TextEncoder().encode('id: 1\ndata: {"t":"a"}\n\ndata: b\n\n'))
    .filter((record) => record.kind === 'chunk');
  const records: StoredRecord[] = [
    connectionRecord(1, 1010, 'http://a/sse'),
    lifecycleRecord(1, 'open', 1020),
    { ...eventRecord(1, 'one', 1030), lastEventId: '1' },
    { ...lifecycleRecord(1, 'reconnecting', 1050), attempt: 1 },
    {
      kind: 'connection',
      time: 2000,
      conn: 2,
      type: 'fetch',
      url: 'http://a/v1',
      withCredentials: false,
      method: 'POST',
    },
    {
      kind: 'response',
      time: 2005,
      conn: 2,
      url: 'http://a/v1',
      status: 200,
      statusText: 'OK',
      headers: [['content-type', 'text/event-stream']],
      format: 'sse',
    },
    ...streamed,
  ];
  store.addRecords('top', numbered(records));
  return toCaptureFile(sourceOf(store, findingSummary), 'fuzz', new Date('2026-11-21T00:00:00Z'));
}

test('importers: 6,000 mutated capture files and HARs, and random text, import or are refused with a message', () => {
  const r = rng(3);
  const file = sampleFile();
  const har = toHar(file, 'fuzz');
  const read = (input: unknown) => {
    const isHar = typeof input === 'object' && input !== null && 'log' in input;
    const { capture } = importCaptureFile(isHar ? harToCaptureFile(input) : input);
    storeFromImport(capture);
  };
  expect(cleanly(() => read(file))).toBe('ok');
  expect(cleanly(() => read(har))).toBe('ok');
  const outcomes = { ok: 0, refused: 0 };
  const failures: string[] = [];
  for (let i = 0; i < 6000; i++) {
    const kind = i % 3;
    let input: unknown;
    if (kind === 0) input = mutate(r, file);
    else if (kind === 1) input = mutate(r, har);
    else {
      // Text mangled before JSON.parse, as a file picker would hand it over.
      const text = JSON.stringify(r.next() < 0.5 ? file : har);
      const at = r.int(text.length);
      const mangled = text.slice(0, at) + r.pick(['', '"', '}', ',', '\\u0000', '[]']) + text.slice(at + r.int(8));
      try {
        input = JSON.parse(mangled);
      } catch {
        continue; // not JSON: the panel says so before an importer sees it
      }
    }
    // Through JSON, as the panel reads a file's text.
    const json = JSON.parse(JSON.stringify(input) ?? 'null');
    const outcome = cleanly(() => read(json));
    if (outcome === 'ok' || outcome === 'refused') outcomes[outcome]++;
    else failures.push(`${outcome} on ${JSON.stringify(json).slice(0, 300)}`);
  }
  expect(failures).toEqual([]);
  expect(outcomes.ok).toBeGreaterThan(500);
  expect(outcomes.refused).toBeGreaterThan(50);
});

/**
 * The spec's parse of a whole stream, by eventsource-parser: the events a page would get. The
 * stream has ended, so a last lone CR ends its line (the parser would wait for an LF), and one
 * leading BOM goes (eventsource-parser 3 looks for it as bytes, not as the decoded character).
 */
function reference(text: string) {
  const events: { type: string; data: string }[] = [];
  const parser = createParser({ onEvent: (m) => events.push({ type: m.event ?? 'message', data: m.data }) });
  parser.feed('');
  const whole = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  parser.feed(whole.endsWith('\r') ? `${whole}\n` : whole);
  return events;
}

test('stream parser: 1,500 random streams, split anywhere, give the events of a whole parse', () => {
  const r = rng(4);
  const parts = [
    'data:',
    'data: ',
    'event: t',
    'id: 1',
    'id: a\0b',
    'retry: 5',
    ': c',
    'x',
    'é',
    '🚀',
    '\uFEFF',
    '\0',
    '\n',
    '\r',
    '\r\n',
    '\n\n',
    'data',
  ];
  const encoder = new TextEncoder();
  const failures: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const text = Array.from({ length: r.int(40) }, () => r.pick(parts)).join('');
    const bytes = encoder.encode(text);
    const parser = new StreamParser(1, 'sse', 'http://a');
    const records: StoredRecord[] = [];
    let from = 0;
    while (from < bytes.length) {
      const to = Math.min(bytes.length, from + 1 + r.int(12));
      records.push(...parser.parse(i, bytes.subarray(from, to)));
      from = to;
    }
    records.push(...parser.end(i));
    const events = records
      .filter((x): x is EventRecord => x.kind === 'event')
      .map(({ type, data }) => ({ type, data }));
    const expected = reference(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
    if (!isDeepStrictEqual(events, expected)) failures.push(JSON.stringify(text));
  }
  expect(failures).toEqual([]);
});

test('stream parser: an endless block or line is cut at the cap and said so; what follows is parsed', () => {
  const cases: [string, 'sse' | 'ndjson', string[], string[]][] = [
    ['LF', 'sse', ['\n', '\ndata: after\n\n'], ['after']],
    ['blank line split', 'sse', ['\n\n', 'data: after\n\n'], ['after']],
    ['CRLF split', 'sse', ['\r', '\n\r\n', 'data: after\r\n\r\n'], ['after']],
    ['CR only', 'sse', ['\r', '\rdata: after\r\r'], ['after']],
    ['a lone CR then text', 'sse', ['\rid: 1\r', '\rdata: after\n\n'], ['after']],
    ['NDJSON', 'ndjson', ['\n{"a":1}\n'], ['{"a":1}']],
  ];
  for (const [name, format, tail, expected] of cases) {
    const parser = new StreamParser(1, format, 'http://a', 1000);
    const records: StoredRecord[] = [];
    records.push(...parser.parse(1, format === 'sse' ? 'data: ' : '{"x":"'));
    for (let i = 0; i < 50; i++) records.push(...parser.parse(2, 'x'.repeat(300)));
    for (const text of tail) records.push(...parser.parse(3, text));
    records.push(...parser.end(4));
    const frames = records.filter((x) => x.kind === 'block');
    expect(frames.length, name).toBe(1);
    expect(frames[0]?.kind === 'block' && frames[0].notes[0], name).toMatch(
      /^too long: a (block|line) of more than 1,000 characters/,
    );
    expect(
      records.filter((x): x is EventRecord => x.kind === 'event').map((x) => x.data),
      name,
    ).toEqual(expected);
  }
});
