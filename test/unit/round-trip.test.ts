/**
 * Export → import → export gives the same file, for captures made up at random (seeded, so a
 * failure names its capture): pages with frames that leave, EventSources that reconnect, fail or
 * are stopped by a 204, streams read as bytes or text, events past the cap, network facts and
 * workers' streams.
 */
import { expect, test } from '@playwright/test';
import type { StoredRecord } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import { sourceOf, toCaptureFile } from '../../src/files/capture-file';
import { importCaptureFile, storeFromImport } from '../../src/files/capture-import';
import { findingSummary } from '../../src/ui/text/findings';
import { frameDocument } from '../support/documents';
import { numbered } from '../support/records';

/** A small, seeded generator (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    chance: (p: number) => next() < p,
  };
}

const TEXTS = ['a', 'hello world', '{"n":1}', 'line one\nline two', 'é ☀ 🚀', '', 'data: not a field', ' spaced '];
const TYPES = ['message', 'message', 'tick', 'update', 'ping'];

function sseBlock(type: string, data: string, id?: string): string {
  let text = type === 'message' ? '' : `event: ${type}\n`;
  if (id !== undefined) text += `id: ${id}\n`;
  for (const line of data.split('\n')) text += `data: ${line}\n`;
  return `${text}\n`;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** One document's records: a few connections of every kind, with what can happen to them. */
function documentRecords(rng: ReturnType<typeof random>, start: number): StoredRecord[] {
  const records: StoredRecord[] = [];
  let time = start;
  const tick = () => {
    time += 1 + rng.int(50);
    return time;
  };
  const count = 1 + rng.int(4);
  for (let conn = 1; conn <= count; conn++) {
    const kind = rng.pick(['eventsource', 'eventsource', 'fetch', 'xhr', 'worker'] as const);
    const url = `http://a/s/${conn}?k=${kind}`;
    if (kind === 'eventsource') {
      records.push({
        kind: 'connection',
        time: tick(),
        conn,
        type: 'eventsource',
        url,
        withCredentials: rng.chance(0.3),
      });
      if (rng.chance(0.5)) records.push({ kind: 'listen', time: tick(), conn, type: 'tick' });
      records.push({ kind: 'lifecycle', time: tick(), conn, state: 'open' });
      if (rng.chance(0.5))
        records.push({ kind: 'http-version', time: time, conn, httpVersion: rng.pick(['http/1.1', 'h2']) });
      let lastId = '';
      const events = rng.int(6);
      for (let i = 0; i < events; i++) {
        if (rng.chance(0.3)) lastId = String(i);
        records.push({
          kind: 'event',
          time: tick(),
          conn,
          type: rng.pick(TYPES),
          data: rng.pick(TEXTS),
          lastEventId: lastId,
          origin: 'http://a',
        });
        if (rng.chance(0.15)) {
          records.push({ kind: 'lifecycle', time: tick(), conn, state: 'reconnecting', attempt: 1 });
          records.push({
            kind: 'http',
            time: tick(),
            conn,
            url,
            status: 200,
            contentType: 'text/event-stream',
            lastEventId: lastId,
          });
          records.push({ kind: 'lifecycle', time: tick(), conn, state: 'open' });
        }
      }
      if (rng.chance(0.2))
        records.push({ kind: 'dropped', reason: 'budget', time: tick(), conn, events: 1 + rng.int(50), chars: 0 });
      const end = rng.int(4);
      if (end === 0) records.push({ kind: 'lifecycle', time: tick(), conn, state: 'closed' });
      if (end === 1) {
        records.push({ kind: 'http', time: tick(), conn, url, status: 204, headers: [['x-a', 'b']] });
        records.push({ kind: 'lifecycle', time: time, conn, state: 'failed' });
      }
      if (end === 2) records.push({ kind: 'lifecycle', time: tick(), conn, state: 'closed', reason: 'unloaded' });
      continue;
    }
    // A stream read as bytes (fetch, a worker's) or as text (XHR): its chunks, cut anywhere.
    const worker = kind === 'worker';
    const type = kind === 'xhr' ? 'xhr' : 'fetch';
    const connection: StoredRecord = { kind: 'connection', time: tick(), conn, type, url, withCredentials: false };
    if (rng.chance(0.7)) {
      connection.method = rng.pick(['GET', 'POST']);
      connection.requestHeaders = [['Accept', 'text/event-stream']];
      if (connection.method === 'POST') connection.requestBody = '{"q":"hi"}';
    }
    records.push(connection);
    if (worker)
      records.push({
        kind: 'worker',
        time,
        conn,
        worker: rng.pick(['dedicated', 'shared', 'service']),
        url: 'http://a/w.js',
      });
    const format = rng.pick(['sse', 'sse', 'ndjson'] as const);
    records.push({
      kind: 'response',
      time: tick(),
      conn,
      url,
      status: 200,
      statusText: 'OK',
      headers: [['content-type', format === 'sse' ? 'text/event-stream' : 'application/x-ndjson']],
      format,
    });
    records.push({ kind: 'lifecycle', time, conn, state: 'open' });
    let stream = '';
    const events = rng.int(6);
    for (let i = 0; i < events; i++) {
      const data = rng.pick(TEXTS);
      stream +=
        format === 'sse'
          ? `${rng.chance(0.2) ? ': note\n\n' : ''}${sseBlock(rng.pick(TYPES), data, rng.chance(0.3) ? String(i) : undefined)}`
          : `${JSON.stringify({ i, data })}\n`;
    }
    if (rng.chance(0.2)) stream += format === 'sse' ? 'data: unfinished' : '{"cut":';
    let at = 0;
    while (at < stream.length) {
      const size = 1 + rng.int(40);
      const piece = stream.slice(at, at + size);
      at += size;
      const bytes = Buffer.byteLength(piece);
      records.push(
        kind === 'xhr'
          ? { kind: 'chunk', time: tick(), conn, size: piece.length, text: piece }
          : { kind: 'chunk', time: tick(), conn, size: bytes, base64: b64(piece) },
      );
      if (!worker && kind !== 'xhr' && rng.chance(0.3))
        records.push({ kind: 'arrival', time: time - 1, conn, size: bytes });
    }
    const how = rng.pick(['complete', 'aborted', 'error'] as const);
    records.push({
      kind: 'lifecycle',
      time: tick(),
      conn,
      state: how === 'error' ? 'failed' : 'closed',
      reason: how,
      ...(how === 'error' ? { error: 'TypeError: network error' } : {}),
    });
  }
  return records;
}

/**
 * A tab's capture: one page, or with preserve log on, up to three, each left for the next (its
 * documents gone, as the relay reports when a page goes); every page with up to three frames.
 */
function capture(seed: number): CaptureStore {
  const rng = random(seed);
  const store = new CaptureStore();
  store.preserveLog = rng.chance(0.5);
  const pages = store.preserveLog ? 1 + rng.int(3) : 1;
  for (let p = 0; p < pages; p++) {
    const start = 1000 + p * 1_000_000;
    const docs: string[] = [`top${p}`];
    store.addDocument(frameDocument(`top${p}`, { url: `http://a/page/${p}`, activatedAt: start }));
    store.addRecords(`top${p}`, numbered(documentRecords(rng, start)));
    const frames = rng.int(3);
    for (let f = 1; f <= frames; f++) {
      const doc = frameDocument(`p${p}f${f}`, { url: `http://a/frame/${f}`, activatedAt: start + f, frameId: f });
      docs.push(doc.docId);
      store.addDocument(doc);
      store.addRecords(doc.docId, numbered(documentRecords(rng, start + 7 * f)));
      // Some frames leave while the page lives on.
      if (rng.chance(0.4)) store.documentGone(doc.docId);
    }
    if (p + 1 < pages) for (const docId of docs) store.documentGone(docId);
  }
  return store;
}

const NOW = new Date('2026-12-03T00:00:00Z');
const exported = (store: CaptureStore) => toCaptureFile(sourceOf(store, findingSummary), 'round trip', NOW);

test('export → import → export gives the same file, for 150 generated captures', () => {
  const seen = {
    gone: 0,
    worker: 0,
    dropped: 0,
    reconnects: 0,
    stopped: 0,
    xhr: 0,
    arrivals: 0,
    unfinished: 0,
    navigations: 0,
  };
  for (let seed = 1; seed <= 150; seed++) {
    const file = exported(capture(seed));
    if (file.navigations.length > 1) seen.navigations++;
    for (const c of file.connections) {
      if (c.gone) seen.gone++;
      if (c.worker) seen.worker++;
      if (c.dropped > 0) seen.dropped++;
      if (c.lifecycle.some((s) => s.state === 'reconnecting')) seen.reconnects++;
      if (c.http?.status === 204) seen.stopped++;
      if (c.kind === 'xhr') seen.xhr++;
      if (c.arrivals) seen.arrivals++;
      if (c.blocks.some((b) => b.notes.some((n) => n.startsWith('incomplete')))) seen.unfinished++;
    }
    const { capture: imported, skipped } = importCaptureFile(JSON.parse(JSON.stringify(file)));
    expect(skipped, `seed ${seed}`).toBe(0);
    const again = exported(storeFromImport(imported));
    expect(again, `seed ${seed}`).toEqual(file);
  }
  // The captures had every kind of thing in them.
  for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(3);
});
