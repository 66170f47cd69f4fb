/**
 * Faults on a connection a replay rule answers: the page hook plays it, so every fault can be done
 * faithfully in both browsers — drop it now, hold it, delay its chunks, inject an event, cut the
 * next block mid-line, split the next multi-byte character; and, for an EventSource, break its next
 * reconnect in each way a server or a network could. The user asks in the panel; the worker passes
 * it to the document's relay, which records it and hands it over the private port.
 */
import { cutMidLine, splitChar } from '../../core/chunk-faults';
import { type Injection, injectedBlock } from '../../core/injected-block';
import type { FaultKind } from '../../core/model';
import type { Player } from '../../core/replay-player';
import { apply, natives } from '../natives';
import { chunkBytes } from './chunk-bytes';

/** What an EventSource's next reconnect can meet. */
export type ReconnectFault = 'fail-next' | 'cut-next' | 'fail-204' | 'fail-404' | 'fail-500' | 'wrong-type';

/** A replayed connection, as its faults reach it. */
export interface FaultTarget {
  /** The player of the response playing now, if one is. */
  player(): Player | undefined;
  /** An EventSource: its next reconnect meets this. */
  armReconnect?(fault: ReconnectFault): void;
}

export interface ReplayFault {
  fault: FaultKind;
  ms?: number;
  inject?: Injection;
}

const RECONNECT: Record<string, true> = {
  __proto__: null,
  'fail-next': true,
  'cut-next': true,
  'fail-204': true,
  'fail-404': true,
  'fail-500': true,
  'wrong-type': true,
} as never;

export function applyReplayFault(target: FaultTarget, { fault, ms, inject }: ReplayFault): void {
  if (RECONNECT[fault]) {
    target.armReconnect?.(fault as ReconnectFault);
    return;
  }
  const player = target.player();
  if (!player) return;
  if (fault === 'drop') player.drop();
  else if (fault === 'hold' && ms !== undefined) {
    player.pause();
    apply(natives.setTimeout, globalThis, [() => player.resume(), ms]);
  } else if (fault === 'delay' && ms !== undefined) player.shift(ms);
  else if (fault === 'inject' && inject) player.inject(chunkBytes({ at: 0, text: injectedBlock(inject) }));
  else if (fault === 'cut-mid-line') player.rewriteNext(cutMidLine);
  else if (fault === 'split-char') player.rewriteNext(splitChar);
}
