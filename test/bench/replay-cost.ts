/**
 * B7, what a replay rule costs a page whose requests it does not answer: the same page workload
 * (an EventSource burst, fetch and XHR streams) in two tabs with the extension, one with no rules
 * and one with a rule on for another URL (the page hook then sets up what replay needs: the
 * EventSource, fetch and XHR wrappers, each request checked against the rule). Rounds interleaved,
 * their order alternated, the rule moved to the other tab halfway; medians, the rounds' spread, and
 * the ratio (without rule / with).
 */
import type { Page } from 'playwright-core';
import { measureBurst, type Sample } from './burst-sample';
import { median } from './stats';

/** At least nine rounds each, as asked of a "no difference" claim. */
const HALF = Math.ceil(Math.max(9, Number(process.env.BENCH_ROUNDS ?? 9)) / 2);
export const COST_EVENTS = 20_000;
const FETCHES = 60;
const XHRS = 30;
/** Where the rule tab's rule answers: the workload never asks, and the server has no route there. */
export const ELSEWHERE = '/bench/elsewhere';
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

/**
 * `tabs` take turns, their order alternated. The rule is in the second tab for the first half of the
 * rounds and in the first for the rest (`ruleTo` moves it): what differs between the two tabs'
 * processes is not put down to the rule.
 */
export async function ruleCost(
  origin: string,
  tabs: [Page, Page],
  ruleTo: (tab: Page, other: Page) => Promise<void>,
): Promise<RuleCostRow> {
  const url = `${origin}/pages/bench-requests.html?n=${COST_EVENTS}&fetches=${FETCHES}&xhrs=${XHRS}&manual`;
  const run = async (page: Page) => {
    await page.bringToFront();
    return measureBurst(page, url, 0);
  };
  // The comparison means something only if the rule reached the rule tab's document, and only it.
  const answered = (page: Page) =>
    page.evaluate(async (u) => (await fetch(u)).status, `${origin}${ELSEWHERE}`).catch(() => 0);
  const without: Sample[] = [];
  const withRule: Sample[] = [];
  const turns: [Page, Page][] = [
    [tabs[1], tabs[0]],
    [tabs[0], tabs[1]],
  ];
  for (const [ruled, plain] of turns) {
    await ruleTo(ruled, plain);
    await run(plain); // warm up both
    await run(ruled);
    for (let round = 0; round < HALF; round++) {
      if (round % 2 === 0) {
        without.push(await run(plain));
        withRule.push(await run(ruled));
      } else {
        withRule.push(await run(ruled));
        without.push(await run(plain));
      }
    }
    const statuses = [await answered(ruled), await answered(plain)];
    if (statuses[0] !== 200 || statuses[1] !== 404)
      throw new Error(`the rule for ${ELSEWHERE} answered ${statuses.join(' / ')} (rule tab / plain tab)`);
  }
  const of = (key: keyof Sample) =>
    figure(
      without.map((s) => s[key]),
      withRule.map((s) => s[key]),
    );
  return {
    workload: `EventSource burst of ${COST_EVENTS} events, ${FETCHES} fetch and ${XHRS} XHR streams of ${SMALL_EVENTS} events`,
    rounds: 2 * HALF,
    pageTime: of('time'),
    busy: of('busy'),
    cpu: of('cpu'),
  };
}
