/**
 * A page with a large backlog, for the progress bar's tests in both browsers: a server whose
 * /bench/feed sends `n` numbered events in one write (bench-feed.html reads them and says when).
 */
import { type SseServer, startSseServer } from '../harness/sse-server';

export const PAGES_DIR = new URL('../fixtures/pages/', import.meta.url).pathname;

export function backlogServer(n: number): Promise<SseServer> {
  let text = '';
  for (let i = 1; i <= n; i++) text += `id: ${i}\ndata: {"n":${i}}\n\n`;
  return startSseServer({ pagesDir: PAGES_DIR, routes: { '/bench/feed': () => ({ stream: [text], holdMs: 10_000 }) } });
}

/** The bar's words for `done` of `total`, in English. */
export const barWords = (done: number, total: number) =>
  `Records loaded: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
