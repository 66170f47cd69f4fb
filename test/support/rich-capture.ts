import type { FrameDocument, StoredRecord } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import { StreamParser } from '../../src/core/stream-parser';
import { sourceOf, toCaptureFile } from '../../src/files/capture-file';
import { findingSummary } from '../../src/ui/text/findings';
import { connectionRecord, eventRecord, lifecycleRecord, numbered } from './records';

export const NOW = new Date('2026-11-21T12:00:00Z');
export const top: FrameDocument = { docId: 'top', url: 'http://a/page', top: true, activatedAt: 1000, frameId: 0 };
export const frame: FrameDocument = {
  docId: 'frame',
  url: 'http://a/frame',
  top: false,
  activatedAt: 1001,
  frameId: 7,
};
export const encoder = new TextEncoder();

/** A capture with an EventSource that reconnected, a fetch stream read as bytes, and one in a frame. */
export function richStore(): CaptureStore {
  const store = new CaptureStore();
  store.addDocument(top);
  store.addDocument(frame);
  // The relay keeps a stream's chunks only; the store parses them, as the panel does.
  const parser = new StreamParser(2, 'sse', 'http://a');
  const streamed: StoredRecord[] = [
    ...parser.push(2010, encoder.encode(': hi\n\nid: 5\ndata: {"token":"t0p","n":1}\n\nevent: tick\ndata: a')),
    ...parser.push(2020, encoder.encode('b 🚀\n\nretry: 900\n\n')),
  ].filter((record) => record.kind === 'chunk');
  store.addRecords(
    'top',
    numbered([
      { ...connectionRecord(1, 1010, 'http://a/sse'), withCredentials: true },
      { kind: 'listen', time: 1011, conn: 1, type: 'ping' },
      lifecycleRecord(1, 'open', 1020),
      { ...eventRecord(1, 'one', 1030), lastEventId: '1' },
      { kind: 'http', time: 1040, conn: 1, url: 'http://a/sse', status: 200, contentType: 'text/event-stream' },
      { ...lifecycleRecord(1, 'reconnecting', 1050), attempt: 1 },
      lifecycleRecord(1, 'open', 1060),
      { ...eventRecord(1, 'two\nlines', 1070), type: 'ping', lastEventId: '1' },
      {
        kind: 'connection',
        time: 2000,
        conn: 2,
        type: 'fetch',
        url: 'http://a/v1/chat',
        withCredentials: false,
        method: 'POST',
        requestHeaders: [
          ['Content-Type', 'application/json'],
          ['Authorization', 'Bearer sk-t0p'],
        ],
        requestBody: '{"apiKey":"k","q":"hi"}',
        requestBodySize: 23,
      },
      {
        kind: 'response',
        time: 2005,
        conn: 2,
        url: 'http://a/v1/chat',
        status: 200,
        statusText: 'OK',
        headers: [['content-type', 'text/event-stream']],
        format: 'sse',
      },
      lifecycleRecord(2, 'open', 2005),
      ...streamed,
      { kind: 'lifecycle', time: 2030, conn: 2, state: 'closed', reason: 'complete' },
    ]),
  );
  store.addRecords(
    'frame',
    numbered([connectionRecord(1, 1500, 'http://a/frame-sse'), eventRecord(1, 'in frame', 1600)]),
  );
  return store;
}

export const exported = (store: CaptureStore) => toCaptureFile(sourceOf(store, findingSummary), 'SSE Scope test', NOW);
