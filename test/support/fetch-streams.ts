/** Fetch streams as their page hook reports them, a client reconnecting with new requests among them. */
import type { PageRecord, RelayRecord } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import { frameDocument } from './documents';
import { numbered } from './records';

export type Rec = PageRecord | RelayRecord;

export const URL_ = 'http://a/stream';

/** One fetch stream: asked at `at`, answered 5 ms later, these blocks, ended 50 ms after it was asked. */
export function stream(
  conn: number,
  at: number,
  body: string,
  fields: { url?: string; headers?: [string, string][]; end?: 'complete' | 'error' | false } = {},
): Rec[] {
  const url = fields.url ?? URL_;
  const records: Rec[] = [
    {
      kind: 'connection',
      time: at,
      conn,
      type: 'fetch',
      url,
      withCredentials: false,
      method: 'GET',
      requestHeaders: fields.headers ?? [['accept', 'text/event-stream']],
    },
    { kind: 'response', time: at + 5, conn, url, status: 200, statusText: 'OK', headers: [], format: 'sse' },
    { kind: 'lifecycle', time: at + 5, conn, state: 'open' },
    { kind: 'chunk', time: at + 10, conn, size: body.length, text: body },
  ];
  const end = fields.end ?? 'complete';
  if (end === 'complete') records.push({ kind: 'lifecycle', time: at + 50, conn, state: 'closed', reason: 'complete' });
  if (end === 'error')
    records.push({ kind: 'lifecycle', time: at + 50, conn, state: 'failed', reason: 'error', error: 'TypeError: x' });
  return records;
}

export function storeOf(...documents: Rec[][]): CaptureStore {
  const store = new CaptureStore();
  documents.forEach((records, i) => {
    const docId = `d${i}`;
    store.addDocument(frameDocument(docId, { activatedAt: 1, frameId: i }));
    store.addRecords(docId, numbered(records.sort((a, b) => a.time - b.time)));
  });
  return store;
}
