/**
 * `npm run bench`: B1 (what the extension costs a page) and B4 (the panel at 100k and 1M events),
 * in real Chromium. Prints the figures and writes bench-results.json. BENCH=page or BENCH=panel
 * runs one of them.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchDelivery } from './delivery';
import { benchPageCost } from './page-cost';
import { benchPanel } from './panel-scale';

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const only = process.env.BENCH;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  print(machine);
  const pageCost = only === undefined || only === 'page' ? await benchPageCost(print) : undefined;
  const delivery = only === undefined || only === 'delivery' ? await benchDelivery(print) : undefined;
  const panel = only === undefined || only === 'panel' ? await benchPanel(print) : undefined;
  writeFileSync(
    'bench-results.json',
    `${JSON.stringify({ date: new Date().toISOString(), machine, pageCost, delivery, panel }, null, 2)}\n`,
  );
  print('Written to bench-results.json.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
