/**
 * One document's relay: what it keeps and when it speaks. Records come from the page hook and from
 * the EventSources the relay listens to itself; the network's facts (HTTP status, Last-Event-ID,
 * network capture) come from the worker and are matched to connections here. It holds the frame's
 * capture for the life of the page, hands it to the top frame when a frame goes away while its
 * page lives on, and keeps the captures of such frames for the top frame.
 *
 * The extension API stays outside: the entry file passes in how to reach the worker, so that this
 * logic runs in a unit test as it runs in a page.
 */

import { LIMITS } from '../core/limits';
import type {
  CaptureRecord,
  ChunkRecord,
  DocumentInfo,
  HttpRecord,
  PageRecord,
  StoredRecord,
  WorkerRecord,
} from '../core/model';
import { maskUrl } from '../core/secrets';
import type { Adoption, BackgroundToTab, RelayToBackgroundOneShot, Unbranded } from '../messages/messages';
import { fromWire } from '../messages/wire-codec';
import { Arrivals } from './arrivals';
import { FrameCapture, FULL_NOTE_MS } from './frame-capture';
import { HttpMatcher } from './http-matcher';
import { ResourceTimings, type TimingEntry } from './resource-timing';
import { ResponseBytes } from './response-bytes';
import { Streams } from './streams';
import { ConnectionCount } from './summary';
import { arrayBatches } from './wire-batches';
import { WorkerStreams } from './worker-streams';

/** Records and UTF-16 code units a backlog message holds at most: the panel applies one whole (at 8 Mi, fetch's first rows took 2.6 s). */
export const BACKLOG_RECORDS = 2000;
export const BACKLOG_CHARS = 1 << 18;

/** The line to the worker that serves one capture (./worker-port). */
export interface CaptureLink {
  publish(records: CaptureRecord[]): void;
  attach(): void;
  restored(): void;
}

export interface RelayEnvironment {
  docId: string;
  isTop: boolean;
  /** A same-origin parent or opener could reach the document before our scripts (`DocumentInfo.exposed`). */
  exposed?: boolean;
  url(): string;
  now(): number;
  /** A line to the worker for a capture, described by `describe`. */
  link(capture: FrameCapture, describe: () => DocumentInfo): CaptureLink;
  /** A one-shot message to the worker (`runtime.sendMessage`); lost if the worker is not there. */
  sendOneShot(message: Unbranded<RelayToBackgroundOneShot>): void;
  /** Records as they travel to the worker (chunk bytes as base64). */
  forTheWire(record: CaptureRecord): CaptureRecord;
  setTimeout(callback: () => void, ms: number): void;
}

/**
 * A connection that failed this shortly before `pagehide` failed because the document went (Chrome
 * fails a removed frame's EventSource just before its pagehide; on a loaded machine, a few hundred
 * ms before).
 */
const UNLOAD_FAILURE_MS = 500;
/**
 * What resource timing tells of a request goes to the matcher this much later, so that the network
 * layer's fuller view of the same request (while a panel watches: the Last-Event-ID it sent, too)
 * claims it first.
 */
const TIMING_DELAY_MS = 1000;

export class DocumentRelay {
  readonly capture: FrameCapture;
  private readonly link: CaptureLink;
  /** When this document started; `activatedAt` moves on when it is restored from the back/forward cache. */
  private readonly startedAt: number;
  private activatedAt: number;
  /** Network capture's copies of this document's EventSource responses (Firefox's stream filters). */
  private readonly responseBytes = new ResponseBytes();
  /** Chunks that waited for the matcher to claim their request, to keep with the next records. */
  private claimed: ChunkRecord[] = [];
  private readonly matcher: HttpMatcher;
  private readonly streams = new Streams();
  private readonly liveCount = new ConnectionCount();
  private readonly timings = new ResourceTimings();
  private readonly arrivals = new Arrivals();
  /** Network capture: the streams of the tab's workers (top frame only). */
  private readonly workerStreams = new WorkerStreams();
  /** Whether a timer will say what a full capture did not keep. */
  private flushing = false;
  /** Set on `pagehide` when the document is going for good: what comes after is not the page's life. */
  private unloaded = false;
  /** Captures of this page's frames that went away (top frame only), each served like a frame's own. */
  private readonly adopted = new Map<string, { capture: FrameCapture; link: CaptureLink }>();

  constructor(private readonly env: RelayEnvironment) {
    this.capture = new FrameCapture(LIMITS.documentChars, env.now);
    this.startedAt = env.now();
    this.activatedAt = this.startedAt;
    this.link = env.link(this.capture, () => this.describe());
    this.matcher = new HttpMatcher(Date.now, (request, conn) => {
      this.claimed = this.claimed.concat(this.responseBytes.claim(request, conn));
    });
  }

  /** The document as the worker and panels know it: its address with its secrets masked, as the records' are. */
  describe(): DocumentInfo {
    const doc: DocumentInfo = {
      docId: this.env.docId,
      url: maskUrl(this.env.url()),
      top: this.env.isTop,
      activatedAt: this.activatedAt,
    };
    if (this.env.exposed) doc.exposed = true;
    return doc;
  }

  /** Records from the page hook (and how many it sent that did not pass), or of the EventSources the relay listens to. */
  keep(records: readonly PageRecord[], rejected: number): void {
    if (this.unloaded) return;
    const added = this.capture.append(this.streams.process(records), rejected);
    const count = added.length;
    for (let i = 0; i < count; i++) {
      const record = added[i] as (typeof added)[number];
      if (record.kind === 'connection') {
        const told = this.timings.follow(record, this.env.now());
        if (told) added.push(...this.capture.append([told]));
        added.push(...this.capture.append(this.arrivals.follow(record)));
      }
      if (HttpMatcher.follows(record)) added.push(...this.capture.append(this.matcher.follow(record)));
    }
    // Rarely any: only when a connection record let the matcher claim a request whose bytes waited.
    if (this.claimed.length > 0) for (const record of this.keepClaimed()) added.push(record);
    this.publish(added);
    const changed = this.liveCount.follow(added);
    if (changed) this.report(changed);
  }

  /** New resource timing entries of the document (requests that ended, and its own navigation). */
  resourceTiming(entries: readonly TimingEntry[]): void {
    if (this.unloaded) return;
    const { told, observations } = this.timings.entries(entries, this.env.now());
    if (told.length > 0) this.publish(this.capture.append(told));
    if (observations.length === 0) return;
    this.env.setTimeout(() => {
      if (this.unloaded) return;
      const records: HttpRecord[] = [];
      for (const observation of observations) {
        const http = this.matcher.observe(observation);
        if (http) records.push(http);
      }
      if (records.length > 0) this.publish(this.capture.append(records));
    }, TIMING_DELAY_MS);
  }

  /** Restored from the back/forward cache: the tab's current page again. */
  pageshow(): void {
    // The browser closed our port when it cached the page; a panel that watches learns of it again.
    this.activatedAt = this.env.now();
    if (this.liveCount.counts().connections > 0) this.report(this.liveCount.counts());
    this.link.restored();
    for (const entry of this.adopted.values()) entry.link.restored();
  }

  /** `persisted`: into the back/forward cache; otherwise the document is going for good. */
  pagehide(persisted: boolean): void {
    // Into the back/forward cache: the page and its connections live on, frozen.
    if (persisted) return;
    // Going for good: the browser closes the connections left (a removed frame's fail, with an
    // error event, just before). Each ends here, and nothing after is kept.
    const time = this.env.now();
    const ended = this.liveCount
      .endedByUnload(time - UNLOAD_FAILURE_MS)
      .map((conn): PageRecord => ({ kind: 'lifecycle', time, conn, state: 'closed', reason: 'unloaded' }));
    this.keep(ended, 0);
    this.unloaded = true;
    if (this.env.isTop || this.capture.size === 0) return;
    // A frame removed or navigated away while its page lives on: the top frame keeps what it captured.
    this.capture.flush(true);
    const doc = this.describe();
    for (const chunk of this.capture.chunksAfter(0, BACKLOG_RECORDS, BACKLOG_CHARS))
      for (const part of arrayBatches(chunk, this.env.forTheWire, doc))
        this.env.sendOneShot({ type: 'adopt', doc, ...part });
  }

  /**
   * A message from the worker. Returns the answer: whether network capture should go on copying
   * (`bytes`), and whether the page can be captured at all (`attach`, top frame only).
   */
  receive(msg: Unbranded<BackgroundToTab>): Promise<boolean> | undefined {
    switch (msg.type) {
      case 'adopt':
        this.adopt(msg);
        return undefined;
      case 'http': {
        const http = this.matcher.observe(msg.observation);
        if (http && !this.unloaded) this.publish([...this.capture.append([http]), ...this.keepClaimed()]);
        return undefined;
      }
      case 'bytes': {
        const records: StoredRecord[] | null = this.unloaded ? null : this.responseBytes.receive(msg);
        // A worker's stream ends with its bytes: how it ended is its lifecycle.
        if (records && msg.ends) records.push(...this.workerStreams.end(msg.request, this.lastTime(msg), msg.error));
        if (records && records.length > 0) this.append(records);
        return Promise.resolve(records !== null);
      }
      case 'worker-stream': {
        const opened = this.env.isTop && !this.unloaded ? this.workerStreams.open(msg) : undefined;
        if (!opened) return undefined;
        this.append([...opened.records, ...this.responseBytes.claim(msg.request, opened.conn)]);
        return undefined;
      }
      case 'worker': {
        if (!this.env.isTop || this.unloaded) return undefined;
        const seen: WorkerRecord = {
          kind: 'worker',
          time: msg.time,
          conn: 0,
          worker: msg.worker.kind,
          url: msg.worker.url,
        };
        if (msg.late) seen.late = true;
        this.publish(this.capture.append([seen]));
        return undefined;
      }
      case 'arrivals': {
        const records = this.unloaded ? [] : this.arrivals.receive(msg);
        if (records.length > 0) this.publish(this.capture.append(records));
        return undefined;
      }
      case 'attach':
        this.link.attach();
        for (const entry of this.adopted.values()) entry.link.attach();
        // Only the top frame answers, so that the worker learns whether the page can be captured at all.
        return this.env.isTop ? Promise.resolve(true) : undefined;
    }
  }

  private adopt(adoption: Adoption): void {
    const { doc } = adoption;
    // Only the top frame adopts, and only its own page's frames: one that started before this
    // document did belongs to the page this one replaced.
    if (!this.env.isTop || !doc.gone || doc.activatedAt < this.startedAt) return;
    const records = fromWire(adoption.records, adoption.last);
    if (!records) return;
    let entry = this.adopted.get(doc.docId);
    if (!entry) {
      const capture = new FrameCapture(this.capture.cap, this.env.now);
      entry = { capture, link: this.env.link(capture, () => doc) };
      this.adopted.set(doc.docId, entry);
    }
    entry.link.publish(entry.capture.adopt(records));
  }

  /** Keeps records made here (not the page's), counting the connections among them. */
  private append(records: readonly StoredRecord[]): void {
    const added = this.capture.append(records);
    this.publish(added);
    const changed = this.liveCount.follow(added);
    if (changed) this.report(changed);
  }

  /**
   * Publishes what the capture kept; a full capture that has counts to say says them within
   * FULL_NOTE_MS, though the page sends nothing more.
   */
  private publish(records: CaptureRecord[]): void {
    this.link.publish(records);
    if (!this.capture.waiting || this.flushing) return;
    this.flushing = true;
    this.env.setTimeout(() => {
      this.flushing = false;
      if (!this.unloaded) this.publish(this.capture.flush());
    }, FULL_NOTE_MS);
  }

  /** When a batch's last chunk came, or now. */
  private lastTime(batch: { chunks: readonly [number, string][] }): number {
    return batch.chunks[batch.chunks.length - 1]?.[0] ?? this.env.now();
  }

  /** Keeps the chunks whose request was just claimed; returns what was appended. */
  private keepClaimed(): CaptureRecord[] {
    if (this.claimed.length === 0) return [];
    const records = this.claimed;
    this.claimed = [];
    return this.capture.append(records);
  }

  private report(counts: { open: number; connections: number }): void {
    const { docId, top, activatedAt } = this.describe();
    this.env.sendOneShot({ type: 'summary', summary: { docId, top, activatedAt, ...counts } });
  }
}
