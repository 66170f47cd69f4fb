/**
 * `npm run bench`, in real Chromium: B1 what the extension costs a page, B2 completeness and latency
 * with the panel open, B3 a fetch stream's cost, B4 the panel at 100k and 1M events, B5 memory,
 * B6 the Response view on a 100k-event LLM stream, B7 replay rules (cadence, and the cost of a rule
 * that answers nothing the page asks). Prints the figures and writes bench-results.json.
 * BENCH=page|delivery|panel|memory|llm|replay runs one; BENCH=profile prints where
 * the relay's time goes under a burst instead, and BENCH=builds compares builds of the extension
 * (one-line experiments, see compare-builds.ts).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { compareBuilds } from './compare-builds';
import { benchDelivery } from './delivery';
import { benchLlm } from './llm-scale';
import { benchMemory } from './memory';
import { benchPageCost } from './page-cost';
import { benchPanel } from './panel-scale';
import { profileRelay } from './relay-profile';
import { benchReplay } from './replay';

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const only = process.env.BENCH;
  if (only === 'profile') {
    await profileRelay(print);
    return;
  }
  if (only === 'builds') {
    await compareBuilds(print);
    return;
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  print(
    `${machine}; load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (1, 5, 15 min)`,
  );
  const pageCost = only === undefined || only === 'page' ? await benchPageCost(print) : undefined;
  const delivery = only === undefined || only === 'delivery' ? await benchDelivery(print) : undefined;
  const panel = only === undefined || only === 'panel' ? await benchPanel(print) : undefined;
  const memory = only === undefined || only === 'memory' ? await benchMemory(print) : undefined;
  const llm = only === undefined || only === 'llm' ? await benchLlm(print) : undefined;
  const replay = only === undefined || only === 'replay' ? await benchReplay(print) : undefined;
  writeFileSync(
    'bench-results.json',
    `${JSON.stringify({ date: new Date().toISOString(), machine, load: loadavg(), pageCost, delivery, panel, memory, llm, replay }, null, 2)}\n`,
  );
  print('Written to bench-results.json.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
