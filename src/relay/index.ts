// Runs in the ISOLATED world at document_start in every frame, before the page hook: keeps the frame's capture and serves it to the background.
import { browser } from '../browser';
import type { DocumentInfo } from '../model';
import { isBackgroundToTab } from '../protocol';
import { BackgroundLink } from './background-link';
import { FrameCapture } from './frame-capture';
import { receivePageRecords } from './page-link';

const now = () => performance.timeOrigin + performance.now();
const docId = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
let activatedAt = now();
// A document restored from the back/forward cache is the tab's current page again.
addEventListener('pageshow', (event) => {
  if (event.persisted) activatedAt = now();
});

const describe = (): DocumentInfo => ({ docId, url: location.href, top: window === window.top, activatedAt });
const capture = new FrameCapture();
const link = new BackgroundLink(capture, describe);

receivePageRecords((records, rejected) => link.publish(capture.append(records, rejected)));

browser.runtime.onMessage.addListener((msg: unknown) => {
  if (!isBackgroundToTab(msg)) return undefined;
  link.attach();
  // Only the top frame answers, so that the worker learns whether the page can be captured at all.
  return window === window.top ? Promise.resolve(true) : undefined;
});
