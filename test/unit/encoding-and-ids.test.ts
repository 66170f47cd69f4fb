/**
 * Two health checks, each fed the records of a connection that triggers it and of one that does
 * not, through the capture store as a live panel would: an event stream served compressed
 * (`Content-Encoding`, RFC 9110 §8.4: gzip, br, zstd, deflate; `identity` is none), and event ids
 * repeated within a connection (the `id` field, WHATWG HTML §9.2.6: it sets the last event ID
 * string a reconnect sends as Last-Event-ID).
 */
import { expect, test } from '@playwright/test';
import { CaptureStore } from '../../src/core/store/capture-store';
import { capture, event, type Input, only, open, reconnecting, rules, URL_, withId } from '../support/health-capture';
import { speak } from '../support/messages';

speak();

const served = (headers: [string, string][], after: Input[] = []) =>
  capture(
    [
      { kind: 'response', time: 1, url: URL_, status: 200, statusText: 'OK', headers, format: 'sse' } as Input,
      ...after,
    ],
    'fetch',
  );
const CLEAN: [string, string][] = [
  ['content-type', 'text/event-stream'],
  ['cache-control', 'no-cache'],
];

test('compressed-stream: each Content-Encoding a compressor sends, with the clumps seen; none for identity', () => {
  for (const encoding of ['gzip', 'br', 'zstd', 'deflate']) {
    const found = only(served([...CLEAN, ['content-encoding', encoding]]), 'compressed-stream');
    expect(found).toMatchObject({
      severity: 'warning',
      values: { encoding, clumps: 0 },
      summary: `the response is compressed (Content-Encoding: ${encoding}).`,
    });
  }
  // Events held back and let go together: the clump is its evidence.
  const text = (n: number) => ({ kind: 'chunk', time: n, size: 9, text: `data: ${n}\n\n` }) as Input;
  const clumped = served(
    [...CLEAN, ['content-encoding', 'gzip']],
    [text(10), text(1000), text(1001), text(1001), text(1002), text(1002)],
  );
  const found = only(clumped, 'compressed-stream');
  expect(found?.summary).toBe(
    'the response is compressed (Content-Encoding: gzip); 1 time several events arrived at once after a silence.',
  );
  expect(found?.evidence.eventIds).toHaveLength(1);
  // Compression is this check's alone; buffered-delivery speaks of the clumps and caching only.
  expect(only(clumped, 'buffered-delivery')?.values).toEqual({ clumps: 1 });
  expect(only(served([...CLEAN, ['content-encoding', 'identity']]), 'compressed-stream')).toBeUndefined();
  expect(rules(served(CLEAN))).toEqual({});
});

test('compressed-stream: an EventSource’s response as the network layer saw it', () => {
  const es = capture([
    {
      kind: 'http',
      time: 1,
      url: URL_,
      status: 200,
      contentType: 'text/event-stream',
      headers: [['Content-Encoding', 'br']],
    } as Input,
    open(2),
  ]);
  expect(only(es, 'compressed-stream')?.values).toEqual({ encoding: 'br', clumps: 0 });
});

test('duplicate-id: the first repeated id, how many repeated, and the events; none for ids of their own', () => {
  const store = new CaptureStore();
  const c = capture(
    [open(0), withId(10, '1'), withId(20, '2'), withId(30, '2'), withId(40, '3'), withId(50, '1')],
    'eventsource',
    store,
  );
  const ids = store.events.map((e) => e.id);
  const found = only(c, 'duplicate-id');
  expect(found).toMatchObject({
    severity: 'warning',
    values: { id: '2', count: 2 },
    summary: '2 events repeated an id an earlier event had (the first: 2).',
  });
  // The event that had "2" first, then each event that repeated an id.
  expect(found?.evidence).toEqual({ eventIds: [ids[1], ids[2], ids[4]], count: 2 });
  expect(only(capture([open(0), withId(10, '1'), withId(20, '2'), withId(30, '3')]), 'duplicate-id')).toBeUndefined();
  // Events without an id of their own keep the last one: no repeat.
  expect(only(capture([open(0), withId(10, '1'), event(20), event(30)]), 'duplicate-id')).toBeUndefined();
  // A server that starts its ids again after a reconnect repeats them too.
  const again = capture([open(0), withId(10, 'a'), reconnecting(20), open(30), withId(40, 'a')]);
  expect(only(again, 'duplicate-id')?.summary).toBe('1 event repeated an id an earlier event had (the first: a).');
});

test('duplicate-id in Russian and Korean: the plural forms', () => {
  const c = capture([open(0), withId(10, 'x'), withId(20, 'x'), withId(30, 'x'), withId(40, 'x')]);
  speak('ru');
  expect(only(c, 'duplicate-id')?.summary).toBe('3 события повторили id более ранних событий (первый: x).');
  speak('ko');
  expect(only(c, 'duplicate-id')?.summary).toBe('이벤트 3개가 앞선 이벤트의 id를 다시 썼습니다(처음: x).');
  speak();
});
