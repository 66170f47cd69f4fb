/** Connections built from records through the capture store, as a live panel would, for the health checks' unit tests; their findings worded as the UI words them. */
import type { Finding, RuleId } from '../../src/core/insights/finding';
import { type CheckContext, findingsOf, liveByOrigin } from '../../src/core/insights/rules';
import type { StoredRecord } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import type { ConnectionView } from '../../src/core/store/views';
import { findingSummary } from '../../src/ui/text/findings';

export type Input = StoredRecord extends infer R ? (R extends StoredRecord ? Omit<R, 'conn'> : never) : never;

export const URL_ = 'http://127.0.0.1:9/sse';

/** A capture of one connection from these records (conn 1, numbered in order). */
export function capture(
  records: Input[],
  kind: 'eventsource' | 'fetch' = 'eventsource',
  store = new CaptureStore(),
): ConnectionView {
  store.addDocument({ docId: 'd', url: 'http://127.0.0.1:9/', top: true, activatedAt: 0, frameId: 0 });
  const all = [
    {
      kind: 'connection',
      time: 0,
      type: kind,
      url: URL_,
      withCredentials: false,
      ...(kind === 'fetch' ? { method: 'GET', requestHeaders: [] } : {}),
    },
    ...records,
  ];
  store.addRecords(
    'd',
    all.map((r, i) => ({ ...r, conn: 1, seq: i + 1 }) as never),
  );
  return store.connections[0] as ConnectionView;
}

export const event = (time: number, data = 'x', extra: Record<string, unknown> = {}): Input =>
  ({ kind: 'event', time, type: 'message', data, lastEventId: '', origin: 'http://127.0.0.1:9', ...extra }) as Input;
export const withId = (time: number, id: string, data = 'x'): Input =>
  event(time, data, { lastEventId: id, blockId: id });
export const open = (time: number): Input => ({ kind: 'lifecycle', time, state: 'open' }) as Input;
export const reconnecting = (time: number): Input => ({ kind: 'lifecycle', time, state: 'reconnecting' }) as Input;

export const context = (now: number, connections: ConnectionView[] = []): CheckContext => ({
  now,
  liveByOrigin: liveByOrigin(connections),
});

/** A finding with its summary as the UI writes it (in English here). */
export type Worded = Finding & { summary: string };
export const wordedFindings = (connection: ConnectionView, ctx: CheckContext): Worded[] =>
  findingsOf(connection, ctx).map((finding) => ({ ...finding, summary: findingSummary(finding) }));

export function rules(
  connection: ConnectionView,
  now = 100_000,
  ctx = context(now, [connection]),
): Record<string, Worded> {
  const found = wordedFindings(connection, ctx);
  return Object.fromEntries(found.map((f) => [f.rule, f]));
}

export const only = (connection: ConnectionView, rule: RuleId, now?: number) => rules(connection, now)[rule];
