// Runs in the ISOLATED world at document_start in every frame, before the page hook: keeps the frame's capture and serves it to the background.

import {
  CAPTURE_CAP,
  type CaptureRecord,
  type ChunkRecord,
  capChars,
  type DocumentInfo,
  LIMITS,
  type PageRecord,
} from '../core/model';
import { browser } from '../platform/browser';
import { watchStoredSetting } from '../platform/stored-setting';
import { validateBackgroundToTab } from '../protocol/guards';
import { type Adoption, message, type RelayToBackgroundOneShot } from '../protocol/messages';
import { fromWire, toWire } from '../protocol/wire-codec';
import { captureEventSources } from './event-source-capture';
import { FrameCapture } from './frame-capture';
import { HttpMatcher } from './http-matcher';
import { receivePageRecords } from './page-link';
import { ResponseBytes } from './response-bytes';
import { Streams } from './streams';
import { ConnectionCount } from './summary';
import { BACKLOG_CHARS, BACKLOG_RECORDS, BackgroundLink, forTheWire } from './worker-port';

const now = () => performance.timeOrigin + performance.now();
const docId = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
/** When this document started; `activatedAt` moves on when it is restored from the back/forward cache. */
const startedAt = now();
let activatedAt = startedAt;

const describe = (): DocumentInfo => ({ docId, url: location.href, top: window === window.top, activatedAt });
const capture = new FrameCapture();
// The user's cap, from the panel's settings; until it is read, the default holds.
watchStoredSetting(CAPTURE_CAP.key, (mib) => capture.setBudget(capChars(mib ?? CAPTURE_CAP.defaultMiB)));
const link = new BackgroundLink(capture, describe);

/** Firefox's "exact bytes": the tap's copies of this document's EventSource responses. */
const responseBytes = new ResponseBytes();
/** Chunks that waited for the matcher to claim their request, to keep with the next records. */
let claimed: ChunkRecord[] = [];
const matcher = new HttpMatcher(Date.now, (request, conn) => {
  claimed = claimed.concat(responseBytes.claim(request, conn));
});

/** Keeps the chunks whose request was just claimed; returns what was appended. */
function keepClaimed(): CaptureRecord[] {
  if (claimed.length === 0) return [];
  const records = claimed;
  claimed = [];
  return capture.append(records);
}
const streams = new Streams();
const liveCount = new ConnectionCount();

/** Set on `pagehide` when the document is going for good: what comes after is not the page's life. */
let unloaded = false;

function keep(records: readonly PageRecord[], rejected: number): void {
  if (unloaded) return;
  const added = capture.append(streams.process(records), rejected);
  const count = added.length;
  for (let i = 0; i < count; i++) {
    const record = added[i] as (typeof added)[number];
    if (HttpMatcher.follows(record)) for (const http of matcher.follow(record)) added.push(capture.note(http));
  }
  // Rarely any: only when a connection record let the matcher claim a request whose bytes waited.
  if (claimed.length > 0) for (const record of keepClaimed()) added.push(record);
  link.publish(added);
  const changed = liveCount.follow(added);
  if (changed) report(changed);
}

function report(counts: { open: number; connections: number }): void {
  const { docId, top, activatedAt } = describe();
  toWorker(message<RelayToBackgroundOneShot>({ type: 'summary', summary: { docId, top, activatedAt, ...counts } }));
}

function toWorker(msg: RelayToBackgroundOneShot): void {
  // The worker is starting or the extension reloading: the next change tells.
  browser.runtime.sendMessage(msg).catch(() => undefined);
}

receivePageRecords(keep);

/** EventSource records are made here, one at a time: kept in batches, like the page's. */
const FLUSH_DELAY_MS = 4;
let pending: PageRecord[] = [];
captureEventSources((record) => {
  if (pending.length === 0) setTimeout(flushPending, FLUSH_DELAY_MS);
  pending.push(record);
  if (pending.length >= LIMITS.batchRecords) flushPending();
});
function flushPending(): void {
  if (pending.length === 0) return;
  const records = pending;
  pending = [];
  keep(records, 0);
}

/** Captures of this page's frames that went away (top frame only), each served like a frame's own. */
const adopted = new Map<string, { capture: FrameCapture; link: BackgroundLink }>();

function adopt(adoption: Adoption): void {
  const { doc } = adoption;
  // Only the top frame adopts, and only its own page's frames: one that started before this
  // document did belongs to the page this one replaced.
  if (window !== window.top || !doc.gone || doc.activatedAt < startedAt) return;
  const records = fromWire(adoption.records, adoption.last);
  if (!records) return;
  let entry = adopted.get(doc.docId);
  if (!entry) {
    const frameCapture = new FrameCapture();
    entry = { capture: frameCapture, link: new BackgroundLink(frameCapture, () => doc) };
    adopted.set(doc.docId, entry);
  }
  entry.link.publish(entry.capture.adopt(records));
}

/** A connection that failed this shortly before `pagehide` failed because the document went. */
const UNLOAD_FAILURE_MS = 50;

addEventListener('pageshow', (event) => {
  if (!event.persisted) return;
  // Restored from the back/forward cache: the tab's current page again. The browser closed our
  // port when it cached the page; a panel that watches learns of it again.
  activatedAt = now();
  if (liveCount.counts().connections > 0) report(liveCount.counts());
  link.restored();
  for (const entry of adopted.values()) entry.link.restored();
});

addEventListener('pagehide', (event) => {
  // What the last few milliseconds captured would otherwise wait for a timer that never runs.
  flushPending();
  // Into the back/forward cache: the page and its connections live on, frozen.
  if (event.persisted) return;
  // Going for good: the browser closes the connections left (a removed frame's fail, with an
  // error event, just before). Each ends here, and nothing after is kept.
  const time = now();
  const ended = liveCount
    .endedByUnload(time - UNLOAD_FAILURE_MS)
    .map((conn): PageRecord => ({ kind: 'lifecycle', time, conn, state: 'closed', reason: 'unloaded' }));
  keep(ended, 0);
  unloaded = true;
  if (window === window.top || capture.size === 0) return;
  // A frame removed or navigated away while its page lives on: the top frame keeps what it captured.
  const doc = describe();
  for (const chunk of capture.chunksAfter(0, BACKLOG_RECORDS, BACKLOG_CHARS))
    toWorker(message<RelayToBackgroundOneShot>({ type: 'adopt', doc, ...toWire(chunk, forTheWire) }));
});

browser.runtime.onMessage.addListener((raw: unknown) => {
  const msg = validateBackgroundToTab(raw);
  if (!msg) return undefined;
  if (msg.type === 'adopt') {
    adopt(msg);
    return undefined;
  }
  if (msg.type === 'http') {
    const http = matcher.observe(msg.observation);
    if (http && !unloaded) link.publish([capture.note(http), ...keepClaimed()]);
    return undefined;
  }
  if (msg.type === 'bytes') {
    // The answer tells the tap whether to go on copying this response.
    const records = unloaded ? null : responseBytes.receive(msg);
    if (records && records.length > 0) link.publish(capture.append(records));
    return Promise.resolve(records !== null);
  }
  link.attach();
  for (const entry of adopted.values()) entry.link.attach();
  // Only the top frame answers, so that the worker learns whether the page can be captured at all.
  return window === window.top ? Promise.resolve(true) : undefined;
});
