/**
 * What the health checks need to know of a connection, kept as its records arrive, in constant
 * work per event: gaps and stalls, ids (duplicates, and how a stream resumed after each
 * reconnect), clumps (events that arrive together after a silence), the anomalies the stream
 * parser noted, oversized events, data that looks like JSON and does not parse, reconnect times.
 * The rules (./rules) read it; nothing here decides what is wrong.
 */
import type { EventBlock } from '../model';
import { GapStats } from './gaps';

/**
 * What the tracker reads of an event (the store's event view has it all), named here so that the
 * tracker does not depend on the store's views, which hold a tracker per connection.
 */
export interface TrackedEvent extends Pick<EventBlock, 'raw' | 'blockId' | 'notes'> {
  /** The event's id in the store (not its SSE id, `lastEventId`). */
  id: number;
  time: number;
  type: string;
  data: string;
  lastEventId: string;
  /** UTF-8 bytes of the data as the page received it. */
  size: number;
  /** Whether the event changed the connection's last event id. */
  idChanged: boolean;
}

/** Where evidence points: events by id, or a block's text (an anomaly in a block that was no event). */
export interface Evidence {
  eventIds: number[];
  /** How many times it happened in all (the evidence lists the first few). */
  count: number;
}

/** Evidence kept per kind of finding, at most. */
const MAX_EVIDENCE = 20;
/** Event ids remembered for duplicates, at most (a stream of a million ids is checked up to here). */
const MAX_IDS = 100_000;
/** A clump: at least this many events within CLUMP_SPAN_MS, after at least CLUMP_SILENCE_MS of nothing. */
const CLUMP_EVENTS = 5;
const CLUMP_SPAN_MS = 20;
const CLUMP_SILENCE_MS = 500;
/** Events whose data is fully parsed to see whether JSON-looking data is JSON (later ones: a cheap check). */
const PARSE_FIRST = 1000;
/** An event this large (UTF-8 bytes) is oversized: most clients and proxies are not built for it. */
export const OVERSIZED_BYTES = 1 << 20;

export type AnomalyCode =
  | 'unknown-field'
  | 'invalid-retry'
  | 'not-json'
  | 'unterminated'
  | 'bom'
  | 'cr-only'
  | 'oversized'
  | 'too-long';

/** A resumption after a reconnect: the last id before, the first after, and what that says. */
export interface Resumption {
  lastIdBefore: string;
  firstIdAfter?: string;
  eventId?: number;
  verdict?: 'replayed' | 'skipped' | 'continued' | 'no-id';
}

function note(evidence: Map<string, Evidence>, key: string, eventId: number | undefined): void {
  let entry = evidence.get(key);
  if (!entry) {
    entry = { eventIds: [], count: 0 };
    evidence.set(key, entry);
  }
  entry.count++;
  if (eventId !== undefined && entry.eventIds.length < MAX_EVIDENCE) entry.eventIds.push(eventId);
}

/** The id the event's own block set: from the bytes when known, else a change of the last event id. */
const ownId = (event: TrackedEvent): string | undefined =>
  event.blockId ?? (event.raw === undefined && event.idChanged ? event.lastEventId : undefined);

const numeric = (id: string): number | undefined => (/^\d{1,15}$/.test(id) ? Number(id) : undefined);

/** The stream parser's notes, by how they begin (its own words, matched here), and the anomaly each one is. */
const PARSER_NOTES: readonly [string, AnomalyCode][] = [
  ['Unknown field', 'unknown-field'], // not-ui-text
  ['Invalid `retry`', 'invalid-retry'],
  ['incomplete:', 'unterminated'],
  ['too long:', 'too-long'], // not-ui-text
];

export class InsightTracker {
  readonly gaps: GapStats;
  readonly anomalies = new Map<AnomalyCode, Evidence>();
  readonly clumps: Evidence = { eventIds: [], count: 0 };
  /** Events received with an `id` (the connection's last event id not empty), and without. */
  withId = 0;
  withoutId = 0;
  readonly resumptions: Resumption[] = [];
  /** When each reconnect began (the latest 50). */
  readonly reconnectTimes: number[] = [];
  /** A named `error` event (or an LLM error) inside the stream. */
  readonly errorEvents: Evidence = { eventIds: [], count: 0 };
  /** Events whose own `id` an earlier event of the connection had: the first such id, and the event that had it first. */
  readonly duplicateIds: Evidence = { eventIds: [], count: 0 };
  firstDuplicate: { id: string; firstEventId: number } | undefined;
  /** Each own id seen, and the first event that had it. */
  private readonly ids = new Map<string, number>();
  private events = 0;
  private lastTime: number | undefined;
  private burst: { start: number; first: number; count: number; counted: boolean } | undefined;
  private pending: Resumption | undefined;

  constructor(stallThresholdMs: () => number) {
    this.gaps = new GapStats(stallThresholdMs);
  }

  event(event: TrackedEvent): void {
    const { time, id } = event;
    this.events++;
    this.gaps.add(time, id);
    this.clump(time, id);
    this.lastTime = time;
    if (event.lastEventId === '') this.withoutId++;
    else this.withId++;
    const own = ownId(event);
    if (own !== undefined && own !== '') {
      const first = this.ids.get(own);
      if (first !== undefined) this.duplicate(own, first, id);
      else if (this.ids.size < MAX_IDS) this.ids.set(own, id);
    }
    if (this.pending) this.resumed(event);
    if (event.size >= OVERSIZED_BYTES) note(this.anomalies, 'oversized', id);
    if (event.type === 'error') this.addError(id);
    this.notes(event.notes, id);
    if (event.raw !== undefined) this.raw(event.raw, id, this.events === 1);
    this.json(event.data, id);
  }

  /** A block that dispatched no event (comments, retry, an id alone, an incomplete or too long block). */
  block(notes: readonly string[] | undefined, raw: string, first: boolean): void {
    this.notes(notes, undefined);
    this.raw(raw, undefined, first);
  }

  reconnecting(time: number, lastEventId: string): void {
    this.reconnectTimes.push(time);
    if (this.reconnectTimes.length > 50) this.reconnectTimes.shift();
    this.pending = { lastIdBefore: lastEventId };
    this.resumptions.push(this.pending);
    if (this.resumptions.length > 50) this.resumptions.shift();
  }

  private duplicate(own: string, firstEventId: number, id: number): void {
    this.firstDuplicate ??= { id: own, firstEventId };
    this.duplicateIds.count++;
    if (this.duplicateIds.eventIds.length < MAX_EVIDENCE) this.duplicateIds.eventIds.push(id);
  }

  private addError(id: number): void {
    this.errorEvents.count++;
    if (this.errorEvents.eventIds.length < MAX_EVIDENCE) this.errorEvents.eventIds.push(id);
  }

  private resumed(event: TrackedEvent): void {
    const resumption = this.pending as Resumption;
    this.pending = undefined;
    resumption.eventId = event.id;
    // Without the bytes (EventSource in Chrome) an id the server sent shows as a changed last event id.
    const after = ownId(event) ?? (event.lastEventId !== resumption.lastIdBefore ? event.lastEventId : undefined);
    if (after === undefined || after === '') {
      resumption.verdict = 'no-id';
      return;
    }
    resumption.firstIdAfter = after;
    const before = numeric(resumption.lastIdBefore);
    const first = numeric(after);
    if (before === undefined || first === undefined) resumption.verdict = 'continued';
    else if (first <= before) resumption.verdict = 'replayed';
    else if (first > before + 1) resumption.verdict = 'skipped';
    else resumption.verdict = 'continued';
  }

  private clump(time: number, id: number): void {
    const silence = this.lastTime === undefined ? Number.POSITIVE_INFINITY : time - this.lastTime;
    const burst = this.burst;
    if (burst && time - burst.start <= CLUMP_SPAN_MS) {
      burst.count++;
      if (burst.count >= CLUMP_EVENTS && !burst.counted) {
        burst.counted = true;
        this.clumps.count++;
        if (this.clumps.eventIds.length < MAX_EVIDENCE) this.clumps.eventIds.push(burst.first);
      }
      return;
    }
    // A burst only counts after a silence (the first events of a stream do not).
    this.burst =
      this.lastTime !== undefined && silence >= CLUMP_SILENCE_MS
        ? { start: time, first: id, count: 1, counted: false }
        : undefined;
  }

  private notes(notes: readonly string[] | undefined, id: number | undefined): void {
    if (!notes) return;
    for (const text of notes) {
      const code = PARSER_NOTES.find(([start]) => text.startsWith(start))?.[1];
      if (code) note(this.anomalies, code, id);
    }
  }

  /** The exact text of a block: a BOM at the stream's start, CR-only line endings. */
  private raw(raw: string, id: number | undefined, first: boolean): void {
    if (first && raw.charCodeAt(0) === 0xfeff) note(this.anomalies, 'bom', id);
    const cr = raw.indexOf('\r');
    if (cr >= 0 && raw.charCodeAt(cr + 1) !== 10) note(this.anomalies, 'cr-only', id);
  }

  /** Data that looks like JSON (starts with `{` or `[`) and is not: fully checked for the first events, then by its ends. */
  private json(data: string, id: number): void {
    const start = data.charCodeAt(0);
    if (start !== 123 && start !== 91) return;
    let ok: boolean;
    if (this.events <= PARSE_FIRST) {
      try {
        JSON.parse(data);
        ok = true;
      } catch {
        ok = false;
      }
    } else {
      const end = data.charCodeAt(data.length - 1);
      ok = start === 123 ? end === 125 : end === 93;
    }
    if (!ok) note(this.anomalies, 'not-json', id);
  }
}
