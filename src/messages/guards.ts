/**
 * Checks the envelope of every message that crosses an untrusted hop, one guard per union in
 * ./messages. Guards never throw: they return a clean copy of the message, or null. A batch's
 * records are not checked here but by whoever unpacks them (./wire-codec), off the page's thread.
 */

import { faultMsFits } from '../core/fault-details';
import { INJECTION_MAX_BYTES, INJECTION_TYPE_CHARS, type Injection, injectionProblem } from '../core/injected-block';
import { LIMITS } from '../core/limits';
import { type DocumentInfo, FAULTS, type FaultKind, type PageRecord } from '../core/model';
import { isObject } from '../core/plain-object';
import { checkRules, isRuleProblem, REPLAY_LIMITS } from '../core/replay-rule';
import { copyHttpFields, isCount, isSeq, isText, isTime, validatePageRecord } from '../core/validate-record';
import {
  type Adoption,
  type BackgroundToPanel,
  type BackgroundToRelay,
  type BackgroundToTab,
  BRAND,
  type DocumentSummary,
  type HttpObservation,
  MESSAGES_VERSION,
  type PanelToBackground,
  type PopupToBackground,
  type RelayToBackground,
  type RelayToBackgroundOneShot,
  type ReplayStep,
  type RevealedSecrets,
  type Unbranded,
  type WorkerInfo,
  type WorkerSeenMessage,
} from './messages';
import {
  REQUEST_ID_CHARS,
  validateArrivalBatch,
  validateByteBatch,
  validateWorkerInfo,
  validateWorkerStream,
} from './network-guards';
import { areColumns, type WireColumns } from './wire-columns';

function isBranded(value: unknown): value is Record<string, unknown> & { type: unknown } {
  return isObject(value) && value.brand === BRAND && value.v === MESSAGES_VERSION;
}

/** A worker the page started, as the page hook tells it (a page could lie: only a label and a routing hint). */
export function validatePageWorker(x: unknown): WorkerInfo | null {
  if (!isBranded(x) || x.type !== 'worker') return null;
  return validateWorkerInfo({ kind: x.worker, url: x.url });
}

/** A batch from the page: the records that pass, and how many did not. */
export function validatePageToRelay(x: unknown): { records: PageRecord[]; rejected: number } | null {
  if (!isBranded(x) || x.type !== 'records' || !Array.isArray(x.records)) return null;
  const input: unknown[] = x.records;
  if (input.length > LIMITS.batchRecords) return null;
  const records: PageRecord[] = [];
  for (const item of input) {
    const record = validatePageRecord(item);
    if (record) records.push(record);
  }
  return { records, rejected: input.length - records.length };
}

function validateDocumentInfo(x: unknown): DocumentInfo | null {
  if (
    !isObject(x) ||
    !isText(x.docId, 64) ||
    x.docId === '' ||
    !isText(x.url, LIMITS.urlChars) ||
    typeof x.top !== 'boolean' ||
    !isTime(x.activatedAt)
  )
    return null;
  const doc: DocumentInfo = { docId: x.docId, url: x.url, top: x.top, activatedAt: x.activatedAt };
  if (x.gone !== undefined) {
    if (!isObject(x.gone) || !isCount(x.gone.frameId)) return null;
    doc.gone = { frameId: x.gone.frameId };
  }
  if (x.exposed !== undefined) {
    if (x.exposed !== true) return null;
    doc.exposed = true;
  }
  return doc;
}

/**
 * Checks a message from a relay. A batch's envelope only: the worker forwards the records as they
 * came, and the panel checks every one as it unpacks them (off the page's thread, like here).
 */
export function validateRelayToBackground(x: unknown): Unbranded<RelayToBackground> | null {
  if (!isBranded(x)) return null;
  if (x.type === 'hello') {
    const doc = validateDocumentInfo(x.doc);
    return doc ? { type: 'hello', doc } : null;
  }
  if (x.type === 'records' && isText(x.docId, 64) && isSeq(x.last) && isWireBatch(x.records)) {
    const batch = { type: 'records', docId: x.docId, last: x.last, records: x.records } as const;
    return isSeq(x.upTo) && x.upTo >= x.last ? { ...batch, upTo: x.upTo } : batch;
  }
  return validateRevealed(x);
}

/** A batch's records as text or columns, unchecked: the panel checks them as it unpacks them. */
const isWireBatch = (x: unknown): x is string | WireColumns => typeof x === 'string' || areColumns(x);

function validateRevealed(x: Record<string, unknown>): RevealedSecrets | null {
  if (x.type !== 'revealed' || !isText(x.docId, 64) || !isCount(x.conn) || typeof x.records !== 'string') return null;
  if (typeof x.done !== 'boolean') return null;
  return { type: 'revealed', docId: x.docId, conn: x.conn, records: x.records, done: x.done };
}

/** An adoption's envelope; the records are checked by the top frame's relay as it unpacks them. */
function validateAdoption(x: Record<string, unknown>): Adoption | null {
  const doc = validateDocumentInfo(x.doc);
  if (!doc || doc.top || !isSeq(x.last) || !Array.isArray(x.records)) return null;
  return { type: 'adopt', doc, last: x.last, records: x.records };
}

export function validateRelayToBackgroundOneShot(x: unknown): Unbranded<RelayToBackgroundOneShot> | null {
  if (isBranded(x) && x.type === 'adopt') return validateAdoption(x);
  if (isBranded(x) && x.type === 'replay-rules') return { type: 'replay-rules' };
  if (isBranded(x) && x.type === 'worker') {
    const worker = validateWorkerInfo(x.worker);
    return worker ? { type: 'worker', worker } : null;
  }
  if (!isBranded(x) || x.type !== 'summary' || !isObject(x.summary)) return null;
  const { docId, top, activatedAt, open, connections, byOrigin } = x.summary;
  if (
    !isText(docId, 64) ||
    typeof top !== 'boolean' ||
    !isTime(activatedAt) ||
    !isCount(open) ||
    !isCount(connections) ||
    open > connections
  )
    return null;
  const summary: DocumentSummary = { docId, top, activatedAt, open, connections };
  const origins = originCounts(byOrigin, open);
  if (origins) summary.byOrigin = origins;
  return { type: 'summary', summary };
}

export function isPopupToBackground(x: unknown): x is PopupToBackground {
  return isBranded(x) && x.type === 'tabs';
}

export function validatePanelToBackground(x: unknown): Unbranded<PanelToBackground> | null {
  if (!isBranded(x)) return null;
  switch (x.type) {
    case 'subscribe': {
      if (!isCount(x.tabId) || !isObject(x.cursors)) return null;
      const cursors: Record<string, number> = {};
      for (const [docId, seq] of Object.entries(x.cursors)) if (isCount(seq)) cursors[docId] = seq;
      return { type: 'subscribe', tabId: x.tabId, cursors };
    }
    case 'resync':
      return isText(x.docId, 64) && isCount(x.after) ? { type: 'resync', docId: x.docId, after: x.after } : null;
    case 'attach':
      return { type: 'attach' };
    case 'ping':
      return { type: 'ping' };
    case 'reveal':
      return isText(x.docId, 64) && isCount(x.conn) ? { type: 'reveal', docId: x.docId, conn: x.conn } : null;
    case 'fault': {
      const fault = FAULTS.find((known) => known === x.fault);
      if (!(isText(x.docId, 64) && isCount(x.conn) && x.conn !== 0 && isText(x.url, LIMITS.urlChars) && fault))
        return null;
      if (!faultMsFits(fault, x.ms) || (x.replayed !== undefined && x.replayed !== true)) return null;
      const asked = {
        type: 'fault',
        docId: x.docId,
        conn: x.conn,
        url: x.url,
        fault,
        ...(x.replayed ? { replayed: true as const } : {}),
      } as const;
      if (typeof x.ms === 'number') return { ...asked, ms: x.ms };
      if (fault !== 'inject') return asked;
      const injection = checkInjection(x.inject);
      return injection ? { ...asked, inject: injection } : null;
    }
    // Checked whole by the worker's rules before anything is kept (core/replay-rule).
    case 'replay-rules':
      return { type: 'replay-rules', rules: x.rules };
    case 'replay-step':
      return isReplayStep(x) ? { type: 'replay-step', rule: x.rule, step: x.step } : null;
    default:
      return null;
  }
}

/** An event to inject, as typed in the panel: one-line type, data within 64 KiB; or null. */
function checkInjection(x: unknown): Injection | null {
  const inject = isObject(x) ? x : {};
  if (!isText(inject.type, INJECTION_TYPE_CHARS) || !isText(inject.data, INJECTION_MAX_BYTES)) return null;
  const injection = { type: inject.type, data: inject.data };
  return injectionProblem(injection) ? null : injection;
}

const REPLAY_STEPS: readonly ReplayStep[] = ['next', 'next-event', 'pause', 'resume'];

/** A user's step for a replay rule: the rule's id, and which step. */
function isReplayStep(x: Record<string, unknown>): x is { rule: string; step: ReplayStep } {
  return isText(x.rule, REPLAY_LIMITS.idChars) && REPLAY_STEPS.includes(x.step as ReplayStep);
}

export function isBackgroundToRelay(x: unknown): x is BackgroundToRelay {
  return (
    isBranded(x) &&
    (x.type === 'idle' ||
      (x.type === 'sync' && isCount(x.after)) ||
      (x.type === 'reveal' && isCount(x.conn)) ||
      (x.type === 'fault' &&
        isCount(x.conn) &&
        FAULTS.includes(x.fault as FaultKind) &&
        faultMsFits(x.fault as FaultKind, x.ms) &&
        isTime(x.time) &&
        (x.replayed === undefined || x.replayed === true) &&
        (x.inject === undefined || checkInjection(x.inject) !== null)))
  );
}

export function validateBackgroundToTab(x: unknown): Unbranded<BackgroundToTab> | null {
  if (!isBranded(x)) return null;
  if (x.type === 'attach') return { type: 'attach' };
  if (x.type === 'adopt') return validateAdoption(x);
  if (x.type === 'replay') {
    const rules = checkRules(x.rules);
    if (isRuleProblem(rules)) return null;
    return x.nativeEventSource === true
      ? { type: 'replay', rules, nativeEventSource: true }
      : { type: 'replay', rules };
  }
  if (x.type === 'replay-step') return isReplayStep(x) ? { type: 'replay-step', rule: x.rule, step: x.step } : null;
  if (x.type === 'bytes') return validateByteBatch(x);
  if (x.type === 'arrivals') return validateArrivalBatch(x);
  if (x.type === 'worker-stream') return validateWorkerStream(x);
  if (x.type === 'worker') {
    const worker = validateWorkerInfo(x.worker);
    if (!worker || !isTime(x.time) || (x.late !== undefined && x.late !== true)) return null;
    const seen: WorkerSeenMessage = { type: 'worker', worker, time: x.time };
    if (x.late) seen.late = true;
    return seen;
  }
  const o = x.observation;
  if (x.type !== 'http' || !isObject(o) || !isTime(o.time) || !isText(o.url, LIMITS.urlChars)) return null;
  if (!isText(o.requestedUrl, LIMITS.urlChars)) return null;
  if (o.requestTime !== undefined && !isTime(o.requestTime)) return null;
  const observation: HttpObservation = { time: o.time, url: o.url, requestedUrl: o.requestedUrl };
  if (o.requestTime !== undefined) observation.requestTime = o.requestTime;
  if (o.request !== undefined) {
    if (!isText(o.request, REQUEST_ID_CHARS)) return null;
    observation.request = o.request;
  }
  return copyHttpFields(o, observation) ? { type: 'http', observation } : null;
}

/** Origins a message of counts per origin carries at most. */
const ORIGINS_KEPT = 32;
/**
 * Origins a message of counts may hold before it is refused unread: ours carry ORIGINS_KEPT, and
 * sorting a compromised relay's million would hold the worker up.
 */
const ORIGINS_READ = 1024;

/** The largest counts, at most ORIGINS_KEPT of them: the origins nearest the browser's per-origin limit. */
export function largestCounts(entries: Iterable<[string, number]>): Record<string, number> {
  const sorted = [...entries].sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(sorted.slice(0, ORIGINS_KEPT));
}

/**
 * Counts per origin (URL origins, short), each no larger than `max`; of more than ORIGINS_KEPT,
 * the largest, so that many origins never cost a panel the ones it warns about.
 */
export function originCounts(x: unknown, max = Number.MAX_SAFE_INTEGER): Record<string, number> | undefined {
  if (!isObject(x)) return undefined;
  const entries = Object.entries(x);
  if (entries.length > ORIGINS_READ) return undefined;
  for (const [origin, count] of entries)
    if (!isText(origin, 256) || !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(origin) || !isCount(count) || count > max)
      return undefined;
  return largestCounts(entries as [string, number][]);
}

export function isBackgroundToPanel(x: unknown): x is BackgroundToPanel {
  return (
    isBranded(x) &&
    (x.type === 'doc' ||
      x.type === 'records' ||
      x.type === 'doc-gone' ||
      x.type === 'attached' ||
      (x.type === 'revealed' && validateRevealed(x) !== null) ||
      (x.type === 'origins' && originCounts(x.counts) !== undefined) ||
      (x.type === 'replay-rules' && !isRuleProblem(checkRules(x.rules))) ||
      (x.type === 'replay-refused' && isObject(x.problem)))
  );
}
