/**
 * B7, what a replay rule costs a page whose requests it does not answer: the same page workload
 * (an EventSource burst, fetch and XHR streams) in two tabs with the extension, one with no rules
 * and one with a rule on for another URL (the page hook then sets up what replay needs: the
 * EventSource, fetch and XHR wrappers, each request checked against the rule). Rounds interleaved,
 * their order alternated; medians, the rounds' spread, and the ratio (without rule / with).
 */
import type { Page } from 'playwright-core';
import { measureBurst, type Sample } from './burst-sample';
import { median } from './stats';

/** At least nine rounds each, as asked of a "no difference" claim. */
const ROUNDS = Math.max(9, Number(process.env.BENCH_ROUNDS ?? 9));
export const COST_EVENTS = 20_000;
const FETCHES = 60;
const XHRS = 30;
/** Each small stream's events. */
export const SMALL_EVENTS = 50;

interface Figure {
  withoutMs: number;
  withMs: number;
  ratio: number;
  /** Lowest and highest round, without and with. */
  spreadWithout: [number, number];
  spreadWith: [number, number];
  /** The ratio is within what the rounds spread: this measure tells no difference. */
  noDifference: boolean;
}

export interface RuleCostRow {
  workload: string;
  rounds: number;
  pageTime: Figure;
  busy: Figure;
  cpu: Figure;
}

function figure(without: number[], withRule: number[]): Figure {
  const [a, b] = [median(without), median(withRule)];
  const spread = (list: number[]): [number, number] => [Math.min(...list), Math.max(...list)];
  const spreadWithout = spread(without);
  const spreadWith = spread(withRule);
  // Each median inside the other's rounds: the difference is smaller than a round's own noise.
  const noDifference = a >= spreadWith[0] && a <= spreadWith[1] && b >= spreadWithout[0] && b <= spreadWithout[1];
  return { withoutMs: a, withMs: b, ratio: a / b, spreadWithout, spreadWith, noDifference };
}

export async function ruleCost(origin: string, plainTab: Page, ruleTab: Page): Promise<RuleCostRow> {
  const url = `${origin}/pages/bench-requests.html?n=${COST_EVENTS}&fetches=${FETCHES}&xhrs=${XHRS}&manual`;
  const run = async (page: Page) => {
    await page.bringToFront();
    return measureBurst(page, url, 0);
  };
  await run(plainTab); // warm up both
  await run(ruleTab);
  const without: Sample[] = [];
  const withRule: Sample[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      without.push(await run(plainTab));
      withRule.push(await run(ruleTab));
    } else {
      withRule.push(await run(ruleTab));
      without.push(await run(plainTab));
    }
  }
  const of = (key: keyof Sample) =>
    figure(
      without.map((s) => s[key]),
      withRule.map((s) => s[key]),
    );
  return {
    workload: `EventSource burst of ${COST_EVENTS} events, ${FETCHES} fetch and ${XHRS} XHR streams of ${SMALL_EVENTS} events`,
    rounds: ROUNDS,
    pageTime: of('time'),
    busy: of('busy'),
    cpu: of('cpu'),
  };
}
