// Runs in the ISOLATED world at document_start in every frame, before the page hook: keeps the frame's capture and serves it to the background.
import { CAPTURE_CAP, capChars } from '../core/capture-settings';
import type { PageRecord } from '../core/model';
import { checkRules, isRuleProblem } from '../core/replay-rule';
import { validateBackgroundToTab } from '../messages/guards';
import { message, type RelayToBackgroundOneShot, type RelayToPage, type ReplayRules } from '../messages/messages';
import { browser } from '../platform/browser';
import { watchStoredSetting } from '../platform/stored-setting';
import { DocumentRelay } from './document-relay';
import { receivePageRecords } from './page-link';
import { observeResourceTiming } from './timing-observer';
import { forTheWire, WorkerPort } from './worker-port';

/** Whether a window of the same origin (a parent, an opener) holds this one: it could reach it before we did. */
function heldBySameOrigin(): boolean {
  return [window.opener as Window | null, window === window.top ? null : window.parent].some((other) => {
    if (!other) return false;
    try {
      // Only a same-origin window's address can be read.
      return typeof other.location.href === 'string';
    } catch {
      return false;
    }
  });
}

/** A same-origin parent or opener could hold the page hook's channel: it would read what goes over it. */
const exposed = heldBySameOrigin();
const relay = new DocumentRelay({
  docId: Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join(''),
  isTop: window === window.top,
  exposed,
  url: () => location.href,
  now: () => performance.timeOrigin + performance.now(),
  link: (capture, describe) =>
    new WorkerPort(
      capture,
      describe,
      (fault) => {
        // Only to a connection a rule this document was handed answers (the hook checks it plays it, too).
        if (replayedConns.has(fault.conn)) toPage(message<RelayToPage>({ type: 'replay-fault', ...fault }));
      },
      // A watching panel wants the page's events soon; otherwise the hook waits for its bursts to end.
      // Not where another page could hold the channel (`exposed`): it hears nothing from us.
      (on) => {
        if (!exposed) toPage(message<RelayToPage>({ type: 'watched', on }));
      },
    ),
  sendOneShot: (body) => {
    // The worker is starting or the extension reloading: the next change tells.
    browser.runtime.sendMessage(message<RelayToBackgroundOneShot>(body)).catch(() => undefined);
  },
  forTheWire,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
});

// The user's cap, from the panel's settings; until it is read, the default holds.
watchStoredSetting(CAPTURE_CAP.key, (mib) => relay.capture.setBudget(capChars(mib ?? CAPTURE_CAP.defaultMiB)));
/** Every replay rule handed to this document: a page's word that a rule answered it counts only for these. */
const handedRules = new Set<string>();
/** The connections they answered. */
const replayedConns = new Set<number>();

/**
 * A batch with the page's claims that a rule answered a connection kept only for a rule handed to
 * this document. Replay records are rare: one pass that copies nothing unless the batch has one.
 */
function replayClaimsChecked(records: PageRecord[]): PageRecord[] {
  for (const record of records) {
    if (record.kind !== 'replay') continue;
    const kept = records.filter((r) => r.kind !== 'replay' || handedRules.has(r.rule));
    for (const r of kept) if (r.kind === 'replay') replayedConns.add(r.conn);
    return kept;
  }
  return records;
}
const pageLink = receivePageRecords(
  (records, rejected) => {
    const kept = replayClaimsChecked(records);
    relay.keep(kept, rejected + records.length - kept.length);
  },
  // Told to the worker at once: network capture shows the worker's streams in this tab.
  (worker) =>
    browser.runtime.sendMessage(message<RelayToBackgroundOneShot>({ type: 'worker', worker })).catch(() => undefined),
);
const toPage = pageLink.toPage;
observeResourceTiming((entries) => relay.resourceTiming(entries));
addEventListener('pageshow', (event) => {
  if (event.persisted) relay.pageshow();
});
addEventListener('pagehide', (event) => {
  // What the page hook holds for an idle moment would otherwise wait for one that never comes.
  pageLink.flush();
  relay.pagehide(event.persisted);
});
/**
 * Hands the tab's rules to the page hook — never in a document whose channel another page could
 * hold (`exposed`): it would read them (replay is then not offered there; README, "Replay rules").
 */
function replayRules({ rules, nativeEventSource }: ReplayRules): void {
  if (exposed) return;
  for (const rule of rules) handedRules.add(rule.id);
  toPage(
    message<RelayToPage>(nativeEventSource ? { type: 'replay', rules, nativeEventSource } : { type: 'replay', rules }),
  );
}
// The tab's replay rules: asked for as the document starts, then told whenever they change.
browser.runtime
  .sendMessage(message<RelayToBackgroundOneShot>({ type: 'replay-rules' }))
  .then((answer: unknown) => {
    const { rules, nativeEventSource } = (answer ?? {}) as Partial<Record<keyof ReplayRules, unknown>>;
    const checked = checkRules(rules);
    if (isRuleProblem(checked) || checked.length === 0) return;
    replayRules(nativeEventSource === true ? { rules: checked, nativeEventSource } : { rules: checked });
  })
  .catch(() => undefined);
browser.runtime.onMessage.addListener((raw: unknown) => {
  const msg = validateBackgroundToTab(raw);
  if (msg?.type === 'replay') replayRules(msg);
  else if (msg?.type === 'replay-step') toPage(message<RelayToPage>(msg));
  else return msg ? relay.receive(msg) : undefined;
  return undefined;
});
