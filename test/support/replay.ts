/** Replay rules in tests: set for a tab as its panel sets them, over a panel's port to the worker. */
import type { Page } from 'playwright-core';
import { toBase64 } from '../../src/core/base64';
import type { ReplayRule } from '../../src/core/replay-rule';
import type { CaptureFile } from '../../src/files/capture-file';
import { recordedStream } from '../../src/files/recorded-stream';

/**
 * Sets the tab's rules from an extension page (the panel), as the panel does, and resolves with
 * the worker's answer: the rules it keeps, or the problem it refused them for.
 */
export function setRules(extensionPage: Page, tabId: number, rules: unknown): Promise<unknown> {
  return extensionPage.evaluate(
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

/** A rule from a captured connection (the panel's "Replay this stream" makes the same). */
export function ruleOf(file: CaptureFile, url: string, id: string): ReplayRule {
  const connection = file.connections.find((c) => c.url === url);
  if (!connection) throw new Error(`no connection to ${url}`);
  const stream = recordedStream(connection);
  return {
    id,
    name: stream.address,
    on: true,
    match: stream.address,
    pace: 'x1',
    ...(stream.inferredRetry === undefined ? {} : { retry: stream.inferredRetry }),
    responses: stream.responses.map((r) => ({
      status: r.status,
      contentType: r.contentType,
      chunks: r.chunks.map(({ at, value }) =>
        typeof value === 'string' ? { at, text: value } : { at, base64: toBase64(value) },
      ),
      ...(r.end ? { end: { at: r.end.at, how: r.end.value } } : {}),
    })),
  };
}

export type { ReplayRule };
