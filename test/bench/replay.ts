/**
 * B7, replay rules in Chromium: how closely each mechanism keeps a recording's cadence
 * (replay-cadence.ts), and what a rule costs a page it does not answer (replay-cost.ts).
 */

import type { Page } from 'playwright-core';
import { launchWithExtension, tabIdOf } from '../harness/launch';
import { startSseServer } from '../harness/sse-server';
import { setRules } from '../support/replay';
import { burst } from './burst-sample';
import {
  type CadenceRow,
  cadenceRound,
  cadenceRow,
  cadenceRule,
  MECHANISMS,
  onTimeRoute,
  RATES,
} from './replay-cadence';
import { ELSEWHERE, type RuleCostRow, ruleCost, SMALL_EVENTS } from './replay-cost';

/** Each stream is read this many times; the errors of all rounds are pooled. */
const CADENCE_ROUNDS = Number(process.env.BENCH_CADENCE_ROUNDS ?? 3);

export interface ReplayResults {
  cadence: CadenceRow[];
  ruleCost: RuleCostRow;
}

const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));

export async function benchReplay(print: (line: string) => void): Promise<ReplayResults> {
  const texts = new Map<number, string>();
  const server = await startSseServer({
    pagesDir: new URL('../fixtures/pages/', import.meta.url).pathname,
    routes: {
      '/bench/on-time': onTimeRoute,
      '/bench/burst': ({ url }) => {
        const n = Number(url.searchParams.get('n'));
        const text = texts.get(n) ?? burst(n, 16);
        texts.set(n, text);
        return { stream: [text], holdMs: 30_000 };
      },
      '/bench/small': () => ({ stream: [burst(SMALL_EVENTS, 16)] }),
    },
  });
  const extension = await launchWithExtension();
  try {
    const panel = await extension.context.newPage();
    const cadencePage = await extension.context.newPage();
    const tabA = await extension.context.newPage();
    const tabB = await extension.context.newPage();
    for (const page of [cadencePage, tabA, tabB]) await page.goto(`${server.origin}/pages/index.html`);
    await panel.goto(
      `chrome-extension://${extension.extensionId}/panel.html?tabId=${await tabIdOf(extension, cadencePage)}`,
    );
    const kept = (await setRules(
      panel,
      await tabIdOf(extension, cadencePage),
      RATES.map((rate) => cadenceRule(server.origin, rate)),
    )) as unknown[];
    if (!Array.isArray(kept) || kept.length !== RATES.length) throw new Error(`rules refused: ${JSON.stringify(kept)}`);

    await cadencePage.goto(`${server.origin}/pages/bench-cadence.html`);
    // A hidden tab's timers run at most once a second.
    await cadencePage.bringToFront();
    const rounds = new Map<string, { errors: number[]; received: number }[]>();
    for (let round = 0; round < CADENCE_ROUNDS; round++)
      for (const rate of RATES)
        for (const mechanism of MECHANISMS)
          for (const source of ['server', 'replay'] as const) {
            const key = `${mechanism}/${source}/${rate}`;
            rounds.set(key, [
              ...(rounds.get(key) ?? []),
              await cadenceRound(cadencePage, server.origin, mechanism, source, rate),
            ]);
          }
    const cadence: CadenceRow[] = [];
    print(
      `B7 cadence at x1: |arrival − first arrival − (recorded offset − first)|, ms, over ${CADENCE_ROUNDS} rounds; p50 / p95 / max, replayed (server, the floor)`,
    );
    for (const mechanism of MECHANISMS)
      for (const rate of RATES) {
        const [server, replay] = (['server', 'replay'] as const).map((source) =>
          cadenceRow(mechanism, source, rate, rounds.get(`${mechanism}/${source}/${rate}`) ?? []),
        ) as [CadenceRow, CadenceRow];
        cadence.push(replay, server);
        const expected = replay.events * CADENCE_ROUNDS;
        print(
          `B7 ${mechanism.padEnd(11)} ${String(rate).padStart(4)}/s ${String(replay.events).padStart(4)} events  ${ms(replay.p50)} / ${ms(replay.p95)} / ${ms(replay.max)}  (${ms(server.p50)} / ${ms(server.p95)} / ${ms(server.max)})${replay.received < expected || server.received < expected ? `  received ${replay.received} (${server.received}) of ${expected}` : ''}`,
        );
      }

    // A rule on, for an address the page never asks for.
    const elsewhere = { ...cadenceRule(server.origin, 10), id: 'elsewhere', match: `${server.origin}${ELSEWHERE}` };
    const ruleTo = async (tab: Page, other: Page) => {
      await setRules(panel, await tabIdOf(extension, other), []);
      const on = await setRules(panel, await tabIdOf(extension, tab), [elsewhere]);
      if (!Array.isArray(on)) throw new Error(`rule refused: ${JSON.stringify(on)}`);
      // setRules leaves its ports subscribed to the tabs, as watching panels would (B1: a cost of its own): gone with the page.
      await panel.reload();
    };
    const cost = await ruleCost(server.origin, [tabA, tabB], ruleTo);
    print(
      `B7 a rule for another URL, ${cost.workload}, ${cost.rounds} interleaved rounds: median without rule → with (rounds' spread), ratio`,
    );
    for (const [name, f] of [
      ['page time', cost.pageTime],
      ['main thread busy', cost.busy],
      ['main thread CPU', cost.cpu],
    ] as const)
      print(
        `B7   ${name.padEnd(17)} ${f.withoutMs.toFixed(0)} → ${f.withMs.toFixed(0)} ms (${f.spreadWithout.map((x) => x.toFixed(0)).join('–')} / ${f.spreadWith.map((x) => x.toFixed(0)).join('–')}), ratio ${f.ratio.toFixed(2)}${f.noDifference ? ': no difference' : ''}`,
      );
    return { cadence, ruleCost: cost };
  } finally {
    await extension.close();
    await server.close();
  }
}
