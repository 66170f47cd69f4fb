/**
 * The documents of a tab whose records the store has applied, and how far: records arrive per
 * document, numbered, and each is applied exactly once (a duplicate is skipped, a gap asks for a
 * resync from the last applied `seq`), so the transport may deliver twice — after a worker
 * restart, a second panel, a re-attach — without the view changing.
 *
 * A tab shows one page: its top document and the frames that started after it. A top document
 * that started later is a navigation; documents of an earlier page are stale, and their records
 * still in flight are ignored.
 */

import type { ChunkParser } from '../chunk-parser';
import type { CaptureRecord, FrameDocument, StoredRecord } from '../model';
import type { NetworkBytes } from './network-bytes';
import type { ConnectionView, Resync } from './views';

export interface DocState {
  doc: FrameDocument;
  /** The seq of the last record applied. */
  cursor: number;
  /** Of a page the tab no longer shows: its records are not applied. */
  stale: boolean;
  /** The frame went away (removed, or navigated) while its page lives on. */
  gone: boolean;
  connections: Map<number, ConnectionView>;
  /** Fetch and XHR streams by where their requests go (`streamAddress`): a new request may resume one. */
  streams: Map<string, ConnectionView[]>;
  /** Fetch and XHR streams being parsed, by connection: the relay keeps only their chunks. */
  parsers: Map<number, ChunkParser>;
  /** EventSource responses read by network capture, by connection. */
  exact: Map<number, NetworkBytes>;
  /** A gap after `after` was asked for `since` then; `next` is the first record seen past it. */
  waiting?: { after: number; since: number; next: number };
}

/**
 * How long a gap may stay after its records were asked for again before the panel gives them up,
 * says so and goes on: the relay answers at once, so a gap that stays is a message that never came.
 */
export const GIVE_UP_MS = 5000;

export class Documents {
  private readonly docs = new Map<string, DocState>();
  /** The top document of the page shown. */
  page: FrameDocument | undefined;
  /** Records of the page shown that could not be loaded (given up, refused) or came cut. */
  unloaded = 0;

  /** Cursors of every document seen, to subscribe again without receiving anything twice. */
  cursors(): Record<string, number> {
    const cursors: Record<string, number> = {};
    for (const [docId, state] of this.docs) cursors[docId] = state.cursor;
    return cursors;
  }

  cursorOf(docId: string): number {
    return this.docs.get(docId)?.cursor ?? 0;
  }

  isStale(docId: string): boolean {
    return this.docs.get(docId)?.stale === true;
  }

  /**
   * A document said hello. `showPage` when it is a top document at least as new as the page shown
   * (the caller shows it); `resync` when its records must be fetched again.
   */
  add(doc: FrameDocument): { showPage: boolean; resync?: Resync } {
    let state = this.docs.get(doc.docId);
    if (!state) {
      state = {
        doc,
        cursor: 0,
        stale: false,
        gone: false,
        connections: new Map(),
        streams: new Map(),
        parsers: new Map(),
        exact: new Map(),
      };
      this.docs.set(doc.docId, state);
    }
    const wasStale = state.stale;
    state.doc = doc;
    // A document whose port closed (idle, back/forward cache) can come back; a frame's that went
    // away comes back gone, its capture served by the top frame.
    state.gone = doc.gone !== undefined;
    for (const connection of state.connections.values()) connection.gone = state.gone;
    let showPage = false;
    if (doc.top) {
      showPage = !this.page || doc.docId === this.page.docId || doc.activatedAt > this.page.activatedAt;
      state.stale = !showPage;
    } else {
      state.stale = this.page !== undefined && doc.activatedAt < this.page.activatedAt;
    }
    if (wasStale && !state.stale) {
      // A document back from the back/forward cache: its records were let go, fetch them again.
      state.cursor = 0;
      return { showPage, resync: { docId: doc.docId, after: 0 } };
    }
    return { showPage };
  }

  gone(docId: string): void {
    const state = this.docs.get(docId);
    if (!state) return;
    state.gone = true;
    for (const connection of state.connections.values()) connection.gone = true;
  }

  /** A navigation, log not preserved: documents that are not of this page go stale, their connections forgotten. */
  keepOnly(page: FrameDocument): void {
    for (const state of this.docs.values()) {
      const belongs = state.doc.docId === page.docId || (!state.doc.top && state.doc.activatedAt >= page.activatedAt);
      if (!belongs) {
        state.stale = true;
        state.connections.clear();
        state.streams.clear();
      }
    }
  }

  /** The user cleared the view: streams no longer shown are not resumed (a new request is a connection of its own). */
  keepStreams(shown: (connection: ConnectionView) => boolean): void {
    for (const state of this.docs.values())
      for (const [address, streams] of state.streams) state.streams.set(address, streams.filter(shown));
  }

  /**
   * Records of a document, in order: each new one is handed to `apply` (unless the document is
   * stale) with its id. Returns a resync when some are missing: once for a gap, then nothing until
   * GIVE_UP_MS has passed, and then the gap is given up. An `unsent` record stands for records the
   * relay cannot send: they are counted, and what follows is applied.
   */
  accept(
    docId: string,
    records: readonly CaptureRecord[],
    apply: (state: DocState, record: StoredRecord) => void,
    now: number,
  ): Resync | undefined {
    const state = this.docs.get(docId);
    if (!state) return undefined;
    for (const record of records) {
      if (record.seq <= state.cursor) continue;
      const covers = record.kind === 'unsent' && record.seq - record.records <= state.cursor;
      if (record.seq > state.cursor + 1 && !covers) return this.gap(state, record.seq, now);
      state.waiting = undefined;
      if (record.kind === 'unsent') {
        this.lost(state, record.seq - state.cursor);
        state.cursor = record.seq;
        continue;
      }
      state.cursor = record.seq;
      if (record.unsentChars !== undefined) this.lost(state, 1);
      if (!state.stale) apply(state, record);
    }
    return undefined;
  }

  /**
   * A batch that could not be read (refused whole), from `first` (when it could tell) to `last`:
   * its records are counted as not loaded and what follows is applied; a gap before it is asked for.
   */
  refused(docId: string, first: number | undefined, last: number, now: number): Resync | undefined {
    const state = this.docs.get(docId);
    if (!state || last <= state.cursor) return undefined;
    if (first !== undefined && first > state.cursor + 1) return this.gap(state, first, now);
    this.lost(state, last - state.cursor);
    state.cursor = last;
    state.waiting = undefined;
    return undefined;
  }

  /** Gaps asked for GIVE_UP_MS ago and still there: given up, and what follows them asked for. */
  overdue(now: number): Resync[] {
    const resyncs: Resync[] = [];
    for (const state of this.docs.values())
      if (state.waiting && now - state.waiting.since >= GIVE_UP_MS) resyncs.push(this.giveUp(state));
    return resyncs;
  }

  private gap(state: DocState, seq: number, now: number): Resync | undefined {
    const waiting = state.waiting;
    if (waiting?.after !== state.cursor) {
      state.waiting = { after: state.cursor, since: now, next: seq };
      return { docId: state.doc.docId, after: state.cursor };
    }
    waiting.next = Math.min(waiting.next, seq);
    return now - waiting.since < GIVE_UP_MS ? undefined : this.giveUp(state);
  }

  /** Counts a gap's records as not loaded, and asks again for what follows (let go while waiting). */
  private giveUp(state: DocState): Resync {
    const next = state.waiting?.next ?? state.cursor + 1;
    this.lost(state, next - 1 - state.cursor);
    state.cursor = next - 1;
    state.waiting = undefined;
    return { docId: state.doc.docId, after: state.cursor };
  }

  private lost(state: DocState, count: number): void {
    if (!state.stale) this.unloaded += count;
  }
}
