/**
 * What both browsers' fault tests read of faults.html: its log without URLs (`open`, `error 0`,
 * `event a 1`…), and the Last-Event-IDs its stream's requests carried to the server.
 */
import type { SseServer } from '../harness/sse-server';

/** Any page that evaluates a function: Playwright's and puppeteer-core's alike. */
interface Evaluating {
  evaluate<R>(fn: () => R): Promise<R>;
}

export const steps = (page: Evaluating) =>
  page.evaluate(() =>
    (window as unknown as { __log: { what: string; readyState?: number; data?: string; id?: string }[] }).__log
      .filter((e) => e.what !== 'created')
      .map((e) =>
        e.what === 'event' ? `event ${e.data} ${e.id}` : e.what === 'error' ? `error ${e.readyState}` : e.what,
      ),
  );

export const lastEventIds = (server: SseServer) =>
  server.requests.filter((r) => r.path === '/sse/faults').map((r) => r.lastEventId ?? '');

/** The page's log when its stream ends (by the server or a fault) and resumes once: the same either way. */
export const AS_WITHOUT = ['open', 'event a 1', 'event b 2', 'error 0', 'open', 'event c 3', 'error 0', 'error 2'];
