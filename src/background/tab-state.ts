/**
 * One tab's documents as the badge, the popup and the per-origin counts need them, bounded
 * whatever the page does. A document is kept by its last summary while it has live connections,
 * or is the top one; one whose connections all ended is kept as well, among the last few to
 * report, and past them folded into a tally of their connections. Documents with live connections
 * are kept up to a bound: past it, a new one is counted once it ends, or once a kept one ends and
 * makes room.
 */
import type { DocumentSummary } from '../messages/messages';

export interface TabState {
  /** The documents kept, least recently reported first. */
  docs: DocumentSummary[];
  /** The connections of ended documents folded away, and when the first of those documents started. */
  folded?: { connections: number; from: number };
}

/** Documents (other than the top one) with live connections kept per tab. */
export const LIVE_DOCUMENTS = 64;
/**
 * Ended documents kept one by one: one that reports again (a new connection) replaces its count.
 * One folded away that reports again is counted afresh, its earlier connections twice in the total.
 */
export const ENDED_DOCUMENTS = 32;

const ended = (doc: DocumentSummary) => !doc.top && doc.open === 0;

/** What is kept of a summary: an ended document's origins are all at zero, and left out. */
function kept(summary: DocumentSummary): DocumentSummary {
  const { docId, top, activatedAt, open, connections } = summary;
  const doc: DocumentSummary = { docId, top, activatedAt, open, connections };
  const live = Object.entries(summary.byOrigin ?? {}).filter(([, n]) => n > 0);
  if (open > 0 && live.length > 0) doc.byOrigin = Object.fromEntries(live);
  return doc;
}

/** Documents that started before `time` are gone; so is the tally, with the oldest document in it. */
function startedSince(tab: TabState, time: number, keep: (doc: DocumentSummary) => boolean): TabState {
  const docs = tab.docs.filter((doc) => doc.activatedAt >= time && keep(doc));
  return tab.folded && tab.folded.from >= time ? { docs, folded: tab.folded } : { docs };
}

/** The tab after a document's summary. */
export function report(tab: TabState = { docs: [] }, summary: DocumentSummary): TabState {
  const known = tab.docs.some((doc) => doc.docId === summary.docId);
  // A new top document: what started before it belongs to the page it replaced.
  let next = summary.top && !known ? startedSince(tab, summary.activatedAt, (doc) => !doc.top) : tab;
  const others = next.docs.filter((doc) => doc.docId !== summary.docId);
  const liveOthers = others.filter((doc) => !doc.top && doc.open > 0).length;
  if (!known && !summary.top && summary.open > 0 && liveOthers >= LIVE_DOCUMENTS) return next;
  next = { ...next, docs: [...others, kept(summary)] };
  return fold(next);
}

/** Folds the ended documents past the last ENDED_DOCUMENTS to report into the tally. */
function fold(tab: TabState): TabState {
  const endedDocs = tab.docs.filter(ended);
  if (endedDocs.length <= ENDED_DOCUMENTS) return tab;
  const folding = new Set(endedDocs.slice(0, endedDocs.length - ENDED_DOCUMENTS));
  let folded = tab.folded;
  for (const doc of folding)
    folded = {
      connections: (folded?.connections ?? 0) + doc.connections,
      from: Math.min(folded?.from ?? doc.activatedAt, doc.activatedAt),
    };
  return { docs: tab.docs.filter((doc) => !folding.has(doc)), folded };
}

/** The tab after a navigation that started at `time`: what started before it is gone. */
export function navigated(tab: TabState, time: number): TabState {
  return startedSince(tab, time, () => true);
}

export function isEmpty(tab: TabState): boolean {
  return tab.docs.length === 0 && tab.folded === undefined;
}

export function totals(tab: TabState | undefined): { open: number; connections: number } {
  let open = 0;
  let connections = tab?.folded?.connections ?? 0;
  for (const doc of tab?.docs ?? []) {
    open += doc.open;
    connections += doc.connections;
  }
  return { open, connections };
}

/** The tab's live connections per origin. */
export function originsOf(tab: TabState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const doc of tab.docs)
    for (const [origin, n] of Object.entries(doc.byOrigin ?? {})) counts.set(origin, (counts.get(origin) ?? 0) + n);
  return counts;
}

/** Whether a value read back from storage is a tab's state (it was written by this module, but checked all the same). */
export function isTabState(x: unknown): x is TabState {
  if (typeof x !== 'object' || x === null || !Array.isArray((x as TabState).docs)) return false;
  const { docs, folded } = x as TabState;
  return (
    docs.every(
      (doc) =>
        typeof doc?.docId === 'string' &&
        typeof doc.open === 'number' &&
        typeof doc.connections === 'number' &&
        typeof doc.activatedAt === 'number',
    ) &&
    (folded === undefined || (typeof folded.connections === 'number' && typeof folded.from === 'number'))
  );
}
