import { expect, test } from '@playwright/test';
import {
  blockEnd,
  charSplit,
  cutMidLine,
  injectAtBlockEnd,
  midLineCut,
  splitChar,
  tailAfter,
} from '../../src/core/chunk-faults';
import { injectedBlock, injectionProblem } from '../../src/core/injected-block';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (piece: Uint8Array) => new TextDecoder().decode(piece);

test('cut mid-line: halfway through the first line of two bytes or more, never a whole line', () => {
  expect(midLineCut(bytes('id: 3\ndata: x\n\n'))).toBe(2);
  // A blank line or a one-byte line has no middle: the cut is in the next line that has one.
  expect(midLineCut(bytes('\n:\ndata: hello\n\n'))).toBe(3 + 5);
  expect(midLineCut(bytes('\r\n\r\n'))).toBeUndefined();
  expect(midLineCut(bytes('ab'))).toBe(1);
  const cut = cutMidLine(bytes('data: one\n\n'), new Uint8Array(0));
  expect(cut && text(cut.pieces[0] as Uint8Array)).toBe('data');
  expect(cut?.close).toBe(true);
  expect(cutMidLine(bytes('\n'), new Uint8Array(0))).toBeUndefined();
});

test('split char: before the first continuation byte, so both halves are not text alone', () => {
  expect(charSplit(bytes('data: héllo\n\n'))).toBe(8);
  expect(charSplit(bytes('data: plain\n\n'))).toBeUndefined();
  const smile = bytes('🙂');
  expect(charSplit(smile)).toBe(1);
  const split = splitChar(bytes('data: 世界\n\n'), new Uint8Array(0));
  expect(split?.pieces.map((p) => p.byteLength)).toEqual([7, 7]);
  const joined = new TextDecoder().decode(new Uint8Array([...(split?.pieces[0] ?? []), ...(split?.pieces[1] ?? [])]));
  expect(joined).toBe('data: 世界\n\n');
  expect(split?.gapMs).toBeGreaterThan(0);
});

test('block end: after the blank line, whatever the line endings, across chunks', () => {
  const none = new Uint8Array(0);
  expect(blockEnd(none, bytes('data: x'))).toBe(0); // nothing written: the stream's start
  expect(blockEnd(bytes('x\n\n'), none)).toBe(0);
  expect(blockEnd(bytes('\r\n\r\n'), bytes('data: y'))).toBe(0);
  expect(blockEnd(bytes('a: x'), bytes('\n\ndata: y\n\n'))).toBe(2);
  expect(blockEnd(bytes('a: x\n'), bytes('\ndata: y'))).toBe(1);
  // A `\r` ending a blank line takes its `\n` along.
  expect(blockEnd(bytes('a: x\r\n\r'), bytes('\ndata: y'))).toBe(1);
  expect(blockEnd(bytes('a: x\r'), bytes('\r'))).toBe(1);
  expect(blockEnd(bytes('data: x\n'), bytes('data: y\n'))).toBeUndefined();
  expect(text(tailAfter(bytes('ab'), bytes('c\n\n')))).toBe('bc\n\n');
  expect(text(tailAfter(bytes('abcd'), bytes('e')))).toBe('bcde');
});

test('inject: a block put in where one ends, or not in this chunk', () => {
  const block = bytes(injectedBlock({ type: 'note', data: 'hi' }));
  const at = injectAtBlockEnd(block)(bytes('1\n\ndata: 2\n\n'), bytes('a: x\ndata:'));
  expect(at?.pieces.map(text)).toEqual(['1\n\n', 'event: note\ndata: hi\n\n', 'data: 2\n\n']);
  expect(injectAtBlockEnd(block)(bytes('more'), bytes('a: x'))).toBeUndefined();
});

test('the injected block: event line when typed, a data line per line', () => {
  expect(injectedBlock({ type: '', data: 'one' })).toBe('data: one\n\n');
  expect(injectedBlock({ type: 'tick', data: 'a\nb\r\nc\rd' })).toBe(
    'event: tick\ndata: a\ndata: b\ndata: c\ndata: d\n\n',
  );
  expect(injectedBlock({ type: 'x', data: ' lead' })).toBe('event: x\ndata:  lead\n\n');
  expect(injectionProblem({ type: 'a', data: 'é'.repeat(32 * 1024) })).toBeUndefined();
  expect(injectionProblem({ type: 'a', data: 'é'.repeat(32 * 1024 + 1) })).toBe('too-long');
  expect(injectionProblem({ type: 'a\nb', data: '' })).toBe('type-line');
});
