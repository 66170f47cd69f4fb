/** Builders for capture records in unit tests. */
import type {
  CaptureRecord,
  ConnectionRecord,
  EventRecord,
  LifecycleRecord,
  PageRecord,
  RelayRecord,
} from '../../src/core/model';

export const eventRecord = (conn: number, data: string, time = 20): EventRecord => ({
  kind: 'event',
  time,
  conn,
  type: 'message',
  data,
  lastEventId: '',
  origin: 'http://a',
});

export const connectionRecord = (conn: number, time = 10, url = `http://a/sse/${conn}`): ConnectionRecord => ({
  kind: 'connection',
  time,
  conn,
  type: 'eventsource',
  url,
  withCredentials: false,
});

export const lifecycleRecord = (conn: number, state: LifecycleRecord['state'], time: number): LifecycleRecord => ({
  kind: 'lifecycle',
  time,
  conn,
  state,
});

/** Numbers records from `from`, as a relay would. */
export const numbered = (records: (PageRecord | RelayRecord)[], from = 1): CaptureRecord[] =>
  records.map((record, i) => ({ ...record, seq: from + i }) as CaptureRecord);
