/**
 * A rule played by hand: "next chunk" writes the next recorded chunk; "next event" writes up to the
 * end of the next event wherever the chunks cut it (a chunk holding two, an event over two chunks,
 * a CRLF split between them), or up to the next line for a body that is not an event stream.
 */
import { expect, test } from '@playwright/test';
import { Player } from '../../src/core/replay-player';
import type { ReplayChunk, ReplayResponse } from '../../src/core/replay-rule';

function byHand(texts: string[], contentType = 'text/event-stream', end = true) {
  const written: string[] = [];
  const ended: string[] = [];
  const response: ReplayResponse = {
    status: 200,
    contentType,
    chunks: texts.map((text, i): ReplayChunk => ({ at: i * 100, text })),
    ...(end ? { end: { at: texts.length * 100, how: 'close' as const } } : {}),
  };
  const host = {
    now: () => performance.now(),
    setTimeout: (run: () => void, ms: number) => setTimeout(run, ms),
    clearTimeout: (timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    bytes: (c: ReplayChunk) => new TextEncoder().encode(c.text ?? ''),
  };
  const out = { write: (c: ReplayChunk) => written.push(c.text ?? ''), end: (how: string) => ended.push(how) };
  const player = new Player(response, 'step', out, host);
  player.start(false);
  return { player, written, ended };
}

test('next event: one at a time, however the chunks cut them; a comment goes with the next', () => {
  const { player, written, ended } = byHand([
    'data: a\n\ndata: b\n',
    '\n: a comment block dispatches nothing\n\nid: 3\ndata: c\r',
    '\n\r\ndata\r\r',
  ]);
  const steps: string[][] = [];
  for (let i = 0; i < 5; i++) {
    player.stepEvent();
    steps.push(written.splice(0));
  }
  expect(steps).toEqual([
    ['data: a\n\n'],
    ['data: b\n', '\n'],
    [': a comment block dispatches nothing\n\nid: 3\ndata: c\r', '\n\r\n'],
    ['data\r\r'],
    [],
  ]);
  expect(ended).toEqual(['close']);
});

test('next chunk writes what is left of a chunk an event step cut, then whole chunks', () => {
  const { player, written } = byHand(['data: a\n\ndata: b\n\n', 'data: c\n\n'], 'text/event-stream', false);
  player.stepEvent();
  player.step();
  player.step();
  expect(written).toEqual(['data: a\n\n', 'data: b\n\n', 'data: c\n\n']);
});

test('a body that is not an event stream steps a line at a time', () => {
  const { player, written } = byHand(['{"n":1}\n{"n":2}\n', '{"n":3}\n'], 'application/x-ndjson');
  for (let i = 0; i < 3; i++) player.stepEvent();
  expect(written).toEqual(['{"n":1}\n', '{"n":2}\n', '{"n":3}\n']);
});
