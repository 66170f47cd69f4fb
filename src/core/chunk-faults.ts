/**
 * Faults that rewrite the next chunk of a live response on its way to the page (Firefox's stream
 * filters): cut it mid-line, split a multi-byte character across two writes, or put an injected
 * block at the first place a block ends. Pure: where to cut, split or insert, from the bytes alone.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

const CR = 0x0d;
const LF = 0x0a;

/** What reaches the page instead of a chunk: its pieces in order, apart by `gapMs`, then maybe the end. */
export interface Rewrite {
  pieces: Uint8Array[];
  gapMs?: number;
  /** Close the response after the pieces: the page sees the stream end there. */
  close?: boolean;
}

/**
 * Rewrites a chunk, given the last bytes written before it (`tail`, at most `TAIL_BYTES`, empty at
 * the stream's start); undefined when this chunk is not the one, and it passes unchanged.
 */
export type ChunkFault = (chunk: Uint8Array, tail: Uint8Array) => Rewrite | undefined;

/** Enough of what was written to tell whether it ended a block (`\r\n\r\n` is the longest end). */
const TAIL_BYTES = 4;

/** The last `TAIL_BYTES` of what was written, once `data` is written after `tail`. */
export function tailAfter(tail: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.byteLength >= TAIL_BYTES) return data.slice(data.byteLength - TAIL_BYTES);
  const joined = new Uint8Array(tail.byteLength + data.byteLength);
  joined.set(tail);
  joined.set(data, tail.byteLength);
  return joined.slice(Math.max(0, joined.byteLength - TAIL_BYTES));
}

/**
 * Where to cut a chunk mid-line: halfway through its first line of two bytes or more (a shorter
 * line has no middle), so at least one byte goes and the line, and so its block, never ends.
 */
export function midLineCut(chunk: Uint8Array): number | undefined {
  let start = 0;
  for (let i = 0; i <= chunk.byteLength; i++) {
    const byte = chunk[i];
    if (i < chunk.byteLength && byte !== CR && byte !== LF) continue;
    if (i - start >= 2) return start + Math.floor((i - start) / 2);
    start = i + 1;
  }
  return undefined;
}

/** Where to split a chunk inside a multi-byte UTF-8 character: before its first continuation byte. */
export function charSplit(chunk: Uint8Array): number | undefined {
  for (let i = 1; i < chunk.byteLength; i++) if (((chunk[i] as number) & 0xc0) === 0x80) return i;
  return undefined;
}

/**
 * Where in `chunk` the stream is first at a block's end (after a blank line), given the `tail`
 * written before it: 0 when the tail ends one (or nothing was written), undefined when the chunk
 * ends no block. A `\r` that ends a blank line takes the `\n` after it along, being one line ending.
 */
export function blockEnd(tail: Uint8Array, chunk: Uint8Array): number | undefined {
  if (tail.byteLength === 0) return 0;
  let lineEmpty = false;
  let atEnd = false;
  let previous = -1;
  const step = (byte: number): boolean => {
    const second = byte === LF && previous === CR;
    previous = byte;
    if (second) return atEnd;
    if (byte === CR || byte === LF) {
      atEnd = lineEmpty;
      lineEmpty = true;
    } else {
      atEnd = false;
      lineEmpty = false;
    }
    return atEnd;
  };
  let ended = false;
  for (const byte of tail) ended = step(byte);
  if (ended && !(previous === CR && chunk[0] === LF)) return 0;
  for (let i = 0; i < chunk.byteLength; i++) {
    const byte = chunk[i] as number;
    if (step(byte) && !(byte === CR && chunk[i + 1] === LF)) return i + 1;
  }
  return undefined;
}

/** Of the next chunk with a line to cut, only up to its middle reaches the page; then the stream ends. */
export const cutMidLine: ChunkFault = (chunk) => {
  const at = midLineCut(chunk);
  return at === undefined ? undefined : { pieces: [chunk.subarray(0, at)], close: true };
};

/** How long the page waits between a character's two halves. */
const SPLIT_GAP_MS = 5;

/** The next chunk with a multi-byte character goes as two writes split inside it. */
export const splitChar: ChunkFault = (chunk) => {
  const at = charSplit(chunk);
  return at === undefined ? undefined : { pieces: [chunk.subarray(0, at), chunk.subarray(at)], gapMs: SPLIT_GAP_MS };
};

/** An injected block, written at the first block's end in the chunks to come. */
export function injectAtBlockEnd(block: Uint8Array): ChunkFault {
  return (chunk, tail) => {
    const at = blockEnd(tail, chunk);
    if (at === undefined) return undefined;
    return { pieces: [chunk.subarray(0, at), block, chunk.subarray(at)].filter((piece) => piece.byteLength > 0) };
  };
}
