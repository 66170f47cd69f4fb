/**
 * How much of a backlog the panel has loaded. A relay's backlog batches say where the backlog ends
 * (`upTo`); the panel counts, per document, the records from its cursor when the backlog began to
 * that end, and the records applied so far. Several documents' backlogs add up; a document whose
 * backlog is in is forgotten, and when every one is in there is nothing to show. A backlog no batch
 * has come for in STALLED_MS (its relay went away mid-way) is forgotten too: a bar that never ends
 * would say something false.
 */

const STALLED_MS = 5000;

export interface LoadProgress {
  /** Records loaded, and to load in all. */
  done: number;
  total: number;
}

export class BacklogProgress {
  private readonly backlogs = new Map<string, { from: number; upTo: number; at: number }>();

  /** Whether some backlog is still being loaded. */
  get tracking(): boolean {
    return this.backlogs.size > 0;
  }

  /** A backlog batch of `docId` came at `now`; `cursor` is how far the document was loaded before it. */
  batch(docId: string, cursor: number, upTo: number, now: number): void {
    const backlog = this.backlogs.get(docId);
    if (!backlog) {
      if (upTo > cursor) this.backlogs.set(docId, { from: cursor, upTo, at: now });
      return;
    }
    backlog.upTo = Math.max(backlog.upTo, upTo);
    backlog.at = now;
  }

  /** Where loading stands at `now`, given each document's cursor; undefined when every backlog is in. */
  progress(cursorOf: (docId: string) => number, now: number): LoadProgress | undefined {
    let done = 0;
    let total = 0;
    for (const [docId, { from, upTo, at }] of this.backlogs) {
      const cursor = cursorOf(docId);
      if (cursor >= upTo || now - at > STALLED_MS) {
        this.backlogs.delete(docId);
        continue;
      }
      done += Math.max(0, cursor - from);
      total += upTo - from;
    }
    return total === 0 ? undefined : { done, total };
  }
}
