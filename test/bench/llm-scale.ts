/**
 * B6: the Response view at scale. A page reads a 100,000-event OpenAI chat stream over fetch (text
 * deltas, a tool call's arguments in fragments, reasoning) and, in the same run, 100,000 JSON
 * events of the same envelope and size that no protocol claims. Measured: how long the panel takes to show each once opened
 * (median of several openings: the LLM stream is folded as it is read, the plain one is not), how
 * long the Response tab takes to render the whole answer, and live: with the Response tab open on
 * the stream while its remaining events arrive, how long after the page's last event the panel
 * shows them all, and the panel's frame times meanwhile.
 */
import type { Page } from 'playwright-core';
import { launchWithExtension, tabIdOf } from '../harness/launch';
import { type Step, startSseServer } from '../harness/sse-server';
import { median } from './stats';

const COUNT = 100_000;
const ROUNDS = 5;

function llmEvent(i: number): string {
  let delta: Record<string, unknown>;
  if (i <= 2000) delta = { reasoning_content: `step ${i} ` };
  else if (i <= 3000) delta = { tool_calls: [{ index: 0, function: { arguments: i === 2001 ? '{"q":"' : 'x' } }] };
  else delta = { content: `word${i} ` };
  const chunk = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    model: 'bench-1',
    choices: [{ index: 0, delta }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The same envelope and size, but no protocol claims it (`items`, not `choices`). */
function plainEvent(i: number): string {
  const chunk = {
    id: 'chatcmpl-bench',
    object: 'other.chunk',
    model: 'bench-1',
    items: [{ index: 0, delta: { content: `word${i} ` } }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

function body(kind: string, from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i <= to; i++) parts.push(kind === 'llm' ? llmEvent(i) : plainEvent(i));
  return parts.join('');
}

const shownCount = (panel: Page, n: number) =>
  panel.waitForFunction(
    (count) => document.querySelector('.events')?.getAttribute('aria-rowcount') === String(count),
    n,
    {
      timeout: 300_000,
      polling: 20,
    },
  );

export interface LlmRow {
  kind: string;
  shownMs: number;
  shownRuns: number[];
  responseMs?: number;
  answerChars?: number;
}

export interface LiveRow {
  tab: string;
  lagMs: number;
  frames: number;
  p50: number;
  p95: number;
  max: number;
}

export async function benchLlm(print: (line: string) => void): Promise<{ rows: LlmRow[]; live: LiveRow[] }> {
  const bodies = new Map<string, string>();
  const server = await startSseServer({
    pagesDir: new URL('../fixtures/pages/', import.meta.url).pathname,
    routes: {
      '/bench/llm': ({ url }) => {
        const kind = url.searchParams.get('kind') ?? 'llm';
        const gate = url.searchParams.get('gate');
        if (gate) {
          // The first 10 events, then the rest once the test opens the gate.
          const steps: Step[] = [body(kind, 1, 10), { gate }, body(kind, 11, COUNT), 'data: [DONE]\n\n'];
          return { stream: steps };
        }
        const key = kind;
        const text = bodies.get(key) ?? `${body(kind, 1, COUNT)}${kind === 'llm' ? 'data: [DONE]\n\n' : ''}`;
        bodies.set(key, text);
        return { stream: [text] };
      },
    },
  });
  const extension = await launchWithExtension({ viewport: { width: 1280, height: 800 } });
  const rows: LlmRow[] = [];
  try {
    for (const kind of ['plain', 'llm']) {
      const page = await extension.context.newPage();
      await page.goto(`${server.origin}/pages/bench-llm.html?kind=${kind}`);
      await page.waitForFunction(() => (window as { __result?: boolean }).__result, null, { timeout: 300_000 });
      const tabId = await tabIdOf(extension, page);
      const expected = kind === 'llm' ? COUNT + 1 : COUNT;
      const runs: number[] = [];
      let panel: Page | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        await panel?.close();
        panel = await extension.context.newPage();
        const opened = Date.now();
        await panel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}`);
        await shownCount(panel, expected);
        runs.push(Date.now() - opened);
      }
      if (!panel) throw new Error('no panel');
      const row: LlmRow = { kind, shownMs: median(runs), shownRuns: runs };
      if (kind === 'llm') {
        await panel.locator('.rows .row').first().click();
        const started = Date.now();
        await panel.locator('.detail [data-tab="response"]').click();
        await panel.locator('.detail [data-answer]').waitFor();
        await panel.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
        );
        row.responseMs = Date.now() - started;
        row.answerChars = (await panel.locator('.detail [data-answer]').textContent())?.length ?? 0;
      }
      rows.push(row);
      print(
        `B6 ${kind === 'llm' ? 'OpenAI chat stream' : 'plain JSON events  '}, ${COUNT.toLocaleString('en-US')} events over fetch: panel shows them in ${row.shownMs} ms (median of ${ROUNDS}: ${runs.join(', ')})${row.responseMs === undefined ? '' : `; Response tab with the whole answer (${row.answerChars?.toLocaleString('en-US')} characters) in ${row.responseMs} ms`}`,
      );
      await panel.close();
      await page.close();
    }
    const [plain, llm] = rows as [LlmRow, LlmRow];
    print(
      `B6 ratio: the LLM stream takes ${(llm.shownMs / plain.shownMs).toFixed(2)}× the plain stream's time to show`,
    );

    // Live: the detail open on the stream (its Data tab, then its Response tab) while 99,990 more events arrive.
    const live: LiveRow[] = [];
    for (const tab of ['data', 'response']) {
      const page = await extension.context.newPage();
      await page.goto(`${server.origin}/pages/bench-llm.html?kind=llm&gate=live-${tab}`);
      const panel = await extension.context.newPage();
      await panel.goto(
        `chrome-extension://${extension.extensionId}/panel.html?tabId=${await tabIdOf(extension, page)}`,
      );
      await shownCount(panel, 10);
      await panel.locator('.rows .row').first().click();
      await panel.locator(`.detail [data-tab="${tab}"]`).click();
      await panel.bringToFront();
      await panel.evaluate(`window.__frames = []; {
        let last = performance.now();
        const frame = (now) => { window.__frames.push(now - last); last = now; if (!window.__stop) requestAnimationFrame(frame); };
        requestAnimationFrame(frame);
      }`);
      server.open(`live-${tab}`);
      await page.waitForFunction(() => (window as { __result?: boolean }).__result, null, { timeout: 300_000 });
      const pageDone = Date.now();
      await shownCount(panel, COUNT + 1);
      const lagMs = Date.now() - pageDone;
      const frames = (await panel.evaluate('window.__stop = true, window.__frames')) as number[];
      const sorted = [...frames].sort((a, b) => a - b);
      const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] as number;
      const row = {
        tab,
        lagMs,
        frames: frames.length,
        p50: pick(0.5),
        p95: pick(0.95),
        max: sorted[sorted.length - 1] as number,
      };
      live.push(row);
      print(
        `B6 live, ${tab === 'data' ? 'Data tab    ' : 'Response tab'} open: all ${(COUNT + 1).toLocaleString('en-US')} shown ${lagMs} ms after the page's last; ${row.frames} panel frames, p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, max ${row.max.toFixed(1)} ms`,
      );
      await panel.close();
      await page.close();
    }
    return { rows, live };
  } finally {
    await extension.close();
    await server.close();
  }
}
