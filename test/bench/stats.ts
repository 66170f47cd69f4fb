/** The middle value (the upper one of an even count): what every benchmark quotes of its rounds. */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** The value a share `q` (0–1) of them are at or under (nearest rank): p95 is `quantile(values, 0.95)`. */
export const quantile = (values: readonly number[], q: number): number =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))
  ] as number;
