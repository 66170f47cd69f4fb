/**
 * Matches what the network layer saw of an SSE request to the connection that made it.
 *
 * A connection makes a request when it is created and again after each `reconnecting`; the
 * background's webRequest observer reports each request's response (or network error) with the
 * URL first requested and when the request started. Requests of one URL are matched to the
 * attempts waiting for that URL in order. The page's records and the observations travel different
 * roads, so either may arrive first: an attempt keeps waiting a little after the connection moved
 * on, and an observation with no attempt yet waits a little for one.
 */
import type { CaptureRecord, ConnectionRecord, HttpRecord, LifecycleRecord } from '../core/model';
import type { HttpObservation } from '../messages/messages';

/** How long an attempt or an observation waits for its other half, in ms. */
const GRACE_MS = 5000;
/** Observations waiting for their connection, at most. */
const MAX_EARLY = 64;
/** The page's clock and the network layer's may differ by a few ms. */
const CLOCK_SLACK_MS = 50;

interface Attempt {
  conn: number;
  /** When the request was due: the connection's creation, or the error that scheduled the reconnect. */
  since: number;
  /** When the connection moved on (the attempt can still be matched for GRACE_MS). */
  settledAt?: number;
}

export class HttpMatcher {
  private readonly urls = new Map<number, string>();
  private readonly waiting = new Map<string, Attempt[]>();
  private early: { observation: HttpObservation; receivedAt: number }[] = [];

  /** `claimed` learns which connection each matched request (by the browser's id) belongs to. */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly claimed?: (request: string, conn: number) => void,
  ) {}

  /** Whether `follow` needs to see a record: only connections and their lifecycle make requests. */
  static follows(record: CaptureRecord): record is CaptureRecord & (ConnectionRecord | LifecycleRecord) {
    // Fetch and XHR streams report their response themselves; only EventSource needs the network's view.
    return (record.kind === 'connection' && record.type === 'eventsource') || record.kind === 'lifecycle';
  }

  /** Follows a connection or lifecycle record; returns HTTP records for observations that were waiting. */
  follow(record: ConnectionRecord | LifecycleRecord): HttpRecord[] {
    if (record.kind === 'connection') {
      this.urls.set(record.conn, record.url);
      this.expect(record.conn, record.time);
    } else {
      for (const attempt of this.attemptsOf(record.conn)) attempt.settledAt ??= this.now();
      if (record.state === 'reconnecting') this.expect(record.conn, record.time);
    }
    const matched: HttpRecord[] = [];
    const now = this.now();
    const early = this.early.filter((item) => now - item.receivedAt < GRACE_MS);
    this.early = [];
    for (const item of early) {
      const http = this.observe(item.observation, item.receivedAt);
      if (http) matched.push(http);
    }
    return matched;
  }

  /** An observation from the background: its record, or undefined while no attempt fits yet. */
  observe(observation: HttpObservation, receivedAt = this.now()): HttpRecord | undefined {
    const now = this.now();
    const list = (this.waiting.get(observation.requestedUrl) ?? []).filter(
      (a) => a.settledAt === undefined || now - a.settledAt < GRACE_MS,
    );
    this.waiting.set(observation.requestedUrl, list);
    const started = observation.requestTime ?? observation.time;
    const index = list.findIndex((a) => a.since <= started + CLOCK_SLACK_MS);
    if (index < 0) {
      // Others (a fetch that asks for text/event-stream, say) are never claimed: keep few, briefly.
      this.early = this.early.filter((item) => now - item.receivedAt < GRACE_MS).slice(-MAX_EARLY + 1);
      this.early.push({ observation, receivedAt });
      return undefined;
    }
    const [attempt] = list.splice(index, 1) as [Attempt];
    const { requestedUrl, requestTime, request, ...fields } = observation;
    if (request !== undefined) this.claimed?.(request, attempt.conn);
    return { kind: 'http', conn: attempt.conn, ...fields };
  }

  private expect(conn: number, since: number): void {
    const url = this.urls.get(conn);
    if (url === undefined) return;
    const list = this.waiting.get(url) ?? [];
    list.push({ conn, since });
    this.waiting.set(url, list);
  }

  private attemptsOf(conn: number): Attempt[] {
    const url = this.urls.get(conn);
    return url === undefined ? [] : (this.waiting.get(url) ?? []).filter((a) => a.conn === conn);
  }
}
