/**
 * The health checks: each a rule with an id, a severity, a paragraph saying what it means, what to
 * do, where the spec or MDN explains it, and a check that reads a connection (its view and its
 * tracker) and returns a finding with its evidence, or nothing. Checks are cheap: the tracker did
 * the per-event work as records arrived.
 */
import { protocolName } from '../format';
import type { ConnectionView } from '../store/views';
import { originOf } from '../stream-parser';
import { type AnomalyCode, type Evidence, InsightTracker, OVERSIZED_BYTES } from './tracker';

export type Severity = 'error' | 'warning' | 'info';

export type RuleId =
  | 'connection-limit'
  | 'buffered-delivery'
  | 'silent-stream'
  | 'not-resumable'
  | 'resume-replayed'
  | 'resume-skipped'
  | 'reconnect-storm'
  | 'content-type'
  | 'spec-anomaly'
  | 'in-band-error';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** What was seen, in this connection's own figures. */
  summary: string;
  evidence: Evidence;
}

/** What a check sees besides its connection. */
export interface CheckContext {
  now: number;
  /** Live SSE connections per origin (this tab, and others when the worker reports them). */
  liveByOrigin: ReadonlyMap<string, number>;
}

export interface Rule {
  id: RuleId;
  title: string;
  explanation: string;
  advice: string;
  link: string;
  check(connection: ConnectionView, tracker: InsightTracker, context: CheckContext): Finding | undefined;
}

const NONE: Evidence = { eventIds: [], count: 0 };
/** HTTP/1.x: a browser opens at most this many connections to one origin, across all its tabs. */
const CONNECTIONS_PER_ORIGIN = 6;
/** Proxies and load balancers commonly close a connection idle for 30–60 s (nginx, AWS ALB: 60 s). */
const PROXY_IDLE_MS = 30_000;
/** Quiet this many times the usual (p95) gap, and at least SILENT_MIN_MS, once SILENT_MIN_GAPS gaps are known. */
const SILENT_FACTOR = 20;
const SILENT_MIN_MS = 2000;
const SILENT_MIN_GAPS = 10;
const STORM_RECONNECTS = 3;
const STORM_WINDOW_MS = 10_000;
const LOW_RETRY_MS = 1000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
const live = (c: ConnectionView) => c.state === 'connecting' || c.state === 'open' || c.state === 'reconnecting';

function header(connection: ConnectionView, name: string): string | undefined {
  return connection.streamResponse?.headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

const ANOMALY_TEXT: Record<AnomalyCode, string> = {
  'unknown-field': 'a field the spec does not define (ignored by browsers)',
  'invalid-retry': 'a `retry` that is not a whole number of milliseconds (ignored)',
  'not-json': 'data that starts like JSON and does not parse',
  'duplicate-id': 'an `id` sent before in this stream',
  unterminated: 'a last block with no blank line after it, which the browser discards',
  bom: 'a byte order mark at the start (stripped once; a second one stays in the data)',
  'cr-only': 'lines ended by a lone CR (legal, but many hand-written parsers miss it)',
  oversized: `an event over ${OVERSIZED_BYTES / 1024 / 1024} MiB`,
  'too-long': 'a block or line longer than SSE Scope keeps',
};

export const RULES: readonly Rule[] = [
  {
    id: 'connection-limit',
    title: 'Near the six-connection limit',
    explanation:
      'Over HTTP/1.x a browser opens at most six connections to one origin, across all its tabs. Each open event stream holds one for as long as it lives, so a few tabs of the same app use them all up: the next request to that origin, stream or not, waits in "connecting" until one closes.',
    advice:
      'Serve the streams over HTTP/2 or HTTP/3 (hundreds of streams share one connection), or open one stream per browser and share it: a SharedWorker holding the EventSource, or one tab that owns it and relays over BroadcastChannel.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/API/EventSource',
    check(connection, _tracker, context) {
      const origin = originOf(connection.url);
      const count = context.liveByOrigin.get(origin) ?? 0;
      const version = protocolName(connection.protocol);
      // HTTP/2 and HTTP/3 carry every stream to an origin on one connection: no such limit.
      if (!live(connection) || count < CONNECTIONS_PER_ORIGIN - 1 || (version && !version.startsWith('HTTP/1')))
        return undefined;
      const unknown = version ? '' : ' (which HTTP version it speaks to this origin is not known yet)';
      const stuck = connection.state === 'connecting' && context.now - connection.createdAt > 2000;
      const waits = stuck
        ? `Stuck connecting for ${seconds(context.now - connection.createdAt)} while ${count} streams to ${origin} are live across tabs`
        : `${count} streams to ${origin} are live across tabs`;
      return {
        rule: 'connection-limit',
        severity: stuck || count > CONNECTIONS_PER_ORIGIN ? 'error' : version ? 'warning' : 'info',
        summary: version
          ? `${waits}; the browser speaks ${version} to it, which allows ${CONNECTIONS_PER_ORIGIN} connections per origin${stuck ? ', so this one waits for one to close' : ''}.`
          : `${waits}; over HTTP/1.x the browser allows ${CONNECTIONS_PER_ORIGIN} connections per origin${stuck ? ', so this one may be waiting for one to close' : ''}${unknown}.`,
        evidence: NONE,
      };
    },
  },
  {
    id: 'buffered-delivery',
    title: 'Events delivered in clumps',
    explanation:
      'Events the server wrote apart arrived together after a silence, or the response was compressed or may be cached. Something between the server and the browser held them back: a proxy buffering the response (nginx does by default), a compression middleware waiting to fill a block, or a server framework that flushes only when its buffer is full.',
    advice:
      'Flush after each event. Send `Cache-Control: no-cache` and do not compress `text/event-stream`; behind nginx send `X-Accel-Buffering: no` (or set `proxy_buffering off`); check CDNs and dev-server proxies for response buffering.',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#authoring-notes',
    check(connection, tracker) {
      const reasons: string[] = [];
      if (tracker.clumps.count > 0)
        reasons.push(
          `${tracker.clumps.count} time${tracker.clumps.count === 1 ? '' : 's'} several events arrived at once after a silence`,
        );
      const encoding = header(connection, 'content-encoding');
      if (encoding && encoding.toLowerCase() !== 'identity')
        reasons.push(`the response is compressed (Content-Encoding: ${encoding})`);
      const cache = header(connection, 'cache-control');
      if (connection.streamResponse && !/no-cache|no-store/i.test(cache ?? ''))
        reasons.push(`the response has no Cache-Control: no-cache${cache ? ` (it says "${cache}")` : ''}`);
      if (reasons.length === 0) return undefined;
      return {
        rule: 'buffered-delivery',
        severity: tracker.clumps.count > 0 || encoding ? 'warning' : 'info',
        summary: `${reasons.join('; ')}.`,
        evidence: tracker.clumps,
      };
    },
  },
  {
    id: 'silent-stream',
    title: 'Silent stream',
    explanation:
      'The stream is open but has said nothing for far longer than its usual gap, with no comment lines to keep it alive. Proxies and load balancers close connections idle for 30 to 60 seconds; the browser then reconnects, or, if the connection was cut without a close, waits on a dead socket.',
    advice:
      'Send a comment line (`: keep-alive`) every 15 to 30 seconds when there is nothing else to say; it costs a few bytes and no event fires for it.',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#authoring-notes',
    check(connection, tracker, context) {
      if (connection.state !== 'open') return undefined;
      const since = connection.lastEventAt ?? connection.segments.at(-1)?.from ?? connection.createdAt;
      const quiet = context.now - since;
      const usual = tracker.gaps.count >= SILENT_MIN_GAPS ? tracker.gaps.quantile(0.95) : undefined;
      const farAboveUsual = usual !== undefined && quiet >= Math.max(SILENT_MIN_MS, SILENT_FACTOR * usual);
      if (connection.comments > 0 || (quiet < PROXY_IDLE_MS && !farAboveUsual)) return undefined;
      const heartbeat =
        connection.kind === 'eventsource' && connection.chunks.length === 0
          ? "no heartbeat SSE Scope can see (EventSource hides comment lines; Firefox's exact bytes show them)"
          : 'no comment heartbeat so far';
      return {
        rule: 'silent-stream',
        severity: 'warning',
        summary: `Nothing for ${seconds(quiet)}${usual === undefined ? '' : ` (its gaps are usually under ${seconds(usual)})`}, and ${heartbeat}.`,
        evidence: NONE,
      };
    },
  },
  {
    id: 'not-resumable',
    title: 'Not resumable',
    explanation:
      'The stream reconnected, but none of its events had an `id`, so the browser had no Last-Event-ID to send: the server cannot know what the page missed while it was away, and those events are lost or sent again.',
    advice:
      'Give each event an `id:` the server can resume after, and read the Last-Event-ID request header when a client reconnects.',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header',
    check(connection, tracker) {
      if (connection.reconnects === 0 || tracker.withId > 0 || tracker.withoutId === 0) return undefined;
      return {
        rule: 'not-resumable',
        severity: 'warning',
        summary: `${connection.reconnects} reconnect${connection.reconnects === 1 ? '' : 's'}, and none of its ${tracker.withoutId} events had an id.`,
        evidence: NONE,
      };
    },
  },
  {
    id: 'resume-replayed',
    title: 'Replayed after a reconnect',
    explanation:
      'After reconnecting with a Last-Event-ID, the server sent an id at or before it: it started over (or from too early) instead of resuming, so the page saw events twice.',
    advice: 'On a request with Last-Event-ID, send only the events after that id.',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header',
    check: (_connection, tracker) => resumption(tracker, 'replayed'),
  },
  {
    id: 'resume-skipped',
    title: 'Events skipped after a reconnect',
    explanation:
      'After reconnecting with a Last-Event-ID, the first id the server sent is more than one past it: if the ids count events, the ones between were lost.',
    advice:
      'Keep the events a client may still need (at least for a reconnect delay or two) and resume right after the id it sends.',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header',
    check: (_connection, tracker) => resumption(tracker, 'skipped'),
  },
  {
    id: 'reconnect-storm',
    title: 'Reconnect storm',
    explanation:
      'The stream reconnects again and again within seconds, or the server set a very low `retry`. Each reconnect is a new request with its headers and a full handshake; many clients doing it at once can take a server down.',
    advice:
      'Find why the stream ends (the server closing it, a proxy timeout, an error), set `retry` to a few seconds, and back off on the server side (answer 204 to stop a client for good).',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#concept-event-stream-reconnection-time',
    check(connection, tracker) {
      const times = tracker.reconnectTimes;
      let burst = 0;
      for (let i = 0; i < times.length; i++) {
        let j = i;
        while (j + 1 < times.length && (times[j + 1] as number) - (times[i] as number) <= STORM_WINDOW_MS) j++;
        burst = Math.max(burst, j - i + 1);
      }
      const lowRetry = connection.retry !== undefined && connection.retry < LOW_RETRY_MS;
      if (burst < STORM_RECONNECTS && !lowRetry) return undefined;
      const parts: string[] = [];
      if (burst >= STORM_RECONNECTS) parts.push(`${burst} reconnects within ${STORM_WINDOW_MS / 1000} s`);
      if (lowRetry) parts.push(`the server set retry: ${connection.retry} ms`);
      return {
        rule: 'reconnect-storm',
        severity: burst >= STORM_RECONNECTS ? 'warning' : 'info',
        summary: `${parts.join('; ')}.`,
        evidence: NONE,
      };
    },
  },
  {
    id: 'content-type',
    title: 'Content type',
    explanation:
      'An event stream must be served as `text/event-stream` (EventSource fails any other type), in UTF-8 (the only encoding the format allows). A fetch stream served as something else still reads, but proxies, CDNs and browsers treat it as an ordinary response: they may buffer, compress or cache it.',
    advice:
      'Serve `Content-Type: text/event-stream` (NDJSON: `application/x-ndjson`) with no charset or `charset=utf-8`.',
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#sse-processing-model',
    check(connection) {
      const type = connection.streamResponse
        ? (header(connection, 'content-type') ?? '')
        : connection.response?.contentType;
      if (type === undefined) return undefined;
      const charset = /charset\s*=\s*"?([^";]+)/i.exec(type)?.[1];
      const problems: string[] = [];
      const essence = type.split(';')[0]?.trim().toLowerCase() ?? '';
      if (
        connection.kind !== 'eventsource' &&
        connection.streamResponse?.format === 'sse' &&
        essence !== 'text/event-stream'
      )
        problems.push(
          `read as an event stream because the request asked for one, but served as "${type || 'no type'}"`,
        );
      if (
        connection.kind === 'eventsource' &&
        connection.state === 'failed' &&
        connection.response?.status === 200 &&
        essence !== 'text/event-stream'
      )
        problems.push(`EventSource failed: served as "${type || 'no type'}"`);
      if (charset && !/^utf-?8$/i.test(charset.trim()))
        problems.push(
          `charset=${charset}, not UTF-8 (Chromium fails such an EventSource; the bytes are read as UTF-8 regardless)`,
        );
      if (problems.length === 0) return undefined;
      return {
        rule: 'content-type',
        severity: connection.state === 'failed' ? 'error' : 'warning',
        summary: `${problems.join('; ')}.`,
        evidence: NONE,
      };
    },
  },
  {
    id: 'spec-anomaly',
    title: 'Stream format anomalies',
    explanation:
      'The stream holds things the spec allows a parser to ignore or that parsers commonly get wrong: unknown fields, a `retry` that is not a number, JSON that does not parse, repeated ids, a last block the browser discards because no blank line ends it, a byte order mark, CR-only line endings, very large events. Browsers cope with most; hand-written parsers and the page often do not.',
    advice:
      "Check the server's encoder for each listed case; the evidence shows the events (or blocks, in the Raw frame and Chunks tabs) where it happened.",
    link: 'https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream',
    check(_connection, tracker) {
      if (tracker.anomalies.size === 0) return undefined;
      const parts: string[] = [];
      const evidence: Evidence = { eventIds: [], count: 0 };
      for (const [code, seen] of tracker.anomalies) {
        parts.push(`${seen.count} × ${ANOMALY_TEXT[code]}`);
        evidence.count += seen.count;
        for (const id of seen.eventIds) if (evidence.eventIds.length < 20) evidence.eventIds.push(id);
      }
      const serious = tracker.anomalies.has('unterminated') || tracker.anomalies.has('not-json');
      return {
        rule: 'spec-anomaly',
        severity: serious ? 'warning' : 'info',
        summary: `${parts.join('; ')}.`,
        evidence,
      };
    },
  },
  {
    id: 'in-band-error',
    title: 'Error inside the stream',
    explanation:
      'The server reported an error as an event inside a stream that otherwise looks fine: LLM APIs do this (an `error` event, or an error object in place of a chunk) when generation fails after the response began with 200. The HTTP status cannot say so any more, so the page must read it, or it shows a half answer as if complete.',
    advice:
      'Handle the error event in the client (show it, retry the request); on the server, log why generation stopped.',
    link: 'https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events/Using_server-sent_events#listening_for_custom_events',
    check(connection, tracker) {
      const llm = connection.llm?.response?.errors ?? [];
      const count = llm.length + tracker.errorEvents.count;
      if (count === 0) return undefined;
      const ended = connection.endReason === 'complete' ? ' The stream still ended as complete.' : '';
      const first = llm[0]?.message;
      return {
        rule: 'in-band-error',
        severity: 'error',
        summary: `${count} error${count === 1 ? '' : 's'} in the stream${first === undefined ? '' : `: ${first}`}.${ended}`,
        evidence: tracker.errorEvents,
      };
    },
  },
];

function resumption(tracker: InsightTracker, verdict: 'replayed' | 'skipped'): Finding | undefined {
  const hits = tracker.resumptions.filter((r) => r.verdict === verdict);
  if (hits.length === 0) return undefined;
  const first = hits[0] as (typeof hits)[number];
  return {
    rule: verdict === 'replayed' ? 'resume-replayed' : 'resume-skipped',
    severity: 'warning',
    summary: `Reconnected after id ${first.lastIdBefore}; the server went on with id ${first.firstIdAfter ?? '?'}${hits.length > 1 ? ` (and ${hits.length - 1} more such reconnect${hits.length === 2 ? '' : 's'})` : ''}.`,
    evidence: { eventIds: hits.flatMap((h) => (h.eventId === undefined ? [] : [h.eventId])), count: hits.length },
  };
}

/** What a connection with no record worth tracking yet shows: nothing seen. */
const UNTRACKED = new InsightTracker(() => Number.POSITIVE_INFINITY);

/** Every finding for a connection, in rule order. */
export function findingsOf(connection: ConnectionView, context: CheckContext): Finding[] {
  const tracker = connection.insights ?? UNTRACKED;
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const finding = rule.check(connection, tracker, context);
    if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * The findings of every connection that has some. `elsewhere`: live connections per origin the
 * worker counts across every tab (this tab's included); the larger count wins.
 */
export function findingsByConnection(
  connections: readonly ConnectionView[],
  now: number,
  elsewhere?: ReadonlyMap<string, number>,
): Map<ConnectionView, Finding[]> {
  const counts = liveByOrigin(connections);
  for (const [origin, n] of elsewhere ?? []) counts.set(origin, Math.max(n, counts.get(origin) ?? 0));
  const context = { now, liveByOrigin: counts };
  const findings = new Map<ConnectionView, Finding[]>();
  for (const connection of connections) {
    const found = findingsOf(connection, context);
    if (found.length > 0) findings.set(connection, found);
  }
  return findings;
}

/** Live SSE connections per origin among these. */
export function liveByOrigin(connections: readonly ConnectionView[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of connections) {
    if (!live(c) || c.gone) continue;
    const origin = originOf(c.url);
    counts.set(origin, (counts.get(origin) ?? 0) + 1);
  }
  return counts;
}
