/**
 * What the panel knows of a tab: its documents, their connections and events, in plain data.
 *
 * Records arrive per document (./documents keeps the cursors and which page is shown) and become
 * views (./reducer). This class keeps the lists the panel shows, in order, and the user's hold on
 * them: pause (events keep arriving and are held, then shown on resume: nothing is lost) and clear
 * (events and finished connections go; live connections stay, counted afresh). When the log is
 * preserved across navigations, the old page stays and a navigation mark divides the pages.
 * `epoch` changes whenever `events` changed other than by appending, so views that follow the
 * list incrementally know when to start over.
 */
import { DEFAULT_INSIGHT_SETTINGS, type InsightSettings } from '../insights/settings';
import type { CaptureRecord, FrameDocument } from '../model';
import { partitionPoint } from '../partition';
import { Documents } from './documents';
import { applyRecord, type ReducerSink } from './reducer';
import type { ConnectionView, EventView, LifecycleMark, NavigationMark, Resync, WorkerSeen } from './views';

/**
 * Whether `kept` stays before `coming` in the events or the lifecycle marks: by time, and in one moment
 * (times are kept to 0.1 ms) by connection, in the order the connections were made, not in the
 * order their documents happened to report them; so that an import, which reads one document after
 * another, shows them as the live view did. One connection's keep the order they came in.
 */
function comesFirst(kept: { time: number; connection: ConnectionView }, coming: typeof kept): boolean {
  return kept.time < coming.time || (kept.time === coming.time && kept.connection.ordinal <= coming.connection.ordinal);
}

/**
 * Keeps the items that pass, in place (the views hold the array): not `splice(0, n, ...kept)`,
 * whose spread overflows the stack past about 125,000 items.
 */
function retain<T>(array: T[], keep: (item: T) => boolean): void {
  let kept = 0;
  for (const item of array) if (keep(item)) array[kept++] = item;
  array.length = kept;
}

export class CaptureStore {
  private readonly documents = new Documents();
  readonly connections: ConnectionView[] = [];
  readonly events: EventView[] = [];
  readonly navigations: NavigationMark[] = [];
  /** Connections' lifecycle (open, reconnecting, failed, closed, ended, events not kept), in time order. */
  readonly marks: LifecycleMark[] = [];
  /** Events that arrived while paused, shown on resume. */
  readonly held: EventView[] = [];
  /** Every event type shown so far. */
  readonly types = new Set<string>();
  /** Records the relays refused as malformed. */
  invalid = 0;
  /**
   * What the page's captures did not keep past their cap and could not say per connection (a full
   * capture's counts, a connection whose own record was not kept): events, and other records.
   */
  notKeptEvents = 0;
  notKeptRecords = 0;
  /** Workers of the page that network capture follows. */
  readonly workers: WorkerSeen[] = [];
  /** Changes when `events` changed other than by appending. */
  epoch = 0;
  /** Keep the old page's capture across navigations. */
  preserveLog = false;
  private pausedAt: number | undefined;
  /** A file being read: its time stands still at its last record, though its events still come in. */
  private standsAt: number | undefined;
  /** When the user last cleared: the timeline starts there. */
  clearedAt: number | undefined;

  private readonly sink: ReducerSink;
  /** Event views made so far: each one's id (`EventView.id`). */
  private eventIds = 0;

  /** `insightSettings`: the health checks' settings, which the UI changes as the user does. */
  constructor(insightSettings: InsightSettings = DEFAULT_INSIGHT_SETTINGS) {
    this.sink = {
      insightSettings,
      connectionAdded: (connection) => this.insertConnection(connection),
      nextEventId: () => ++this.eventIds,
      eventAdded: (event) => {
        if (this.paused) this.held.push(event);
        else this.insertEvent(event);
      },
      markAdded: (mark) => {
        const marks = this.marks;
        if (marks.length === 0 || comesFirst(marks[marks.length - 1] as LifecycleMark, mark)) marks.push(mark);
        else {
          // Late (another frame's records came after): in its place, and the views start over.
          marks.splice(
            partitionPoint(marks.length, (i) => comesFirst(marks[i] as LifecycleMark, mark)),
            0,
            mark,
          );
          this.epoch++;
        }
      },
      invalid: (count) => {
        this.invalid += count;
      },
      notKept: (events, records) => {
        this.notKeptEvents += events;
        this.notKeptRecords += records;
      },
      workerSeen: (worker) => {
        // Seen again (the worker's session came back): once is enough.
        if (!this.workers.some((w) => w.docId === worker.docId && w.url === worker.url && w.kind === worker.kind))
          this.workers.push(worker);
      },
    };
  }

  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  /** Stops showing new events; they are held until `resume`. */
  pause(now: number): void {
    this.pausedAt ??= now;
  }

  resume(): void {
    this.pausedAt = undefined;
    for (const event of this.held.splice(0)) this.insertEvent(event);
  }

  /** When paused, the time the view stands still at. */
  get frozenAt(): number | undefined {
    return this.pausedAt ?? this.standsAt;
  }

  /** Time stands still at `at` (a file's last record) without holding events, as `pause` does. */
  standStill(at: number): void {
    this.standsAt = at;
  }

  /**
   * Empties the view: every event, held ones included, and every connection that has ended;
   * a live connection stays, its counts from zero and its lifecycle from now.
   */
  clear(now: number): void {
    this.events.length = 0;
    this.held.length = 0;
    this.types.clear();
    this.forgetNotLoaded();
    this.navigations.length = 0;
    this.marks.length = 0;
    this.epoch++;
    this.clearedAt = now;
    retain(
      this.connections,
      (c) => !c.gone && (c.state === 'connecting' || c.state === 'open' || c.state === 'reconnecting'),
    );
    const kept = new Set(this.connections);
    this.documents.keepStreams((c) => kept.has(c));
    for (const connection of this.connections) {
      connection.events = 0;
      connection.bytes = 0;
      connection.dropped = 0;
      delete connection.droppedAt;
      connection.reconnects = 0;
      connection.times = [];
      delete connection.firstEventAt;
      connection.chunks = [];
      connection.blocks = [];
      connection.comments = 0;
      connection.unheard = 0;
      connection.lifecycle = [{ state: connection.state, from: now }];
      delete connection.lastEventAt;
      delete connection.llm;
      delete connection.insights;
      delete connection.attempts;
    }
    this.number(0);
  }

  /** What relative times count from: the first event shown, or the first connection before any event. */
  get timeZero(): number {
    return this.events[0]?.time ?? this.connections[0]?.createdAt ?? this.clearedAt ?? 0;
  }

  get pageUrl(): string | undefined {
    return this.documents.page?.url;
  }

  /** Cursors of every document seen, to subscribe again without receiving anything twice. */
  cursors(): Record<string, number> {
    return this.documents.cursors();
  }

  /** How far a document's records are loaded (the seq of the last applied; 0 for one not seen). */
  cursorOf(docId: string): number {
    return this.documents.cursorOf(docId);
  }

  /** A document said hello. Returns a resync when records must be fetched again. */
  addDocument(doc: FrameDocument): Resync | undefined {
    const { showPage, resync } = this.documents.add(doc);
    if (showPage) this.showPage(doc);
    return resync;
  }

  documentGone(docId: string): void {
    this.documents.gone(docId);
  }

  /** Records of the page shown that could not be loaded (lost on the way, refused) or came cut. */
  get unloaded(): number {
    return this.documents.unloaded;
  }

  /** Applies records of a document in order. Returns a resync when some are missing. */
  addRecords(docId: string, records: readonly CaptureRecord[], now = Date.now()): Resync | undefined {
    return this.documents.accept(docId, records, (state, record) => applyRecord(this.sink, state, record), now);
  }

  /** A batch of a document that could not be read: counted, and what follows goes on. */
  refused(docId: string, first: number | undefined, last: number, now = Date.now()): Resync | undefined {
    return this.documents.refused(docId, first, last, now);
  }

  /** Gaps that stayed too long after they were asked for: given up (see Documents.overdue). */
  overdue(now = Date.now()): Resync[] {
    return this.documents.overdue(now);
  }

  private showPage(doc: FrameDocument): void {
    const previous = this.documents.page;
    this.documents.page = doc;
    if (previous?.docId === doc.docId) return;
    if (previous && this.preserveLog) {
      this.navigations.push({ time: doc.activatedAt, url: doc.url });
      return;
    }
    this.documents.keepOnly(doc);
    this.forgetNotLoaded();
    const current = (docId: string) => !this.documents.isStale(docId);
    retain(this.connections, (c) => current(c.docId));
    retain(this.events, (e) => current(e.connection.docId));
    retain(this.held, (e) => current(e.connection.docId));
    retain(this.marks, (m) => current(m.connection.docId));
    this.navigations.length = 0;
    retain(this.workers, (w) => current(w.docId));
    this.types.clear();
    for (const e of this.events) this.types.add(e.type);
    this.epoch++;
    this.number(0);
  }

  /** What was not kept or not loaded is of the page shown until it is cleared or another shows. */
  private forgetNotLoaded(): void {
    this.notKeptEvents = 0;
    this.notKeptRecords = 0;
    this.documents.unloaded = 0;
  }

  /**
   * Keeps connections in creation order, numbered from 1. Documents report independently, so a
   * frame's earlier connection may arrive after the top page's later one.
   */
  private insertConnection(connection: ConnectionView): void {
    const list = this.connections;
    let index = list.length;
    while (index > 0 && (list[index - 1] as ConnectionView).createdAt > connection.createdAt) index--;
    list.splice(index, 0, connection);
    this.number(index);
  }

  private number(from: number): void {
    for (let i = from; i < this.connections.length; i++) (this.connections[i] as ConnectionView).ordinal = i + 1;
  }

  /** Keeps events in time order (see comesFirst); they mostly arrive in order, so this is mostly a push. */
  private insertEvent(event: EventView): void {
    const events = this.events;
    this.types.add(event.type);
    if (events.length === 0 || comesFirst(events[events.length - 1] as EventView, event)) {
      events.push(event);
      return;
    }
    const at = partitionPoint(events.length, (i) => comesFirst(events[i] as EventView, event));
    events.splice(at, 0, event);
    this.epoch++;
  }
}
