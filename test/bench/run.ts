/**
 * `npm run bench`, in real Chromium: B1 what the extension costs a page, B2 completeness and latency
 * with the panel open, B3 a fetch stream's cost, B4 the panel at 100k and 1M events, B5 memory,
 * B6 the Response view on a 100k-event LLM stream. Prints the figures and writes
 * bench-results.json. BENCH=page|delivery|panel|memory|llm runs one; BENCH=profile prints where
 * the relay's time goes under a burst instead, and BENCH=builds compares builds of the extension
 * (one-line experiments, see compare-builds.ts).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { compareBuilds } from './compare-builds';
import { benchDelivery } from './delivery';
import { benchLlm } from './llm-scale';
import { benchMemory } from './memory';
import { benchPageCost } from './page-cost';
import { benchPanel } from './panel-scale';
import { profileRelay } from './relay-profile';

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
  print(machine);
  const pageCost = only === undefined || only === 'page' ? await benchPageCost(print) : undefined;
  const delivery = only === undefined || only === 'delivery' ? await benchDelivery(print) : undefined;
  const panel = only === undefined || only === 'panel' ? await benchPanel(print) : undefined;
  const memory = only === undefined || only === 'memory' ? await benchMemory(print) : undefined;
  const llm = only === undefined || only === 'llm' ? await benchLlm(print) : undefined;
  writeFileSync(
    'bench-results.json',
    `${JSON.stringify({ date: new Date().toISOString(), machine, pageCost, delivery, panel, memory, llm }, null, 2)}\n`,
  );
  print('Written to bench-results.json.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
