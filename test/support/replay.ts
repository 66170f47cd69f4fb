/** Replay rules in tests: set for a tab as its panel sets them, over a panel's port to the worker. */

import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import type { ReplayRule } from '../../src/core/replay-rule';
import type { CaptureFile } from '../../src/files/capture-file';
import { replayRuleFrom } from '../../src/files/replay-from-capture';

/**
 * Sets the tab's rules from an extension page (the panel), as the panel does, and resolves with
 * the worker's answer: the rules it keeps, or the problem it refused them for.
 */
export function setRules(extensionPage: Page | FirefoxPage, tabId: number, rules: unknown): Promise<unknown> {
  // Both drivers pass plain data to the page as it is.
  return (extensionPage as Page).evaluate(
    ([tab, list]) =>
      new Promise((resolve) => {
        type Port = {
          onMessage: { addListener(f: (msg: { type: string; rules?: unknown; problem?: unknown }) => void): void };
          postMessage(msg: unknown): void;
        };
        const runtime = (globalThis as unknown as { chrome: { runtime: { connect(o: object): Port } } }).chrome.runtime;
        const port = runtime.connect({ name: 'sse-scope/panel' });
        const sent = { brand: 'sse-scope', v: 1 };
        port.onMessage.addListener((msg) => {
          if (msg.type === 'replay-refused') resolve(msg.problem);
          // The first list is the tab's as it was; the answer is the next.
          else if (msg.type === 'replay-rules' && subscribed) resolve(msg.rules);
          else if (msg.type === 'replay-rules') {
            subscribed = true;
            port.postMessage({ ...sent, type: 'replay-rules', rules: list });
          }
        });
        let subscribed = false;
        port.postMessage({ ...sent, type: 'subscribe', tabId: tab, cursors: {} });
        setTimeout(() => resolve('no answer'), 5000);
      }),
    [tabId, rules] as const,
  );
}

/** A rule from a captured connection, as the panel's "Replay this stream…" makes it. */
export function ruleOf(file: CaptureFile, url: string, id: string): ReplayRule {
  const connection = file.connections.find((c) => c.url === url);
  if (!connection) throw new Error(`no connection to ${url}`);
  const rule = replayRuleFrom(connection, id);
  if ('noRule' in rule) throw new Error(`no rule from ${url}: ${rule.noRule}`);
  return rule;
}

export type { ReplayRule };

/** Where a `readinessRule` answers: a path no fixture route serves (the server says 404). */
const READY_PATH = '/replay-ready';
let readiness = 0;

/**
 * A rule that answers only `untilRulesReached`'s probe: a 200, ended. Rules reach a document a few
 * milliseconds after it starts, or after they change (README, "Replay rules"); a test about what a
 * rule plays, not about that race, adds one to the tab's rules and waits for it. Each is new, so
 * that a list the document already had does not pass for the next.
 */
export function readinessRule(origin: string): ReplayRule {
  readiness += 1;
  return {
    id: `ready-${readiness}`,
    name: 'ready',
    on: true,
    match: `${origin}${READY_PATH}/${readiness}`,
    pace: 'instant',
    responses: [
      { status: 200, contentType: 'text/plain', chunks: [{ at: 0, text: 'ready' }], end: { at: 0, how: 'close' } },
    ],
  };
}

/** Resolves once the page's document has the rules with `rule`: its probe fetch is answered by the rule, not the server's 404. */
export async function untilRulesReached(page: Page | FirefoxPage, rule: ReplayRule): Promise<void> {
  // Both drivers pass plain data to the page as it is.
  const probe = () => (page as Page).evaluate((url) => fetch(url).then((r) => r.status), rule.match);
  await expect.poll(probe, { message: 'the document never had its rules', timeout: 15_000 }).toBe(200);
}

/**
 * `setRules`, then waits until the page's document has heard them (the worker tells the tab and the
 * panel at once); resolves with the worker's answer, the readiness rule left out.
 */
export async function setRulesHeard(
  extensionPage: Page | FirefoxPage,
  page: Page | FirefoxPage,
  tabId: number,
  rules: ReplayRule[],
): Promise<unknown> {
  const ready = readinessRule(new URL(page.url()).origin);
  const answer = await setRules(extensionPage, tabId, [...rules, ready]);
  if (!Array.isArray(answer)) return answer;
  await untilRulesReached(page, ready);
  return answer.filter((r: ReplayRule) => r.id !== ready.id);
}
