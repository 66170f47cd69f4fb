/**
 * B7, cadence: how closely a replay rule played at x1 keeps its recording's times, per mechanism
 * (the EventSource stand-in, fetch's Response, the native XHR played to) at 10, 100 and 1,000
 * events/s. A page notes when each event arrives; an event's error is how far its arrival, counted
 * from the first event's, is from its recorded offset, counted from the first's. The floor: the same
 * stream written by the test server on the same schedule, no rule, read the same way.
 */
import type { Page } from 'playwright-core';
import type { ReplayRule } from '../../src/core/replay-rule';
import type { Route, Step } from '../harness/sse-server';
import { quantile } from './stats';

export const RATES = [10, 100, 1000] as const;
export const MECHANISMS = ['eventsource', 'fetch', 'xhr'] as const;
type Mechanism = (typeof MECHANISMS)[number];

/** Two seconds' worth of events, at least 20. */
const eventsAt = (rate: number) => Math.max(20, 2 * rate);
const block = (i: number) => `id: ${i}\ndata: {"i":${i}}\n\n`;

/** The replayed streams' address for a rate; the server has no route there, so a miss shows. */
export const replayedPath = (rate: number) => `/bench/replayed-${rate}`;

/** The rule that answers replayedPath(rate): one event per chunk, every 1/rate s, at x1. */
export function cadenceRule(origin: string, rate: number): ReplayRule {
  const gap = 1000 / rate;
  return {
    id: `cadence-${rate}`,
    name: `${rate} events/s`,
    on: true,
    match: `${origin}${replayedPath(rate)}`,
    pace: 'x1',
    responses: [
      {
        status: 200,
        contentType: 'text/event-stream',
        chunks: Array.from({ length: eventsAt(rate) }, (_, i) => ({ at: i * gap, text: block(i) })),
      },
    ],
  };
}

/**
 * The server's stream (`?rate=`): each event written when it is due, counted from the first, so that
 * a late timer is not carried into every later event (the server's scripts wait from one step to
 * the next; this iterator works out each wait when it is reached).
 */
export const onTimeRoute: Route = ({ url }) => {
  const rate = Number(url.searchParams.get('rate'));
  const n = eventsAt(rate);
  const steps = Object.assign([] as Step[], {
    *[Symbol.iterator]() {
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const wait = start + (i * 1000) / rate - performance.now();
        if (wait > 0) yield { wait };
        yield block(i);
      }
    },
  });
  return { stream: steps, holdMs: 5000 };
};

export interface CadenceRow {
  mechanism: Mechanism;
  source: 'replay' | 'server';
  rate: number;
  events: number;
  /** Events that arrived, over all rounds, of events × rounds. */
  received: number;
  /** Over every event of every round, in ms. */
  p50: number;
  p95: number;
  max: number;
  /** Each round's p95: how much it moves. */
  roundP95: number[];
}

/** Each arrived event's error, in ms. */
function errors(times: (number | null)[], rate: number): number[] {
  const first = times[0];
  if (typeof first !== 'number') return [];
  const out: number[] = [];
  times.forEach((at, i) => {
    if (typeof at === 'number') out.push(Math.abs(at - first - (i * 1000) / rate));
  });
  return out;
}

/** One stream read on `page` (which is in front, its timers unthrottled): each event's error. */
export async function cadenceRound(
  page: Page,
  origin: string,
  mechanism: Mechanism,
  source: 'replay' | 'server',
  rate: number,
): Promise<{ errors: number[]; received: number }> {
  const n = eventsAt(rate);
  const url = source === 'replay' ? `${origin}${replayedPath(rate)}` : `${origin}/bench/on-time?rate=${rate}`;
  const times = (await page.evaluate(
    ([kind, address, count, limit]) =>
      (
        window as unknown as { __arrivals(k: string, u: string, n: number, l: number): Promise<(number | null)[]> }
      ).__arrivals(kind, address, count, limit),
    [mechanism, url, n, (n * 1000) / rate + 5000] as const,
  )) as (number | null)[];
  return { errors: errors(times, rate), received: times.filter((t) => typeof t === 'number').length };
}

export function cadenceRow(
  mechanism: Mechanism,
  source: 'replay' | 'server',
  rate: number,
  rounds: { errors: number[]; received: number }[],
): CadenceRow {
  const all = rounds.flatMap((r) => r.errors);
  return {
    mechanism,
    source,
    rate,
    events: eventsAt(rate),
    received: rounds.reduce((sum, r) => sum + r.received, 0),
    p50: quantile(all, 0.5),
    p95: quantile(all, 0.95),
    max: Math.max(...all),
    roundP95: rounds.map((r) => quantile(r.errors, 0.95)),
  };
}
