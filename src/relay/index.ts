// Runs in the ISOLATED world at document_start in every frame, before the page hook: keeps the frame's capture and serves it to the background.
import { browser } from '../browser';
import { CAPTURE_CAP, capChars, type DocumentInfo, LIMITS, type PageRecord } from '../model';
import { message, type RelayToWorker, validateBackgroundToTab } from '../protocol';
import { BackgroundLink } from './background-link';
import { captureEventSources } from './event-source-capture';
import { FrameCapture } from './frame-capture';
import { HttpMatcher } from './http-matcher';
import { receivePageRecords } from './page-link';
import { Streams } from './streams';
import { ConnectionCount } from './summary';

const now = () => performance.timeOrigin + performance.now();
const docId = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
let activatedAt = now();
// A document restored from the back/forward cache is the tab's current page again.
addEventListener('pageshow', (event) => {
  if (event.persisted) activatedAt = now();
});

const describe = (): DocumentInfo => ({ docId, url: location.href, top: window === window.top, activatedAt });
const capture = new FrameCapture();
// The user's cap, from the panel's settings; until it is read, the default holds.
browser.storage.local
  .get(CAPTURE_CAP.key)
  .then((saved) => {
    if (saved[CAPTURE_CAP.key] !== undefined) capture.setBudget(capChars(saved[CAPTURE_CAP.key]));
  })
  .catch(() => undefined);
browser.storage.onChanged.addListener((changes, area) => {
  const change = changes[CAPTURE_CAP.key];
  if (area === 'local' && change) capture.setBudget(capChars(change.newValue ?? CAPTURE_CAP.defaultMiB));
});
const link = new BackgroundLink(capture, describe);

const matcher = new HttpMatcher();
const streams = new Streams();
const liveCount = new ConnectionCount();

function keep(records: readonly PageRecord[], rejected: number): void {
  const added = capture.append(streams.process(records), rejected);
  const count = added.length;
  for (let i = 0; i < count; i++) {
    const record = added[i] as (typeof added)[number];
    if (HttpMatcher.follows(record)) for (const http of matcher.follow(record)) added.push(capture.note(http));
  }
  link.publish(added);
  const changed = liveCount.follow(added);
  if (changed) {
    const { docId, top, activatedAt } = describe();
    browser.runtime
      .sendMessage(message<RelayToWorker>({ type: 'summary', summary: { docId, top, activatedAt, ...changed } }))
      .catch(() => undefined); // the worker is starting or the extension reloading: the next change tells
  }
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

browser.runtime.onMessage.addListener((raw: unknown) => {
  const msg = validateBackgroundToTab(raw);
  if (!msg) return undefined;
  if (msg.type === 'http') {
    const http = matcher.observe(msg.observation);
    if (http) link.publish([capture.note(http)]);
    return undefined;
  }
  link.attach();
  // Only the top frame answers, so that the worker learns whether the page can be captured at all.
  return window === window.top ? Promise.resolve(true) : undefined;
});
