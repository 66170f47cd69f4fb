/**
 * Runs one replay-lab scenario in a fresh tab and condenses what happened: the page's log, the
 * origin server's requests, and what the extension saw or did. Times are ms after the page started.
 */
import type { LabBrowser } from './cdp-pipe';
import { sleep } from './cdp-pipe';
import type { LabServer, PageEntry } from './lab-server';

export interface Scenario {
  tag: string;
  kind: 'es' | 'fetch';
  /** The stream the page opens (a path on the lab server, or any URL). */
  src: string;
  /** How long the page keeps its stream open. */
  stop: number;
  /** Attach chrome.debugger (and Network.enable) to the tab before the page loads. */
  debug?: boolean;
  /** Runs in the extension before the page loads (`TAB` is replaced by the tab id). */
  setup?: string[];
  /** Run in the extension this many ms after the page started. */
  during?: [number, string][];
}

export interface Outcome {
  tag: string;
  page: PageEntry[];
  server: LabServer['requests'];
  extension: { t: number; kind: string; [field: string]: unknown }[];
  start: number;
  /** What each `during` call answered, and when (ms after the navigation was asked for). */
  actions: string[];
}

export async function runScenario(lab: LabBrowser, server: LabServer, s: Scenario): Promise<Outcome> {
  await lab.inExtension('self.lab.reset()');
  const tab = await lab.openTab(`${server.origin}/page?kind=idle&tag=${s.tag}-idle`);
  const inTab = (code: string) => lab.inExtension(code.replaceAll('TAB', String(tab)));
  if (s.debug) await inTab('self.lab.attach(TAB)');
  for (const code of s.setup ?? []) await inTab(code);
  const page = `${server.origin}/page?kind=${s.kind}&tag=${s.tag}&stop=${s.stop}&src=${encodeURIComponent(s.src)}`;
  const started = performance.now();
  await inTab(`self.lab.navigate(TAB, ${JSON.stringify(page)})`);
  const actions: string[] = [];
  for (const [at, code] of s.during ?? []) {
    await sleep(at - (performance.now() - started));
    actions.push(`${Math.round(performance.now() - started)}: ${JSON.stringify(await inTab(code))}`);
  }
  const log = await server.report(s.tag, s.stop + 10_000);
  const extension = await lab.inExtension<Outcome['extension']>('self.lab.log');
  if (s.debug) await inTab('self.lab.detach(TAB)');
  await inTab('self.lab.clearRules()');
  await inTab('self.lab.closeTab(TAB)');
  const start = log[0]?.t ?? 0;
  return { tag: s.tag, actions, page: log, server: server.requests.filter((r) => r.tag === s.tag), extension, start };
}

const at = (t: number, start: number) => Math.round(t - start);

/** The page's log as one line: `ms:kind#id rsN`, runs of messages shortened to first … last. */
export function pageLine(o: Outcome): string {
  const parts = o.page.map((e) => {
    const id = e.id === undefined ? '' : `#${e.id}`;
    const rs = e.rs === undefined ? '' : ` rs${e.rs}`;
    const trust = e.trusted === false ? ' untrusted' : '';
    const detail = e.k === 'response' || (e.k === 'error' && e.detail) ? ` ${e.detail}` : '';
    return `${at(e.t, o.start)}:${e.k}${id}${rs}${trust}${detail}`;
  });
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let j = i;
    while (
      j + 1 < parts.length &&
      /:(message|chunk)#/.test(parts[j + 1] ?? '') &&
      /:(message|chunk)#/.test(parts[i] ?? '')
    )
      j++;
    out.push(j - i > 2 ? `${parts[i]} … ${parts[j]} (${j - i + 1})` : (parts.slice(i, j + 1).join(' ') as string));
    i = j;
  }
  return out.join(' ');
}

export function serverLine(o: Outcome): string {
  return o.server
    .map((r) => `${at(r.t, o.start)}:${r.status} LEI=${r.lastEventId ?? '-'} ${r.end ?? 'open'}`)
    .join(' | ');
}

export function extensionLine(o: Outcome, kinds: RegExp): string {
  return o.extension
    .filter((e) => kinds.test(e.kind))
    .map((e) => {
      const { t, kind, ...rest } = e;
      return `${at(t, o.start)}:${kind} ${JSON.stringify(rest)}`;
    })
    .join(' | ');
}

const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? Number.NaN;

/**
 * Cadence error of the first response: each event's time after the first event, against the
 * recording's (id × gap); p50/p95 of the absolute difference, in ms. Anchoring on the first event
 * keeps the page's and the source's clocks apart.
 */
export function cadence(o: Outcome, gap: number): { p50: number; p95: number; events: number } {
  const first = o.page.findIndex((e) => e.k === 'message' || e.k === 'chunk');
  const errorAt = o.page.findIndex((e, i) => i > first && (e.k === 'error' || e.k === 'end'));
  const events = o.page
    .slice(first, errorAt < 0 ? undefined : errorAt)
    .filter((e) => e.k === 'message' || e.k === 'chunk');
  const base = events[0];
  if (!base) return { p50: Number.NaN, p95: Number.NaN, events: 0 };
  const errors = events.slice(1).map((e) => Math.abs(e.t - base.t - (Number(e.id) - Number(base.id)) * gap));
  const round = (x: number) => Math.round(x * 10) / 10;
  return { p50: round(percentile(errors, 50)), p95: round(percentile(errors, 95)), events: events.length };
}
