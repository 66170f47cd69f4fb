/** Replay rules as data: which URLs a pattern names, and what a tab's rules may hold. */
import { expect, test } from '@playwright/test';
import { checkRules, matchesUrl, REPLAY_LIMITS, type ReplayRule, ruleFor } from '../../src/core/replay-rule';

const rule = (over: Partial<ReplayRule> = {}): ReplayRule => ({
  id: 'r1',
  name: 'chat',
  on: true,
  match: 'http://a.test/sse',
  pace: 'x1',
  responses: [{ status: 200, contentType: 'text/event-stream', chunks: [{ at: 0, text: 'data: 1\n\n' }] }],
  ...over,
});

test('a pattern without * names its URL with any query or fragment, and nothing longer', () => {
  const cases: [string, string, boolean][] = [
    ['http://a.test/sse', 'http://a.test/sse', true],
    ['http://a.test/sse', 'http://a.test/sse?room=1', true],
    ['http://a.test/sse', 'http://a.test/sse#x', true],
    ['http://a.test/sse', 'http://a.test/sse2', false],
    ['http://a.test/sse', 'http://a.test/ss', false],
    ['http://a.test/sse?room=1', 'http://a.test/sse?room=1', true],
    ['http://a.test/sse?room=1', 'http://a.test/sse?room=2', false],
    ['http://a.test/*/stream', 'http://a.test/v1/chat/stream', true],
    ['http://a.test/*/stream', 'http://a.test/v1/chat/stream?x', false],
    ['*/stream*', 'https://b.test/stream?x=1', true],
    ['*', 'anything', true],
    ['http://a.test/a*b*c', 'http://a.test/aXbYbZc', true],
    ['http://a.test/a*b*c', 'http://a.test/aXbYbZ', false],
  ];
  const wrong = cases.filter(([pattern, url, want]) => matchesUrl(pattern, url) !== want);
  expect(wrong).toEqual([]);
});

test('the first rule that is on and matches answers; one switched off never does', () => {
  const off = rule({ id: 'off', on: false });
  const on = rule({ id: 'on', match: 'http://a.test/*' });
  expect(ruleFor([off, on], 'http://a.test/sse')?.id).toBe('on');
  expect(ruleFor([off], 'http://a.test/sse')).toBeUndefined();
});

test('a tab’s rules are kept only whole and well-formed, with the field that is not', () => {
  expect(checkRules([rule()])).toEqual([rule()]);
  // Unknown fields are not kept.
  expect(checkRules([{ ...rule(), extra: '<script>' }])).toEqual([rule()]);
  expect(checkRules('nope')).toEqual({ problem: 'not-rules' });
  const bad: [unknown, string][] = [
    [{ ...rule(), match: ' ' }, 'match'],
    [{ ...rule(), pace: 'x3' }, 'pace'],
    [{ ...rule(), on: 'yes' }, 'on'],
    [{ ...rule(), responses: [] }, 'responses'],
    [rule({ responses: [{ status: 99, contentType: 'text/event-stream', chunks: [] }] }), 'status'],
    [
      rule({ responses: [{ status: 200, contentType: 'text/event-stream', chunks: [{ at: -1, text: '' }] }] }),
      'chunks.at',
    ],
    [
      rule({ responses: [{ status: 200, contentType: 'text/event-stream', chunks: [{ at: 0, base64: 'a=b' }] }] }),
      'chunks.text',
    ],
    [
      rule({ responses: [{ status: 200, contentType: 'x', chunks: [], end: { at: 1, how: 'boom' as 'close' } }] }),
      'end',
    ],
  ];
  expect(bad.map(([r]) => checkRules([r]))).toEqual(bad.map(([, field]) => ({ problem: 'bad-field', rule: 0, field })));
  expect(checkRules([rule(), rule()])).toEqual({ problem: 'bad-field', rule: 1, field: 'id' });
  const many = Array.from({ length: REPLAY_LIMITS.rules + 1 }, (_, i) => rule({ id: `r${i}` }));
  expect(checkRules(many)).toEqual({ problem: 'too-many', limit: REPLAY_LIMITS.rules });
  const big = { at: 0, text: 'x'.repeat(REPLAY_LIMITS.chars / 2 + 1) };
  const heavy = [rule({ id: 'a' }), rule({ id: 'b' })].map((r) => ({
    ...r,
    responses: [{ ...r.responses[0], chunks: [big] }],
  }));
  expect(checkRules(heavy)).toEqual({ problem: 'too-large', limit: REPLAY_LIMITS.chars });
});
