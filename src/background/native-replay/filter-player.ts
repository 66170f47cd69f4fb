/**
 * Plays a recorded response into a stream filter in place of the body it filters: the upstream
 * bytes are dropped, the recording's are written at the rule's pace from the moment the filter
 * starts, and the filter closes at the recording's end, which the page's EventSource takes as the
 * server closing the stream.
 */
import { fromBase64 } from '../../core/base64';
import { Player, type ReplayHost } from '../../core/replay-player';
import type { ReplayChunk, ReplayPace, ReplayResponse } from '../../core/replay-rule';
import type { StreamFilter } from '../../platform/browser';

const ENCODER = new TextEncoder();
const bytesOf = (chunk: ReplayChunk) =>
  chunk.text !== undefined ? ENCODER.encode(chunk.text) : fromBase64(chunk.base64 ?? '');

const WORKER_HOST: ReplayHost = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  bytes: bytesOf,
};

export interface FilterPlayerEnds {
  /** The recording ended and the filter closed: the EventSource reconnects. */
  played(): void;
  /** The request went away first (the page closed its EventSource, or left). */
  gone(): void;
}

export function playIntoFilter(
  filter: StreamFilter,
  response: ReplayResponse,
  pace: ReplayPace,
  paused: boolean,
  ends: FilterPlayerEnds,
): Player {
  let over = false;
  const gone = () => {
    if (over) return;
    over = true;
    player.stop();
    ends.gone();
  };
  const player = new Player(
    response,
    pace,
    {
      write: (chunk) => {
        try {
          filter.write(bytesOf(chunk));
        } catch {
          gone();
        }
      },
      end: () => {
        if (over) return;
        over = true;
        ends.played();
        filter.close();
      },
    },
    WORKER_HOST,
  );
  filter.ondata = () => undefined;
  // The document's own answer may end long before the recording does: the filter stays open.
  filter.onstop = () => undefined;
  filter.onerror = gone;
  filter.onstart = () => player.start(paused);
  return player;
}
