/**
 * Binary search over anything sorted: the first index in `[from, length)` whose item is not
 * `before` the point sought (so, for times, the first at or after a time). Each caller says what
 * "before" means for its list: times, seqs, rows.
 */
export function partitionPoint(length: number, before: (index: number) => boolean, from = 0): number {
  let low = from;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
