/**
 * Which events the panel shows: by connection, by type, by the filter box's terms (text or
 * `/regex/` over the data, `type:`, `id:`, `url:`, `-` to exclude), and by a time range brushed on
 * the timeline. Kept up to date incrementally: new events are tested
 * once as they arrive, and the text test — the only costly one — is cached per event, so changing
 * a chip, a connection or the range does not search the data again.
 */
import { matchesQuery, type TextQuery } from './filter-query';
import { partitionPoint } from './partition';
import type { CaptureStore } from './store/capture-store';
import type { EventView } from './store/views';

export interface FilterSpec {
  query: TextQuery;
  /** Event types to show; empty shows all. */
  types: ReadonlySet<string>;
  /** Connection keys to show; empty shows all. */
  connections: ReadonlySet<string>;
  /** A time range, inclusive; undefined shows all. */
  range: readonly [number, number] | undefined;
  /** Show the connections' lifecycle among the events (hidden while a text query is on). */
  lifecycle: boolean;
}

export const NO_FILTER: FilterSpec = {
  query: { kind: 'none' },
  types: new Set(),
  connections: new Set(),
  range: undefined,
  lifecycle: true,
};

/**
 * A table row: an index into `capture.events`, `-(k + 1)` for navigation mark `k`, or
 * `-(LIFECYCLE_BASE + k)` for lifecycle mark `k`. Negative rows are marks: never selected.
 */
export type Row = number;
const LIFECYCLE_BASE = 2 ** 30;

export function isNavigationRow(row: Row): boolean {
  return row < 0;
}

export function navigationIndex(row: Row): number {
  return -row - 1;
}

export function isLifecycleRow(row: Row): boolean {
  return row <= -LIFECYCLE_BASE;
}

export function lifecycleIndex(row: Row): number {
  return -row - LIFECYCLE_BASE;
}

/** No filter in force: every event shows, and every mark. */
export function isPlain(spec: FilterSpec): boolean {
  return (
    spec.query.kind === 'none' &&
    spec.types.size === 0 &&
    spec.connections.size === 0 &&
    spec.range === undefined &&
    spec.lifecycle
  );
}

export class EventFilter {
  /** The table's rows, in time order. */
  rows: Row[] = [];
  /** Events shown in the table (rows without navigation marks). */
  shown = 0;
  /** Per type, the events that pass every filter but the type filter: the chips' counts. */
  typeCounts = new Map<string, number>();
  /** Per connection key, indices of its events that pass the type and text filters: the timeline's ticks. */
  lanes = new Map<string, number[]>();

  private spec: FilterSpec | undefined;
  private epoch = -1;
  private scanned = 0;
  private marks = 0;
  private lifecycleTaken = 0;
  private textOk = new Uint8Array(1024);
  private textFor: TextQuery | undefined;

  /** Brings the result up to date with the capture and the spec. */
  update(capture: CaptureStore, spec: FilterSpec): void {
    const events = capture.events;
    const epochChanged = capture.epoch !== this.epoch;
    if (epochChanged || spec.query !== this.textFor) this.scanned = 0;
    // Two specs that both filter nothing are the same view: kept, only new events placed.
    const sameView = spec === this.spec || (this.spec !== undefined && isPlain(spec) && isPlain(this.spec));
    if (epochChanged || !sameView) this.reset();
    this.spec = spec;
    this.textFor = spec.query;
    this.epoch = capture.epoch;
    this.grow(events.length);
    const { query } = spec;
    if (query.kind === 'terms') {
      for (let i = this.scanned; i < events.length; i++)
        this.textOk[i] = matchesQuery(query, events[i] as EventView) ? 1 : 0;
    } else {
      this.textOk.fill(1, this.scanned, events.length);
    }
    this.scanned = events.length;
    this.markDue = this.nextMarkTime(capture);
    for (let i = this.rowsFrom; i < events.length; i++) this.place(capture, i, events[i] as EventView);
    this.rowsFrom = events.length;
    this.placeMarks(capture, Number.POSITIVE_INFINITY);
  }

  private rowsFrom = 0;
  /** The time of the next mark not yet placed: an event before it needs no look at the marks. */
  private markDue = Number.NEGATIVE_INFINITY;
  /** The last event's lane, for the next event of the same connection (nearly every one). */
  private laneKey: string | undefined;
  private lane: number[] = [];

  private reset(): void {
    this.rows = [];
    this.shown = 0;
    this.typeCounts = new Map();
    this.lanes = new Map();
    this.rowsFrom = 0;
    this.marks = 0;
    this.lifecycleTaken = 0;
    this.laneKey = undefined;
  }

  private nextMarkTime(capture: CaptureStore): number {
    const mark = capture.navigations[this.marks];
    const told = capture.marks[this.lifecycleTaken];
    return Math.min(mark?.time ?? Number.POSITIVE_INFINITY, told?.time ?? Number.POSITIVE_INFINITY);
  }

  private grow(length: number): void {
    if (length <= this.textOk.length) return;
    let size = this.textOk.length;
    while (size < length) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.textOk);
    this.textOk = bigger;
  }

  private inRange(time: number): boolean {
    const range = this.spec?.range;
    return range === undefined || (time >= range[0] && time <= range[1]);
  }

  /**
   * Navigation and lifecycle marks up to `time` go in before the event at that time; of the lifecycle marks, in
   * one moment (times are kept to 0.1 ms, and a page closes a connection in the handler of its last
   * event) only an open comes before the events: an end or a reconnect follows them.
   */
  private placeMarks(capture: CaptureStore, time: number): void {
    const marks = capture.navigations;
    const lifecycle = capture.marks;
    const spec = this.spec as FilterSpec;
    const showLifecycle = spec.lifecycle && spec.query.kind === 'none';
    for (;;) {
      const mark = marks[this.marks];
      const told = lifecycle[this.lifecycleTaken];
      const markFirst = mark !== undefined && mark.time <= time && (told === undefined || mark.time <= told.time);
      if (markFirst) {
        if (this.inRange(mark.time)) this.rows.push(-(this.marks + 1));
        this.marks++;
      } else if (told !== undefined && (told.time < time || (told.time === time && told.kind === 'open'))) {
        const key = told.connection.key;
        if (showLifecycle && this.inRange(told.time) && (spec.connections.size === 0 || spec.connections.has(key)))
          this.rows.push(-(LIFECYCLE_BASE + this.lifecycleTaken));
        this.lifecycleTaken++;
      } else return;
    }
  }

  private place(capture: CaptureStore, index: number, event: EventView): void {
    const spec = this.spec as FilterSpec;
    if (event.time >= this.markDue) {
      this.placeMarks(capture, event.time);
      this.markDue = this.nextMarkTime(capture);
    }
    if (this.textOk[index] !== 1) return;
    const typeOk = spec.types.size === 0 || spec.types.has(event.type);
    const key = event.connection.key;
    if (typeOk) {
      if (key !== this.laneKey) {
        let lane = this.lanes.get(key);
        if (!lane) {
          lane = [];
          this.lanes.set(key, lane);
        }
        this.laneKey = key;
        this.lane = lane;
      }
      this.lane.push(index);
    }
    if (spec.connections.size > 0 && !spec.connections.has(key)) return;
    if (!this.inRange(event.time)) return;
    this.typeCounts.set(event.type, (this.typeCounts.get(event.type) ?? 0) + 1);
    if (!typeOk) return;
    this.rows.push(index);
    this.shown++;
  }

  /** The row of an event, or -1 when the filter hides it. Rows are in time order: a binary search. */
  rowOf(capture: CaptureStore, event: EventView): number {
    const rows = this.rows;
    const events = capture.events;
    const timeOf = (row: Row) =>
      isLifecycleRow(row)
        ? (capture.marks[lifecycleIndex(row)]?.time ?? 0)
        : row < 0
          ? (capture.navigations[navigationIndex(row)]?.time ?? 0)
          : (events[row] as EventView).time;
    const low = partitionPoint(rows.length, (i) => timeOf(rows[i] as Row) < event.time);
    for (let i = low; i < rows.length && timeOf(rows[i] as Row) === event.time; i++) {
      const row = rows[i] as Row;
      if (row >= 0 && events[row] === event) return i;
    }
    return -1;
  }
}
