/**
 * How the panel shows a network chunk exactly: its bytes decoded as UTF-8, except the bytes of a
 * character split with the neighbouring chunk, shown as hex — so a split character is visible
 * where it was split, and nothing is hidden or repaired.
 */

export interface ChunkText {
  /** Continuation bytes at the start: the end of a character begun in the previous chunk. */
  lead: number[];
  text: string;
  /** An incomplete character at the end, finished in the next chunk. */
  trail: number[];
}

/** Length of the UTF-8 sequence a lead byte starts (0 for a continuation byte, 1 for ASCII or invalid). */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte < 0xc0) return 0;
  if (byte < 0xe0) return 2;
  if (byte < 0xf0) return 3;
  if (byte < 0xf8) return 4;
  return 1;
}

export function describeChunk(bytes: Uint8Array): ChunkText {
  let start = 0;
  while (start < bytes.length && start < 3 && sequenceLength(bytes[start] as number) === 0) start++;
  let end = bytes.length;
  // Look back at most 3 bytes for a lead byte whose sequence does not fit.
  for (let i = bytes.length - 1; i >= Math.max(start, bytes.length - 3); i--) {
    const length = sequenceLength(bytes[i] as number);
    if (length === 0) continue;
    if (i + length > bytes.length) end = i;
    break;
  }
  return {
    lead: Array.from(bytes.subarray(0, start)),
    text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start, end)),
    trail: Array.from(bytes.subarray(end)),
  };
}

export function hex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * When the last byte of each chunk the page read had arrived from the network (network capture's
 * arrivals, in order, with their decoded sizes): the arrival at which the bytes arrived so far
 * first reached the bytes read so far. Undefined where the arrivals do not reach that far.
 */
export function arrivalTimes(
  chunks: readonly { size: number }[],
  arrivals: readonly { time: number; size: number }[],
): (number | undefined)[] {
  const times: (number | undefined)[] = [];
  let read = 0;
  let arrived = 0;
  let next = 0;
  for (const chunk of chunks) {
    read += chunk.size;
    while (arrived < read && next < arrivals.length) arrived += (arrivals[next++] as { size: number }).size;
    times.push(arrived >= read && next > 0 ? arrivals[next - 1]?.time : undefined);
  }
  return times;
}
