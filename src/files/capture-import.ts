/**
 * Reading a capture file back (untrusted): each connection becomes records that pass the same
 * validators as a live capture's, numbered per document as a relay would, and go into a capture
 * store as a live panel's would (./capture-file writes the file).
 */
import type { CaptureRecord, FrameDocument, StoredRecord } from '../core/model';
import { partitionPoint } from '../core/partition';
import { isObject } from '../core/plain-object';
import { CaptureStore } from '../core/store/capture-store';
import type { NavigationMark } from '../core/store/views';
import { validateCaptureRecord } from '../core/validate-record';
import { attemptAt, attemptsOf, endRecord, requestFields } from './capture-attempts';
import { CAPTURE_FORMAT, CAPTURE_VERSION } from './capture-file';
import { connectionFromVersion1 } from './capture-file-v1';
import { ImportError } from './import-error';
/** Documents and their records, ready for a capture store: what an import feeds the panel. */
export interface ImportedCapture {
  documents: { doc: FrameDocument; records: CaptureRecord[] }[];
  navigations: NavigationMark[];
}

const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** What a connection of the file becomes: records in time order, each checked by the record validator. */
function connectionRecords(c: Record<string, unknown>, conn: number): StoredRecord[] {
  const createdAt = Number(c.createdAt);
  const attempts = attemptsOf(c);
  const records: { record: StoredRecord; order: number; attempt: number }[] = [];
  // Each record is made here and given its connection in place: no copy of every event (a file may hold millions).
  // A stream that reconnected: each record goes with the request it came after (./capture-attempts).
  const add = (record: Record<string, unknown>, order: number, to?: number) => {
    const attempt = to ?? (attempts ? attemptAt(attempts, Number(record.time)) : 0);
    record.conn = conn + attempt;
    records.push({ record: record as unknown as StoredRecord, order, attempt });
  };
  const connectionRecord = (time: unknown, url: unknown, request: unknown) => {
    const record: Record<string, unknown> = {
      kind: 'connection',
      time,
      type: c.kind,
      url,
      withCredentials: c.withCredentials === true,
    };
    requestFields(request, record);
    return record;
  };
  // The connection's request is its latest; the first attempt's is its own.
  add(connectionRecord(createdAt, c.url, attempts ? attempts[0]?.request : c.request), 0, 0);
  attempts?.forEach((attempt, i) => {
    if (i > 0) add(connectionRecord(attempt.time, attempt.url, attempt.request), 0, i);
    if (isObject(attempt.response)) add({ kind: 'response', ...attempt.response }, 1, i);
    const end = i < attempts.length - 1 ? endRecord(attempt) : undefined;
    if (end) add(end, 5, i);
  });
  const lifecycle = list(c.lifecycle).filter(isObject);
  let previous = { time: Number.NaN, order: 0 };
  lifecycle.slice(1).forEach((step, i) => {
    // A reconnect of a stream that reconnected with new requests is recognised again from them.
    if (attempts && step.state === 'reconnecting') return;
    const terminal = step.state === 'closed' || step.state === 'failed';
    const last = i === lifecycle.length - 2;
    const record: Record<string, unknown> = { kind: 'lifecycle', time: step.time, state: step.state };
    if (terminal && last && c.endReason !== undefined) record.reason = c.endReason;
    if (terminal && last && c.endError !== undefined) record.error = c.endError;
    // In one moment an open comes before the events (as the panel shows it); a reconnect after them,
    // as the browser dispatched them (the request sends the last one's id); an end after everything
    // (the last events, the count of those not kept). Steps of one moment keep their own order.
    let order = terminal ? 5 : step.state === 'open' ? 1 : 3.5;
    if (step.time === previous.time && order < previous.order) order = previous.order + 0.01;
    previous = { time: step.time as number, order };
    add(record, order);
  });
  // Before its chunks: a worker's EventSource is parsed as a stream, not paired with a page's events.
  if (isObject(c.worker)) add({ kind: 'worker', time: createdAt, worker: c.worker.kind, url: c.worker.url }, 0.5);
  for (const type of list(c.listening)) add({ kind: 'listen', time: createdAt, type }, 1);
  if (isObject(c.replay)) add({ kind: 'replay', time: createdAt, ...c.replay }, 0.5);
  const chunks = list(c.chunks).filter(isObject);
  // A worker's EventSource: the file keeps its last response only; each response it began is parsed afresh.
  const responses = isObject(c.worker) && c.kind === 'eventsource' ? chunks.filter((k) => k.begins === true) : [];
  if (isObject(c.response) && responses.length === 0 && !attempts) add({ kind: 'response', ...c.response }, 1);
  const last = c.response;
  if (isObject(last)) {
    // Each response came when its connection opened: the latest open before its first bytes.
    const opens = list(c.lifecycle)
      .filter(isObject)
      .filter((step) => step.state === 'open')
      .map((step) => Number(step.time));
    responses.forEach((begun, i) => {
      const time =
        i === responses.length - 1 ? last.time : (opens.filter((t) => t <= Number(begun.time)).pop() ?? begun.time);
      add({ kind: 'response', ...last, time }, 1.5);
    });
  }
  if (isObject(c.http)) add({ kind: 'http', ...c.http }, 3);
  if (c.protocol !== undefined) add({ kind: 'http-version', time: createdAt, httpVersion: c.protocol }, 1);
  for (const arrival of list(c.arrivals).filter(isObject))
    add({ kind: 'arrival', time: arrival.time, size: arrival.size }, 2);
  for (const fault of list(c.faults).filter(isObject))
    add(
      { kind: 'fault', time: fault.time, fault: fault.fault, ...(fault.ms === undefined ? {} : { ms: fault.ms }) },
      2,
    );
  for (const chunk of chunks) add({ kind: 'chunk', ...chunk }, 2);
  // A stream with its chunks is parsed again from them, as live; its events and blocks follow.
  const parsedFromChunks =
    isObject(c.response) && chunks.length > 0 && chunks.every((k) => k.base64 !== undefined || k.text !== undefined);
  // An EventSource's bytes (network capture) give its blocks again; its events are the page's own.
  const blocksFromChunks = c.kind === 'eventsource' && chunks.length > 0 && chunks.every((k) => k.base64 !== undefined);
  if (!parsedFromChunks) {
    if (!blocksFromChunks) for (const block of list(c.blocks).filter(isObject)) add({ kind: 'block', ...block }, 3);
    for (const event of list(c.events).filter(isObject)) {
      // (Its `size` is the file's to say and is not kept: the validator takes the fields it knows.)
      add({ kind: 'event', ...event }, 3);
    }
  }
  if (Number(c.dropped) > 0) {
    const time = Number(typeof c.droppedAt === 'number' ? c.droppedAt : (c.endedAt ?? createdAt));
    add({ kind: 'dropped', reason: 'budget', time, events: c.dropped, chars: 0 }, 4);
  }
  records.sort(
    (a, b) => a.attempt - b.attempt || (a.record.time as number) - (b.record.time as number) || a.order - b.order,
  );
  return records.map((r) => r.record);
}

/**
 * Reads a capture file (untrusted): every connection becomes records that must pass the
 * record validators; a connection whose records do not is reported, not half-imported.
 */
export function importCaptureFile(input: unknown): { capture: ImportedCapture; skipped: number } {
  if (!isObject(input) || input.format !== CAPTURE_FORMAT) throw new ImportError('not-capture');
  if (input.version !== CAPTURE_VERSION && input.version !== 2 && input.version !== 1)
    throw new ImportError('version', { version: String(input.version) });
  const connections = list(input.connections)
    .filter(isObject)
    .map((c) => (input.version === 1 ? connectionFromVersion1(c) : c));
  const navigations = list(input.navigations)
    .filter(isObject)
    .map((n) => ({ time: Number(n.time), url: String(n.url) }))
    .filter((n) => Number.isFinite(n.time))
    // In time order (a file written by hand, or a hostile one, may not be): each connection finds its page by a binary search.
    .sort((a, b) => a.time - b.time);
  // A loop, not `Math.min(...starts)`: a spread of 125,000 arguments overflows the stack.
  let first = Date.now();
  for (const c of connections) {
    const start = Number(c.createdAt);
    if (Number.isFinite(start) && start < first) first = start;
  }
  for (const n of navigations) if (n.time < first) first = n.time;
  /** Pages: the first, and one per navigation; a connection belongs to the last page begun before it. */
  const pages = [{ time: first - 1, url: typeof input.page === 'string' ? input.page : '' }, ...navigations];
  const documents = new Map<string, { doc: FrameDocument; records: CaptureRecord[]; connections: number }>();
  const documentFor = (page: number, frameId: number, frameUrl: string, gone = false, exposed = false) => {
    // A page has one top document; each frame (by id and URL) one of its own; connections whose
    // document went away, one more (gone), served as a gone frame's capture is; those a same-origin
    // parent could have written (forgeable), one more again, whose connections all say so.
    const key = `${
      gone ? `${page}/gone/${frameId}/${frameUrl}` : frameId === 0 ? `${page}/top` : `${page}/${frameId}/${frameUrl}`
    }${exposed ? '/exposed' : ''}`;
    let entry = documents.get(key);
    if (!entry) {
      const start = (pages[page] as { time: number }).time + (frameId === 0 && !gone ? 0 : 0.001);
      const url = frameId === 0 && !gone ? (pages[page] as { url: string }).url : frameUrl;
      const doc: FrameDocument = {
        docId: `import-${documents.size}`,
        url,
        top: frameId === 0 && !gone,
        activatedAt: start,
        frameId,
      };
      if (gone) doc.gone = { frameId };
      if (exposed) doc.exposed = true;
      entry = { doc, records: [], connections: 0 };
      documents.set(key, entry);
    }
    return entry;
  };
  for (let page = 0; page < pages.length; page++) documentFor(page, 0, '');
  let skipped = 0;
  for (const c of connections) {
    const createdAt = Number(c.createdAt);
    // The last page begun at or before it (the first page begins before every connection).
    const page = Math.max(0, partitionPoint(pages.length, (i) => (pages[i] as { time: number }).time <= createdAt) - 1);
    const frame = isObject(c.frame) ? c.frame : {};
    const frameId = Number.isSafeInteger(frame.id) ? (frame.id as number) : 0;
    const frameUrl = typeof frame.url === 'string' ? frame.url : '';
    const entry = documentFor(page, frameId, frameUrl, c.gone === true, c.forgeable === true);
    const records = connectionRecords(c, entry.connections + 1);
    const checked: CaptureRecord[] = [];
    let valid = true;
    for (const record of records) {
      const next = validateCaptureRecord(Object.assign(record, { seq: 1 }));
      if (!next) {
        valid = false;
        break;
      }
      checked.push(next);
    }
    if (!valid) {
      skipped++;
      continue;
    }
    for (const record of checked) {
      entry.records.push(record);
      if (record.conn > entry.connections) entry.connections = record.conn;
    }
  }
  // Numbered per document, in time order, as a relay would have.
  const result: ImportedCapture['documents'] = [];
  for (const { doc, records } of documents.values()) {
    records.sort((a, b) => a.time - b.time);
    records.forEach((record, i) => {
      record.seq = i + 1;
    });
    result.push({ doc, records });
  }
  return { capture: { documents: result, navigations }, skipped };
}

/** A capture store holding an import, as a live one would hold the same records; frozen at its last record. */
export function storeFromImport(imported: ImportedCapture, into = new CaptureStore()): CaptureStore {
  for (const _ of importParts(imported, into, Number.POSITIVE_INFINITY));
  return into;
}

/**
 * Fills `into` with an import in parts of `part` records, saying after each how many of how many
 * are in: the panel shows what has been read and a progress bar between parts. When the last is
 * in, the store is as `storeFromImport` leaves it.
 */
export function* importParts(
  imported: ImportedCapture,
  into: CaptureStore,
  part: number,
): Generator<{ done: number; total: number }> {
  into.preserveLog = imported.navigations.length > 0;
  let last = 0;
  let total = 0;
  for (const { records } of imported.documents) {
    total += records.length;
    for (const record of records) last = Math.max(last, record.time);
  }
  into.standStill(last);
  let done = 0;
  // In the order they started, as a live panel meets them: a page's documents (gone ones too) while
  // that page is shown, before the next navigation; met after it, they would be an old page's, stale.
  const documents = [...imported.documents].sort((a, b) => a.doc.activatedAt - b.doc.activatedAt);
  for (const { doc, records } of documents) {
    into.addDocument(doc);
    for (let from = 0; from < records.length; from += part) {
      const slice = records.length <= part ? records : records.slice(from, from + part);
      into.addRecords(doc.docId, slice);
      done += slice.length;
      if (done < total) yield { done, total };
    }
  }
  // Nothing is live in a file: time stands still at its last record.
  into.pause(last);
}
