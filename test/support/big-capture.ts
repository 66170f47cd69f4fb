/**
 * Capture files as large as a test needs, made directly in the capture file's form: connections of
 * `events` numbered messages each, one a millisecond (test/unit/large-capture.test.ts, the import
 * progress test, B4's import).
 */
import {
  CAPTURE_FORMAT,
  CAPTURE_VERSION,
  type CaptureConnection,
  type CaptureFile,
} from '../../src/files/capture-file';

export const T0 = Date.UTC(2024, 0, 1);
export const ORIGIN = 'http://a.example';

export function connection(id: number, events: number): CaptureConnection {
  const createdAt = T0 + id;
  const endedAt = createdAt + events + 2;
  return {
    id,
    kind: 'eventsource',
    url: `${ORIGIN}/s/${id}`,
    frame: { id: 0, url: '' },
    withCredentials: false,
    createdAt,
    endedAt,
    lifecycle: [
      { state: 'connecting', time: createdAt },
      { state: 'open', time: createdAt + 1 },
      { state: 'closed', time: endedAt },
    ],
    listening: [],
    events: Array.from({ length: events }, (_, i) => ({
      time: createdAt + 1 + i,
      type: 'message',
      data: `e${i}`,
      lastEventId: '',
      origin: ORIGIN,
      size: `e${i}`.length,
    })),
    blocks: [],
    chunks: [],
    dropped: 0,
  };
}

export const fileOf = (connections: CaptureConnection[]): CaptureFile => ({
  format: CAPTURE_FORMAT,
  version: CAPTURE_VERSION,
  exportedAt: new Date(T0).toISOString(),
  tool: 'test',
  page: `${ORIGIN}/`,
  navigations: [],
  connections,
});
