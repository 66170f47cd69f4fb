import { expect, test } from '@playwright/test';
import { crc32 } from '../../src/core/aws-eventstream';
import { AwsEventStreamParser } from '../../src/core/aws-eventstream-parser';
import type { BlockRecord, EventRecord, StoredRecord } from '../../src/core/model';
import { blockNotes } from '../../src/ui/text/block-notes';
import {
  awsMessage,
  bedrockEvent,
  bedrockException,
  converseStream,
  framed,
  joinBytes,
} from '../fixtures/aws-eventstream';
import { speak } from '../support/messages';

/** Feeds bytes split at `splits` (byte offsets) and returns every record but the chunks. */
function parse(bytes: Uint8Array, splits: number[] = []): StoredRecord[] {
  const parser = new AwsEventStreamParser(1, 'http://a');
  const records: StoredRecord[] = [];
  let from = 0;
  let time = 1;
  for (const at of [...splits, bytes.length]) {
    records.push(...parser.parse(time++, bytes.subarray(from, at)));
    from = at;
  }
  records.push(...parser.end(time));
  return records;
}

/** The message CRC made right again after the bytes were changed on purpose. */
function resigned(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(bytes.length - 4, crc32(bytes, 0, bytes.length - 4));
  return bytes;
}

/** Changes one bit of a byte, as a corrupted transfer would. */
const flip = (bytes: Uint8Array, at: number) => {
  bytes[at] = (bytes[at] as number) ^ 0x01;
};

const events = (records: StoredRecord[]) =>
  records.filter((r): r is EventRecord => r.kind === 'event').map((e) => [e.type, e.data]);
const notes = (records: StoredRecord[]) =>
  records.filter((r): r is BlockRecord => r.kind === 'block').flatMap((b) => b.notes ?? []);

test('CRC32 is the gzip one (check value of "123456789")', () => {
  expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
});

test('each AWS message is an event: its :event-type, its payload, its headers as the raw block', () => {
  const [record, ...rest] = parse(bedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }));
  expect(rest).toEqual([]);
  expect(record).toEqual({
    kind: 'event',
    time: 1,
    conn: 1,
    type: 'contentBlockDelta',
    data: '{"contentBlockIndex":0,"delta":{"text":"Hi"}}',
    lastEventId: '',
    origin: 'http://a',
    raw: ':event-type: contentBlockDelta\n:content-type: application/json\n:message-type: event\n\n{"contentBlockIndex":0,"delta":{"text":"Hi"}}',
  });
});

test('every header type is read and written in the raw block', () => {
  const name = (text: string) => [text.length, ...new TextEncoder().encode(text)];
  // One header of each type: the name, the type's code, the value.
  // biome-ignore format: one header a line reads as the spec's table
  const headers = Uint8Array.from([
    ...name('t'), 0,
    ...name('f'), 1,
    ...name('b'), 2, 0xcf,
    ...name('s'), 3, 0x01, 0x02,
    ...name('i'), 4, 0xff, 0xff, 0xff, 0xfe,
    ...name('l'), 5, 0, 0, 0, 1, 0, 0, 0, 0,
    ...name('y'), 6, 0, 3, 0xca, 0xfe, 0x01,
    ...name(':event-type'), 7, 0, 4, ...new TextEncoder().encode('ping'),
    ...name('at'), 8, 0x00, 0x00, 0x01, 0x93, 0x7f, 0x84, 0x58, 0x00,
    ...name('u'), 9, ...Array.from({ length: 16 }, (_, i) => i + 0xa0),
  ]);
  const [record] = parse(framed(headers, new TextEncoder().encode('{}')));
  expect(record).toMatchObject({ kind: 'event', type: 'ping', data: '{}' });
  expect((record as EventRecord).raw).toBe(
    [
      't (boolean): true',
      'f (boolean): false',
      'b (byte): -49',
      's (short): 258',
      'i (integer): -2',
      'l (long): 4294967296',
      'y (binary): cafe01',
      ':event-type: ping',
      'at (timestamp): 2024-12-01T00:00:00.000Z',
      'u (uuid): a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf',
      '',
      '{}',
    ].join('\n'),
  );
});

test('a header that runs past the headers length, or of an unknown type, skips its AWS message', () => {
  const short = framed(Uint8Array.from([1, 0x61, 7, 0, 9, 0x62]), new Uint8Array(0));
  const unknown = framed(Uint8Array.from([1, 0x61, 42]), new Uint8Array(0));
  const records = parse(joinBytes([short, unknown, bedrockEvent('messageStop', {})]));
  expect(events(records).map(([type]) => type)).toEqual(['messageStop']);
  expect(notes(records)).toEqual([
    'bad headers: a header runs past the headers length; this AWS message (22 bytes) is skipped',
    'bad headers: header "a" has unknown type 42; this AWS message (19 bytes) is skipped',
  ]);
});

test('a stream split at every byte boundary gives the same events as whole', () => {
  const bytes = joinBytes(converseStream());
  const whole = events(parse(bytes));
  expect(whole).toHaveLength(14);
  const failures: number[] = [];
  for (let at = 1; at < bytes.length; at++) {
    const records = parse(bytes, [at]);
    if (JSON.stringify(events(records)) !== JSON.stringify(whole) || notes(records).length > 0) failures.push(at);
  }
  expect(failures).toEqual([]);
  // One byte a chunk: every AWS message spans many chunks.
  expect(
    events(
      parse(
        bytes,
        Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
      ),
    ),
  ).toEqual(whole);
});

test('a message CRC that does not match is noted, and the stream goes on', () => {
  const bad = bedrockEvent('contentBlockDelta', { delta: { text: 'lost' } });
  flip(bad, bad.length - 10);
  const records = parse(
    joinBytes([bedrockEvent('messageStart', { role: 'assistant' }), bad, bedrockEvent('messageStop', {})]),
  );
  expect(events(records).map(([type]) => type)).toEqual(['messageStart', 'messageStop']);
  expect(notes(records)).toEqual([
    expect.stringMatching(
      /^message CRC mismatch: the message says 0x[0-9a-f]{8}, its bytes give 0x[0-9a-f]{8}; this AWS message \(\d+ bytes\) is skipped$/,
    ),
  ]);
});

test('a prelude CRC that does not match ends the reading, with a note', () => {
  const bad = bedrockEvent('contentBlockDelta', { delta: { text: 'x' } });
  flip(bad, 2);
  const records = parse(joinBytes([bedrockEvent('messageStart', {}), bad, bedrockEvent('messageStop', {})]));
  expect(events(records).map(([type]) => type)).toEqual(['messageStart']);
  expect(notes(records)).toEqual([
    expect.stringMatching(/^prelude CRC mismatch: .*; the rest of the stream is not read$/),
  ]);
});

test('a prelude claiming 100 MB is refused before any of it is kept', () => {
  const prelude = new Uint8Array(12);
  const view = new DataView(prelude.buffer);
  view.setUint32(0, 100 * 1024 * 1024);
  view.setUint32(4, 0);
  view.setUint32(8, crc32(prelude, 0, 8));
  const records = parse(joinBytes([prelude, new Uint8Array(1000)]));
  expect(events(records)).toEqual([]);
  expect(notes(records)).toEqual([
    'too large: the prelude claims a message of 104,857,600 bytes (at most 16,908,304 are read); the rest of the stream is not read',
  ]);
});

test('a stream that ends inside an AWS message says so', () => {
  const whole = bedrockEvent('messageStop', { stopReason: 'end_turn' });
  const records = parse(joinBytes([bedrockEvent('messageStart', {}), whole.subarray(0, 20)]));
  expect(events(records).map(([type]) => type)).toEqual(['messageStart']);
  expect(notes(records)).toEqual([`incomplete: the stream ended inside an AWS message (20 of ${whole.length} bytes)`]);
});

test('an exception is an event of its :exception-type', () => {
  const records = parse(bedrockException('throttlingException', 'Too many requests, please wait.'));
  expect(events(records)).toEqual([['throttlingException', '{"message":"Too many requests, please wait."}']]);
  expect((records[0] as EventRecord).raw).toContain(':message-type: exception');
});

test('a payload that is not UTF-8 is shown as base64, with a note', () => {
  const records = parse(
    awsMessage({ ':event-type': 'audio', ':message-type': 'event' }, new Uint8Array([0xff, 0xfe, 0])),
  );
  expect(events(records)).toEqual([['audio', '//4A']]);
  expect((records[0] as EventRecord).notes).toEqual(['binary payload: not UTF-8 text, shown as base64']);
});

test('text (an XHR) cannot be read as AWS messages: one note, no events', () => {
  const parser = new AwsEventStreamParser(1, 'http://a');
  const records = [...parser.parse(1, 'abc'), ...parser.parse(2, 'def'), ...parser.end(3)];
  expect(notes(records)).toEqual(['not read: only the text of this response is known (an XHR), not its bytes']);
});

test('every note the parser writes is in the catalogue: the same words in English, other words in Russian', () => {
  const flipped = (at: number) => {
    const bytes = bedrockEvent('messageStop', {});
    flip(bytes, at < 0 ? bytes.length + at : at);
    return bytes;
  };
  const prelude = (total: number, headers: number) => {
    const bytes = new Uint8Array(12);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, total);
    view.setUint32(4, headers);
    view.setUint32(8, crc32(bytes, 0, 8));
    return bytes;
  };
  const badType = awsMessage({ ':event-type': 'x' }, {});
  badType[12 + 1 + 11] = 12;
  const written = [
    ...notes(parse(flipped(-8))),
    ...notes(parse(flipped(1))),
    ...notes(parse(prelude(20, 10))),
    ...notes(parse(prelude(1 << 30, 0))),
    ...notes(parse(resigned(badType))),
    ...notes(parse(bedrockEvent('messageStop', {}).subarray(0, 30))),
    ...((parse(awsMessage({}, new Uint8Array([0xff])))[0] as EventRecord).notes ?? []),
    ...(new AwsEventStreamParser(1, 'http://a').parse(1, 'text') as BlockRecord[]).flatMap((b) => b.notes ?? []),
  ];
  expect(written).toHaveLength(8);
  speak('en');
  // The catalogue words a header's fault in general.
  expect(blockNotes({ notes: written })).toEqual(
    written.map((note) =>
      note.startsWith('bad headers') ? 'bad headers: this AWS message (34 bytes) cannot be read and is skipped' : note,
    ),
  );
  speak('ru');
  const russian = blockNotes({ notes: written });
  expect(russian.filter((text, i) => text === written[i])).toEqual([]);
  speak('en');
});
