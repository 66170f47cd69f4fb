/**
 * A replay rule's answer to a fetch: a `Response` whose body is written at the rule's pace, so the
 * page's code reads it exactly as it reads a server's stream (the fetch hook then captures it as
 * any stream, marked as replayed). No request leaves the page. What differs from a network
 * response, and a page could notice: `url` is empty, `type` is `default`, `statusText` is empty
 * (README, "Replay rules").
 *
 * The page's AbortSignal is honoured: aborted before, the fetch rejects with its reason; during,
 * the body errors with it, as a network fetch's does.
 */

import type { Player } from '../../core/replay-player';
import type { ReplayResponse, ReplayRule } from '../../core/replay-rule';
import { readBranded } from '../brands';
import { accessor, apply, construct, natives, read, weakGet, weakSet } from '../natives';
import { ownValue } from '../stream-request';
import { chunkBytes } from './chunk-bytes';
import type { ReplayBook } from './replay-book';

/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY: Record<number, true> = { __proto__: null, 204: true, 205: true, 304: true } as never;

export function createFetchReplay(book: ReplayBook) {
  const NativeResponse = Response;
  const NativeReadableStream = ReadableStream;
  const NativeTypeError = TypeError;
  const controllerProto = ReadableStreamDefaultController.prototype;
  const enqueue = controllerProto.enqueue;
  const closeStream = controllerProto.close;
  const errorStream = controllerProto.error;
  const aborted = accessor(AbortSignal.prototype, 'aborted');
  const reason = accessor(AbortSignal.prototype, 'reason');
  const resolve = Promise.resolve;
  const reject = Promise.reject;
  const NativePromise = Promise;

  /** Each replayed body's player, for the faults the user puts on its connection. */
  const players = new WeakMap<object, () => Player | undefined>();

  function body(
    response: ReplayResponse,
    rule: ReplayRule,
    signal: AbortSignal | undefined,
    playing: (player: () => Player | undefined) => void,
  ): ReadableStream {
    let player: Player | undefined;
    playing(() => player);
    let done = false;
    return construct(NativeReadableStream, [
      {
        start(controller: ReadableStreamDefaultController) {
          const fail = (error: unknown) => {
            if (done) return;
            done = true;
            player?.stop();
            apply(errorStream, controller, [error]);
          };
          if (signal)
            apply(natives.addEventListener, signal, [
              'abort',
              () => fail(read<unknown>(reason, signal)),
              { once: true },
            ]);
          player = book.play(rule, response, {
            write: (chunk) => {
              if (!done) apply(enqueue, controller, [chunkBytes(chunk)]);
            },
            end: (how) => {
              if (how === 'error') fail(construct(NativeTypeError, ['network error']));
              else if (!done) {
                done = true;
                apply(closeStream, controller, []);
              }
            },
          });
        },
        cancel() {
          done = true;
          player?.stop();
        },
      },
    ]) as ReadableStream;
  }

  const requestSignal = accessor(Request.prototype, 'signal');

  /** The request's AbortSignal: init's, else the Request's. */
  function signalOf(args: unknown[]): unknown {
    const init = args[1];
    const own = typeof init === 'object' && init !== null ? ownValue(init, 'signal') : undefined;
    return own ?? readBranded<AbortSignal>(requestSignal, args[0]);
  }

  /** The page's fetch (its arguments) of a URL a rule answers: its answer, as a promise like fetch's. */
  function replayFetch(rule: ReplayRule, args: unknown[]): Promise<Response> {
    const signal = signalOf(args);
    const abortSignal = readBranded<boolean>(aborted, signal) === undefined ? undefined : (signal as AbortSignal);
    if (abortSignal && read<boolean>(aborted, abortSignal))
      return apply(reject, NativePromise, [read<unknown>(reason, abortSignal)]) as Promise<Response>;
    const response = book.nextResponse(rule);
    // No status below 200 can be a Response: the browser would have failed such a fetch.
    if (response.status < 200)
      return apply(reject, NativePromise, [construct(NativeTypeError, ['Failed to fetch'])]) as Promise<Response>;
    const init = { status: response.status, headers: [['content-type', response.contentType]] };
    let playerOf: (() => Player | undefined) | undefined;
    const stream = NULL_BODY[response.status]
      ? null
      : body(response, rule, abortSignal, (player) => {
          playerOf = player;
        });
    const answer = construct(NativeResponse, [stream, init]) as Response;
    if (playerOf) weakSet(players, answer, playerOf);
    return apply(resolve, NativePromise, [answer]) as Promise<Response>;
  }

  return {
    fetch: replayFetch,
    /** The player of a replayed answer's body, while it plays. */
    playerOf: (answer: object) => weakGet(players, answer)?.(),
  };
}
