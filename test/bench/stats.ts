/** The middle value (the upper one of an even count): what every benchmark quotes of its rounds. */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** The value a share `q` (0–1) of them are at or under (nearest rank): p95 is `quantile(values, 0.95)`. */
export const quantile = (values: readonly number[], q: number): number =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))
  ] as number;

/** A seeded generator (mulberry32): the same figures give the same interval on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export interface Interval {
  median: number;
  low: number;
  high: number;
}

/**
 * The median and its bootstrap 95% interval (percentile method): `resamples` times, as many values
 * drawn with replacement as there are, and the 2.5th and 97.5th percentiles of their medians.
 * Seeded, so a set of figures always gives the same interval.
 */
export function medianInterval(values: readonly number[], resamples = 4000, seed = 1): Interval {
  if (values.length === 0) throw new Error('no values');
  const random = seeded(seed);
  const medians = new Float64Array(resamples);
  const draw = new Float64Array(values.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < values.length; i++) draw[i] = values[Math.floor(random() * values.length)] as number;
    draw.sort();
    medians[r] = draw[Math.floor(values.length / 2)] as number;
  }
  medians.sort();
  return {
    median: median(values),
    low: medians[Math.floor(resamples * 0.025)] as number,
    high: medians[Math.min(resamples - 1, Math.ceil(resamples * 0.975) - 1)] as number,
  };
}

/** Two builds differ only when their medians' intervals do not overlap: otherwise the run cannot tell. */
export const differs = (a: Interval, b: Interval): boolean => a.high < b.low || b.high < a.low;
