/**
 * The relay's line to the background worker.
 *
 * The worker keeps nothing it cannot lose, so this side decides what to send from the cursor the
 * worker asks for. A relay connects the first time its document captures something (so a watching
 * panel learns of it at once) and whenever the worker asks the tab's frames to attach (a panel
 * subscribed, or the worker restarted and the panel came back). The worker then answers `sync`
 * (send what follows the cursor, then stream live) or `idle` (nobody is watching: disconnect, so
 * the worker may sleep). A lost port is not reconnected by itself; the next attach does that.
 */
import { toBase64 } from '../core/base64';
import { carriesSecrets, maskRecord } from '../core/mask-record';
import type { CaptureRecord, DocumentInfo } from '../core/model';
import { nextTask } from '../core/next-task';
import { isBackgroundToRelay } from '../messages/guards';
import { message, PortName, type RelayToBackground, type RelayToPage, type Unbranded } from '../messages/messages';
import type { WireColumns } from '../messages/wire-columns';
import { browser, type Runtime } from '../platform/browser';
import { BACKLOG_CHARS, BACKLOG_RECORDS, type CaptureLink } from './document-relay';
import type { FrameCapture } from './frame-capture';
import { sendBatch, textBatches } from './wire-batches';

/**
 * A record as it leaves the page's renderer: its secrets masked (the capture keeps them whole, for
 * `reveal`); and a chunk's bytes as base64, as extension messaging carries no bytes (made only when
 * someone watches).
 */
export function forTheWire(record: CaptureRecord): CaptureRecord {
  if (record.kind !== 'chunk') return maskRecord(record);
  if (record.bytes === undefined) return record;
  const { bytes, ...rest } = record;
  return { ...rest, base64: toBase64(bytes) };
}

/**
 * A backlog goes out in slices of about this long, one a task: sent in one go, 1,000,000 events
 * kept the page from running for 1.7 s when a panel opened on its tab.
 */
const SLICE_MS = 8;

/** A fault the user put on a replayed connection, as the page hook takes it. */
export type ReplayFaultAsked = Omit<Unbranded<Extract<RelayToPage, { type: 'replay-fault' }>>, 'type'>;

export class WorkerPort implements CaptureLink {
  private port: Runtime.Port | null = null;
  private live = false;
  /** Counts the backlogs begun: a slice of one that a newer one replaced goes no further. */
  private backlogs = 0;
  private readonly later = nextTask();
  private announced = false;
  /** Batches go as columns (`toColumns`): the worker showed that messaging is structured clone. */
  private columns = false;
  private readonly docId: string;

  constructor(
    private readonly capture: FrameCapture,
    private readonly describe: () => DocumentInfo,
    /** A fault on a connection a replay rule answers: for the page hook, which plays it. */
    private readonly replayFault: (fault: ReplayFaultAsked) => void = () => undefined,
    /** Whether a panel watches now, each time that changes. */
    private readonly watching: (on: boolean) => void = () => undefined,
  ) {
    this.docId = describe().docId;
  }

  /** Whether a panel watches: from its `sync` until `idle`, or the port goes. */
  private watched = false;
  private setWatched(on: boolean): void {
    if (this.watched === on) return;
    this.watched = on;
    this.watching(on);
  }

  /** New records were kept: stream them if someone watches; on the first ever, say hello. */
  publish(records: CaptureRecord[]): void {
    if (records.length === 0) return;
    if (!this.announced) this.connect();
    else if (this.live) this.send(records);
  }

  /** The worker asks every frame of a watched tab to (re)connect. */
  attach(): void {
    if (this.describe().top || this.capture.size > 0) this.connect();
  }

  /**
   * Back from the back/forward cache: the browser closed our port when it cached the page, and
   * may tell us only later. Start afresh, so that a watching panel hears from us now.
   */
  restored(): void {
    const port = this.port;
    this.port = null;
    this.live = false;
    this.setWatched(false);
    try {
      port?.disconnect();
    } catch {
      // Already closed.
    }
    this.attach();
  }

  private connect(): void {
    this.announced = true;
    if (!this.port) {
      const port = browser.runtime.connect({ name: PortName.relay });
      port.onMessage.addListener((msg: unknown) => this.onMessage(msg));
      port.onDisconnect.addListener(() => {
        if (this.port === port) {
          this.port = null;
          this.live = false;
          this.setWatched(false);
        }
      });
      this.port = port;
    }
    this.post(message<RelayToBackground>({ type: 'hello', doc: this.describe() }));
  }

  private onMessage(msg: unknown): void {
    if (!isBackgroundToRelay(msg)) return;
    if (msg.type === 'reveal') {
      this.reveal(msg.conn);
      return;
    }
    if (msg.type === 'fault') {
      // The worker's word (a port only it holds), on a panel's request: a page can neither ask nor forge it.
      const fault = { kind: 'fault', time: msg.time, conn: msg.conn, fault: msg.fault } as const;
      if (msg.replayed) this.replayFault({ conn: msg.conn, fault: msg.fault, ms: msg.ms, inject: msg.inject });
      this.publish(this.capture.append([msg.ms === undefined ? fault : { ...fault, ms: msg.ms }]));
      return;
    }
    if (msg.type === 'idle') {
      this.live = false;
      this.setWatched(false);
      const port = this.port;
      this.port = null;
      port?.disconnect();
      return;
    }
    this.setWatched(true);
    // A typed array arrives as one only where messaging is structured clone: then columns go.
    this.columns = msg.clone instanceof Uint8Array;
    this.backlog(msg.after);
  }

  /**
   * Sends what follows `after`, in slices, then streams live. Records kept meanwhile are not sent
   * live: the backlog reads the capture as it grows and ends with them, in order. Its batches say
   * where it ended when it began, for the panel's progress bar.
   */
  private backlog(after: number): void {
    const upTo = this.capture.lastSeq;
    const chunks = this.capture.chunksAfter(after, BACKLOG_RECORDS, BACKLOG_CHARS);
    const port = this.port;
    const backlog = ++this.backlogs;
    this.live = false;
    const slice = () => {
      if (backlog !== this.backlogs || this.port !== port || !port) return;
      const until = performance.now() + SLICE_MS;
      do {
        const next = chunks.next();
        if (next.done) {
          this.live = true;
          return;
        }
        this.send(next.value, upTo);
      } while (performance.now() < until);
      this.later(slice);
    };
    slice();
  }

  /** A panel asked for a connection's secrets (0: every connection's): the records that carried them, whole. */
  private reveal(conn: number): void {
    const docId = this.docId;
    const whole: CaptureRecord[] = [];
    for (const chunk of this.capture.chunksAfter(0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER))
      for (const record of chunk)
        if ((conn === 0 || record.conn === conn) && carriesSecrets(record) && maskRecord(record) !== record)
          whole.push(record);
    // In messages that fit, as any batch; the last says it is the last.
    for (const { records } of textBatches(whole, (record) => record))
      this.post(message<RelayToBackground>({ type: 'revealed', docId, conn, records, done: false }));
    this.post(message<RelayToBackground>({ type: 'revealed', docId, conn, records: '[]', done: true }));
  }

  private send(records: CaptureRecord[], upTo?: number): void {
    // One pass over the batch (the relay runs on the page's main thread), in messages that fit.
    const post = (batch: { last: number; records: string | WireColumns }) =>
      this.post(
        message<RelayToBackground>({
          type: 'records',
          docId: this.docId,
          ...batch,
          ...(upTo === undefined ? {} : { upTo }),
        }),
        false,
      );
    if (!sendBatch(records, forTheWire, post, Date.now, this.columns)) this.lost();
  }

  /** Posts on the port; whether it took the message (`dead`: a port that throws died under us). */
  private post(msg: RelayToBackground, dead = true): boolean {
    try {
      this.port?.postMessage(msg);
      return true;
    } catch {
      if (dead) this.lost();
      return false;
    }
  }

  /** The port died under us (the worker stopped): wait for the next attach. */
  private lost(): void {
    this.port = null;
    this.live = false;
    this.setWatched(false);
  }
}
