import { expect, test } from '@playwright/test';
import type { HttpObservation } from '../../src/messages/messages';
import { HttpMatcher } from '../../src/relay/http-matcher';
import { connectionRecord, lifecycleRecord } from '../support/records';

const opened = (conn: number, url: string, time: number) => connectionRecord(conn, time, url);
const lifecycle = lifecycleRecord;
const observed = (
  requestedUrl: string,
  requestTime: number,
  fields: Partial<HttpObservation> = {},
): HttpObservation => ({
  requestedUrl,
  url: requestedUrl,
  requestTime,
  time: requestTime + 5,
  status: 200,
  contentType: 'text/event-stream',
  ...fields,
});

test('the first request and each reconnect are matched to the connection, in order', () => {
  const matcher = new HttpMatcher(() => 1000);
  expect(matcher.follow(opened(1, 'http://a/s', 100))).toEqual([]);
  expect(matcher.observe(observed('http://a/s', 101))).toEqual(
    expect.objectContaining({ kind: 'http', conn: 1, status: 200, contentType: 'text/event-stream', time: 106 }),
  );
  matcher.follow(lifecycle(1, 'open', 110));
  matcher.follow(lifecycle(1, 'reconnecting', 200));
  const reconnect = matcher.observe(
    observed('http://a/s', 260, { status: 204, lastEventId: '3', contentType: undefined }),
  );
  expect(reconnect).toEqual({ kind: 'http', conn: 1, url: 'http://a/s', time: 265, status: 204, lastEventId: '3' });
});

test('two connections to one URL get their own responses, oldest request first', () => {
  const matcher = new HttpMatcher(() => 1000);
  matcher.follow(opened(1, 'http://a/s', 100));
  matcher.follow(opened(2, 'http://a/s', 102));
  expect(matcher.observe(observed('http://a/s', 103, { status: 404 }))?.conn).toBe(1);
  expect(matcher.observe(observed('http://a/s', 104, { status: 200 }))?.conn).toBe(2);
  expect(matcher.observe(observed('http://a/s', 105))).toBeUndefined();
});

test('an observation that arrives before its connection waits for it', () => {
  const matcher = new HttpMatcher(() => 1000);
  expect(matcher.observe(observed('http://a/s', 101, { status: 404 }))).toBeUndefined();
  expect(matcher.follow(opened(1, 'http://a/s', 100))).toEqual([expect.objectContaining({ conn: 1, status: 404 })]);
});

test('a request that started before the attempt was due is not matched to it', () => {
  const matcher = new HttpMatcher(() => 1000);
  matcher.follow(opened(1, 'http://a/s', 500));
  expect(matcher.observe(observed('http://a/s', 300))).toBeUndefined();
});

test('attempts that settled long ago, and observations nobody claims, expire', () => {
  let now = 1000;
  const matcher = new HttpMatcher(() => now);
  matcher.follow(opened(1, 'http://a/s', 100));
  matcher.follow(lifecycle(1, 'open', 110)); // its response was never observed (no panel then)
  now += 10_000;
  matcher.follow(opened(2, 'http://a/s', now));
  expect(matcher.observe(observed('http://a/s', now + 1))?.conn).toBe(2);

  expect(matcher.observe(observed('http://a/other', now))).toBeUndefined();
  now += 10_000;
  expect(matcher.follow(opened(3, 'http://a/other', now - 20_000))).toEqual([]);
});

test('at most 64 unclaimed observations wait, the newest', () => {
  const matcher = new HttpMatcher(() => 1000);
  for (let i = 0; i < 100; i++) matcher.observe(observed('http://a/s', 100 + i, { status: 200 + i }));
  const claimed = matcher.follow(opened(1, 'http://a/s', 0));
  expect(claimed.map((h) => h.status)).toEqual([236]);
});
