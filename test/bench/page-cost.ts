/**
 * B1, what SSE Scope costs a page. A page receives a burst of N events as fast as a
 * local server sends them (handlers set with `onmessage` and with `addEventListener`, small and
 * 4 KB payloads); its time from first to last event is measured with and without the extension,
 * rounds interleaved, medians quoted, and given as a ratio (without / with: 1.00 is free).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { launchPlain, launchWithExtension } from '../../src/dev/launch';
import { type SseServer, startSseServer } from '../../src/dev/sse-server';

const N = Number(process.env.BENCH_EVENTS ?? 50_000);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Variant {
  name: string;
  size: number;
  handler: 'onmessage' | 'addEventListener';
}

const VARIANTS: Variant[] = [
  { name: 'small, onmessage', size: 16, handler: 'onmessage' },
  { name: 'small, addEventListener', size: 16, handler: 'addEventListener' },
  { name: '4 KB, onmessage', size: 4096, handler: 'onmessage' },
];

/** The whole burst, pre-built so the server only writes. */
function burst(count: number, size: number): string {
  const data = 'x'.repeat(size);
  let text = '';
  for (let i = 1; i <= count; i++) text += `id: ${i}\ndata: ${data}\n\n`;
  return text;
}

async function pageTime(owner: Browser | BrowserContext, server: SseServer, variant: Variant): Promise<number> {
  const page = await owner.newPage();
  try {
    const query = `n=${N}&size=${variant.size}&handler=${variant.handler}`;
    await page.goto(`${server.origin}/pages/burst.html?${query}`);
    const result = await page.waitForFunction(() => (window as { __result?: number }).__result, null, {
      timeout: 120_000,
    });
    return (await result.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

export interface PageCostRow {
  variant: string;
  events: number;
  withoutMs: number;
  withMs: number;
  ratio: number;
  rounds: { without: number[]; with: number[] };
}

export async function benchPageCost(print: (line: string) => void): Promise<PageCostRow[]> {
  const bursts = new Map<string, string>();
  const server = await startSseServer({
    pagesDir: new URL('../fixtures/pages/', import.meta.url).pathname,
    routes: {
      '/bench/burst': ({ url }) => {
        const key = `${url.searchParams.get('n')}/${url.searchParams.get('size')}`;
        let text = bursts.get(key);
        if (!text) {
          text = burst(Number(url.searchParams.get('n')), Number(url.searchParams.get('size')));
          bursts.set(key, text);
        }
        return { stream: [text], holdMs: 30_000 };
      },
    },
  });
  const plain = await launchPlain();
  const extension = await launchWithExtension();
  const rows: PageCostRow[] = [];
  try {
    // BENCH_VARIANT=4KB (say) runs only the variants whose name contains it.
    const only = process.env.BENCH_VARIANT;
    for (const variant of VARIANTS.filter((v) => !only || v.name.replace(/\s/g, '').includes(only))) {
      const without: number[] = [];
      const withExtension: number[] = [];
      await pageTime(plain, server, variant); // warm up both
      await pageTime(extension.context, server, variant);
      for (let round = 0; round < ROUNDS; round++) {
        without.push(await pageTime(plain, server, variant));
        withExtension.push(await pageTime(extension.context, server, variant));
      }
      const row = {
        variant: variant.name,
        events: N,
        withoutMs: median(without),
        withMs: median(withExtension),
        ratio: median(without) / median(withExtension),
        rounds: { without, with: withExtension },
      };
      rows.push(row);
      print(
        `B1 ${row.variant.padEnd(26)} ${N} events  without ${row.withoutMs.toFixed(0).padStart(5)} ms  with ${row.withMs
          .toFixed(0)
          .padStart(5)} ms  ratio ${row.ratio.toFixed(2)}`,
      );
    }
  } finally {
    await extension.close();
    await plain.close();
    await server.close();
  }
  print(`B1: medians of ${ROUNDS} interleaved rounds; ratio = without / with (1.00 = no cost).`);
  return rows;
}
