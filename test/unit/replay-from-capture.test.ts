/** A captured connection as a replay rule: what it plays, when, and the connections that make none. */
import { expect, test } from '@playwright/test';
import { checkRules, matchesUrl } from '../../src/core/replay-rule';
import type { CaptureConnection } from '../../src/files/capture-file';
import { replayRuleFrom } from '../../src/files/replay-from-capture';
import { BASE, event, T } from '../support/captured-connections';

/** An EventSource without network capture (no `retry:` seen): two responses, a reconnect 250 ms long between them. */
const eventSource: CaptureConnection = {
  ...BASE,
  id: 1,
  kind: 'eventsource',
  url: 'http://a/sse/feed?since=0',
  createdAt: T,
  lifecycle: [
    { state: 'open', time: T + 5 },
    { state: 'reconnecting', time: T + 300 },
    { state: 'open', time: T + 550 },
    { state: 'closed', time: T + 700 },
  ],
  events: [event(10, 'message', 'one', '1'), event(110, 'message', 'two', '2'), event(560, 'message', 'three', '3')],
  chunks: [],
};

/** A fetch stream whose second and third chunks each hold half of "é". */
const fetchStream: CaptureConnection = {
  ...BASE,
  id: 2,
  kind: 'fetch',
  url: 'http://a/api/chat',
  createdAt: T,
  request: { method: 'POST', headers: [], body: '{}' },
  response: {
    time: T + 20,
    url: 'http://a/api/chat',
    status: 201,
    statusText: 'Created',
    headers: [['content-type', 'text/event-stream; charset=utf-8']],
    format: 'sse',
  },
  lifecycle: [
    { state: 'open', time: T + 20 },
    { state: 'closed', time: T + 300 },
  ],
  endReason: 'complete',
  endedAt: T + 300,
  events: [event(125, 'message', 'é', '')],
  chunks: [
    { time: T + 25, size: 6, text: ': hi\n\n' },
    { time: T + 120, size: 7, base64: btoa('data: \xc3') },
    { time: T + 125, size: 3, base64: btoa('\xa9\n\n') },
  ],
};

test('an EventSource with a reconnect: one response each, the retry it waited, the address as pattern', () => {
  const rule = replayRuleFrom(eventSource, 'r1');
  expect(rule).toEqual({
    id: 'r1',
    name: 'http://a/sse/feed',
    on: true,
    match: 'http://a/sse/feed',
    pace: 'x1',
    retry: 250,
    responses: [
      {
        status: 200,
        contentType: 'text/event-stream',
        chunks: [
          { at: 0, text: 'retry: 250\n\n' },
          { at: 5, text: 'id: 1\ndata: one\n\n' },
          { at: 105, text: 'id: 2\ndata: two\n\n' },
        ],
        end: { at: 295, how: 'close' },
      },
      { status: 200, contentType: 'text/event-stream', chunks: [{ at: 10, text: 'id: 3\ndata: three\n\n' }] },
    ],
  });
  expect(checkRules([rule])).toEqual([rule]);
  expect(matchesUrl((rule as { match: string }).match, eventSource.url)).toBe(true);
});

test('an EventSource whose stream set its retry plays the field it sent, and no retry of its own', () => {
  // Network capture read the block (an EventSource alone hides `retry:`).
  const first = { ...event(10, 'message', 'one', '1'), retry: 50, raw: 'retry: 50\nid: 1\ndata: one\n\n' };
  const rule = replayRuleFrom({ ...eventSource, events: [first, ...eventSource.events.slice(1)] }, 'r7');
  expect(rule).not.toHaveProperty('retry');
  expect((rule as { responses: { chunks: unknown[] }[] }).responses[0]?.chunks[0]).toEqual({
    at: 5,
    text: 'retry: 50\nid: 1\ndata: one\n\n',
  });
});

test('a fetch stream: its status and type, text chunks as text, a cut character as base64, its end', () => {
  expect(replayRuleFrom(fetchStream, 'r2')).toEqual({
    id: 'r2',
    name: 'http://a/api/chat',
    on: true,
    match: 'http://a/api/chat',
    pace: 'x1',
    responses: [
      {
        status: 201,
        contentType: 'text/event-stream; charset=utf-8',
        chunks: [
          { at: 5, text: ': hi\n\n' },
          { at: 100, base64: btoa('data: \xc3') },
          { at: 105, base64: btoa('\xa9\n\n') },
        ],
        end: { at: 280, how: 'close' },
      },
    ],
  });
});

test('a connection with nothing recorded makes no rule, nor one whose address was masked', () => {
  expect(replayRuleFrom({ ...eventSource, events: [], lifecycle: [] }, 'r3')).toEqual({ noRule: 'empty' });
  expect(replayRuleFrom({ ...fetchStream, chunks: [], events: [] }, 'r4')).toEqual({ noRule: 'empty' });
  expect(replayRuleFrom({ ...fetchStream, url: 'http://a/u/••••/chat?key=••••' }, 'r5')).toEqual({
    noRule: 'masked',
  });
  // A masked query alone still makes one: the pattern matches any query.
  expect(replayRuleFrom({ ...fetchStream, url: 'http://a/api/chat?key=••••' }, 'r6')).toMatchObject({
    match: 'http://a/api/chat',
  });
});
