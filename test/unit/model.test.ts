import { expect, test } from '@playwright/test';
import { utf8Length } from '../../src/core/limits';

test('utf8Length counts UTF-8 bytes, a lone surrogate as U+FFFD (3 bytes)', () => {
  expect(utf8Length('')).toBe(0);
  expect(utf8Length('ascii')).toBe(5);
  expect(utf8Length('é')).toBe(2);
  expect(utf8Length('日本')).toBe(6);
  expect(utf8Length('🚀')).toBe(4);
  expect(utf8Length('\ud800')).toBe(3);
  expect(utf8Length('\udc00x')).toBe(4);
  expect(utf8Length('\ud800\ud800\udc00')).toBe(7);
});

test('utf8Length agrees with Node’s encoder on 2,000 random strings', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const ranges = [0x7f, 0x7ff, 0xffff];
  // Disagreements are collected and asserted once: an expect() per string cost most of the test.
  const disagreements: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const codes = Array.from({ length: Math.floor(random() * 40) }, () =>
      Math.floor(random() * ((ranges[Math.floor(random() * 3)] as number) + 1)),
    );
    const text = String.fromCharCode(...codes);
    if (utf8Length(text) !== Buffer.byteLength(text, 'utf8')) disagreements.push(JSON.stringify(text));
  }
  expect(disagreements).toEqual([]);
});
