/** The benchmarks' statistics: the median's bootstrap interval and when two builds are said to differ. */
import { expect, test } from '@playwright/test';
import { differs, median, medianInterval, quantile } from '../bench/stats';

test('median and quantile: the upper middle of an even count, the nearest rank', () => {
  expect(median([4, 1, 3, 2])).toBe(3);
  expect(median([5])).toBe(5);
  expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
  expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
});

test('the interval holds the median, lies within the values, and is the same for the same figures', () => {
  const values = [10.2, 9.8, 10.5, 11.9, 10.1, 9.7, 10.0, 10.3, 14.0, 9.9, 10.4, 10.2, 9.6, 10.8, 10.1];
  const interval = medianInterval(values);
  expect(interval.median).toBe(10.2);
  expect(interval.low).toBeLessThanOrEqual(interval.median);
  expect(interval.high).toBeGreaterThanOrEqual(interval.median);
  expect(interval.low).toBeGreaterThanOrEqual(9.6);
  expect(interval.high).toBeLessThanOrEqual(14.0);
  // Far narrower than the spread: one outlier (14.0) does not widen it.
  expect(interval.high - interval.low).toBeLessThan(1);
  expect(medianInterval(values)).toEqual(interval);
  // All the same: no width at all.
  expect(medianInterval([3, 3, 3, 3])).toEqual({ median: 3, low: 3, high: 3 });
});

test('more rounds, a narrower interval; known quantiles of a uniform sample', () => {
  const uniform = (n: number) => Array.from({ length: n }, (_, i) => (i + 0.5) / n);
  const few = medianInterval(uniform(15));
  const many = medianInterval(uniform(151));
  expect(many.high - many.low).toBeLessThan(few.high - few.low);
  // The median of n uniform values has sd ≈ 1 / (2√n): the 95% interval ≈ ±1.96 of it.
  const expected = 2 * 1.96 * (1 / (2 * Math.sqrt(151)));
  expect(Math.abs(many.high - many.low - expected)).toBeLessThan(expected * 0.35);
});

test('builds differ only when the intervals do not overlap', () => {
  const a = { median: 10, low: 9.5, high: 10.5 };
  expect(differs(a, { median: 11, low: 10.6, high: 11.4 })).toBe(true);
  expect(differs({ median: 11, low: 10.6, high: 11.4 }, a)).toBe(true);
  expect(differs(a, { median: 11, low: 10.5, high: 11.4 })).toBe(false);
  expect(differs(a, { median: 10.2, low: 9.9, high: 10.4 })).toBe(false);
  // Same medians from noisy and quiet rounds: no difference claimed.
  const noisy = medianInterval([8, 12, 9, 11, 10, 13, 7, 10, 10, 9, 11, 12, 8, 10, 10]);
  const quiet = medianInterval([10, 10.1, 9.9, 10, 10.05, 9.95, 10, 10, 10.1, 9.9, 10, 10, 10, 10.02, 9.98]);
  expect(differs(noisy, quiet)).toBe(false);
});
