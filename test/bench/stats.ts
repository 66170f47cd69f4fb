/** The middle value (the upper one of an even count): what every benchmark quotes of its rounds. */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
