/**
 * How the EventSources' read events reach the relay: over the private port, as structured clones
 * (a string is copied, not escaped and parsed again), each message numbered and kept until the
 * relay acknowledges it. A port message is in flight for a task, and lost if the frame goes
 * meanwhile (a frame removed, a page left): at `pagehide` the relay asks over the synchronous line
 * (./signal), and what it has not acknowledged goes again over that line, with what is still
 * queued. The relay keeps each number once.
 */

import type { PageToRelay } from '../messages/messages';
import { list } from './event-columns';
import type { SyncLine } from './signal';

type Numbered = PageToRelay & { n: number };

/**
 * Messages kept for the relay's word at most: a task or two's worth are in flight; a relay that
 * never answers (a same-origin parent holding the port) does not make the page keep them all.
 */
const KEPT_MAX = 16;

export interface Delivery {
  post(message: PageToRelay): void;
  /** The relay has kept every message up to `n`. */
  acked(n: number): void;
}

export function createDelivery(port: (message: PageToRelay) => void, line: SyncLine, readNow: () => void): Delivery {
  let sent = 0;
  let unacked = list<Numbered>();
  let flushing = false;
  line.onFlush(() => {
    const again = unacked;
    unacked = list();
    for (let i = 0; i < again.length; i++) line.send(again[i] as Numbered);
    flushing = true;
    try {
      readNow();
    } finally {
      flushing = false;
    }
  });
  function acked(n: number): void {
    let keep = 0;
    while (keep < unacked.length && (unacked[keep] as Numbered).n <= n) keep++;
    if (keep === 0) return;
    const rest = list<Numbered>();
    for (let i = keep; i < unacked.length; i++) rest[rest.length] = unacked[i] as Numbered;
    unacked = rest;
  }
  return {
    post(message) {
      const numbered = message as Numbered;
      sent++;
      numbered.n = sent;
      if (flushing) {
        line.send(numbered);
        return;
      }
      if (unacked.length >= KEPT_MAX) acked((unacked[0] as Numbered).n);
      unacked[unacked.length] = numbered;
      port(numbered);
    },
    acked,
  };
}
