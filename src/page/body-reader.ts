/**
 * The page's stand-in body for a stream response, and the copy of each chunk it sends on.
 *
 * A byte stream of our own with a high-water mark of 0 reads the native body only when the page
 * reads ours, so the page gets the same chunks at the same pace, back-pressure holds, and a cancel
 * reaches the native body (and so the server). A native read error (an abort, a network error) is
 * passed on as the same object. Everything here was saved before page scripts ran.
 */

import { LIMITS } from '../core/limits';
import type { EndReason, PageRecord } from '../core/model';
import { isNativeError, readBranded } from './brands';
import { accessor, apply, construct, getPrototypeOf, now, read } from './natives';
import type { RecordSink } from './relay-channel';
import { ownValue } from './stream-request';

/** One captured stream, shared by a response and its clones. */
export interface StreamState {
  conn: number;
  ended: boolean;
  /** The first body that delivered bytes: the one captured. */
  owner: object | undefined;
}

/** Our stand-in body for a response, and the native one it reads. */
export interface BodyReader {
  native: ReadableStream<Uint8Array>;
  wrapper: ReadableStream<Uint8Array>;
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
}

export function createBodyReaders(
  sink: RecordSink,
  nativeClone: (this: Response) => Response,
  nativeBody: (this: unknown) => unknown,
) {
  const controllerProto = globalThis.ReadableByteStreamController?.prototype;
  if (!controllerProto) return undefined;
  const then = Promise.prototype.then;
  const NativeReadableStream = ReadableStream;
  const getReader = ReadableStream.prototype.getReader;
  const streamCancel = ReadableStream.prototype.cancel;
  const readerRead = ReadableStreamDefaultReader.prototype.read;
  const readerCancel = ReadableStreamDefaultReader.prototype.cancel;
  const readerClosed = accessor(ReadableStreamDefaultReader.prototype, 'closed');
  const enqueue = controllerProto.enqueue;
  const closeStream = controllerProto.close;
  const errorStream = controllerProto.error;
  const byobRequest = accessor(controllerProto, 'byobRequest');
  const respond = ReadableStreamBYOBRequest.prototype.respond;
  const copyBytes = Uint8Array.prototype.slice;
  const byteLength = accessor(Object.getPrototypeOf(Uint8Array.prototype) as object, 'byteLength');
  const domName = accessor(DOMException.prototype, 'name');
  const domMessage = accessor(DOMException.prototype, 'message');
  const typeErrorProto = TypeError.prototype;
  const response = { clone: nativeClone, body: nativeBody };
  const report = (item: PageRecord, chars = 0) => sink.add(item, chars);

  /** How an error ended a stream: an abort (the page's), or a network error. */
  function outcome(error: unknown): { reason: EndReason; error: string } {
    const name = readBranded<string>(domName, error);
    if (name !== undefined) {
      const text = `${name}: ${read<string>(domMessage, error as DOMException)}`;
      return { reason: name === 'AbortError' || name === 'TimeoutError' ? 'aborted' : 'error', error: text };
    }
    if (isNativeError(error) && getPrototypeOf(error) === typeErrorProto) {
      const text = ownValue(error, 'message');
      return { reason: 'error', error: `TypeError: ${typeof text === 'string' ? text : ''}` };
    }
    // `controller.abort(reason)` with a reason of the page's own: the read rejects with it.
    return { reason: 'aborted', error: 'aborted with a reason of the page’s' };
  }

  function end(state: StreamState, how: EndReason | { error: unknown }): void {
    if (state.ended) return;
    state.ended = true;
    const time = now();
    if (typeof how === 'string') {
      report({ kind: 'lifecycle', time, conn: state.conn, state: 'closed', reason: how });
      return;
    }
    const { reason, error } = outcome(how.error);
    report({
      kind: 'lifecycle',
      time,
      conn: state.conn,
      state: reason === 'error' ? 'failed' : 'closed',
      reason,
      error,
    });
  }

  /** A chunk the page is about to receive: a copy goes to the relay, in pieces if huge. */
  function capture(state: StreamState, owner: object, chunk: Uint8Array): void {
    state.owner ??= owner;
    if (state.owner !== owner || state.ended) return;
    const size = read<number>(byteLength, chunk);
    const time = now();
    for (let from = 0; from < size; from += LIMITS.chunkBytes) {
      const to = from + LIMITS.chunkBytes < size ? from + LIMITS.chunkBytes : size;
      const copy = apply(copyBytes, chunk, [from, to]) as Uint8Array;
      report({ kind: 'chunk-in', time, conn: state.conn, data: copy }, to - from);
    }
  }

  function acquire(wrapped: BodyReader): ReadableStreamDefaultReader<Uint8Array> {
    if (!wrapped.reader)
      wrapped.reader = apply(getReader, wrapped.native, []) as ReadableStreamDefaultReader<Uint8Array>;
    return wrapped.reader;
  }

  /** Our body for a stream response: pulls the native body only when the page reads. */
  function makeReader(state: StreamState, owner: object, native: ReadableStream<Uint8Array>): BodyReader {
    const wrapped = { native, reader: undefined } as unknown as BodyReader;
    let watching = false;
    const source = {
      __proto__: null,
      type: 'bytes',
      pull(controller: ReadableByteStreamController) {
        const reader = acquire(wrapped);
        if (!watching) {
          watching = true;
          // An abort errors the native body at once; the page's reader hears of it at once too.
          apply(then, read(readerClosed, reader), [
            undefined,
            (error: unknown) => {
              end(state, { error });
              try {
                apply(errorStream, controller, [error]);
              } catch {
                // Already errored by a read.
              }
            },
          ]);
        }
        return apply(then, apply(readerRead, reader, []), [
          (result: { done: boolean; value: Uint8Array }) => {
            if (result.done) {
              end(state, 'complete');
              apply(closeStream, controller, []);
              const pending = read<ReadableStreamBYOBRequest | null>(byobRequest, controller);
              if (pending) apply(respond, pending, [0]);
              return;
            }
            const chunk = result.value;
            try {
              capture(state, owner, chunk);
            } catch {
              // The page gets its bytes whatever happens to our copy.
            }
            apply(enqueue, controller, [chunk]);
          },
          (error: unknown) => {
            end(state, { error });
            throw error;
          },
        ]);
      },
      cancel(reason: unknown) {
        end(state, 'cancelled');
        return wrapped.reader ? apply(readerCancel, wrapped.reader, [reason]) : apply(streamCancel, native, [reason]);
      },
    };
    wrapped.wrapper = construct(NativeReadableStream, [source, { __proto__: null, highWaterMark: 0 }]);
    return wrapped;
  }

  /** Reads a native clone to the end for us, while the page's `text()`/`json()`/… reads the original. */
  function readClone(state: StreamState, res: Response): void {
    const copy = apply(response.clone, res, []) as Response;
    const body = read<ReadableStream<Uint8Array> | null>(response.body, copy);
    if (!body) return;
    const reader = apply(getReader, body, []) as ReadableStreamDefaultReader<Uint8Array>;
    const owner = copy;
    const step = (): void => {
      apply(then, apply(readerRead, reader, []), [
        (result: { done: boolean; value: Uint8Array }) => {
          if (result.done) {
            if (state.owner === owner || state.owner === undefined) end(state, 'complete');
            return;
          }
          capture(state, owner, result.value);
          step();
        },
        (error: unknown) => {
          if (state.owner === owner || state.owner === undefined) end(state, { error });
        },
      ]);
    };
    step();
  }

  return { outcome, end, capture, acquire, makeReader, readClone };
}
