/**
 * A replay rule's answer to `new EventSource(url)`: a stand-in that plays the recording at the
 * rule's pace, with no request at all. It is an EventTarget made with the page's constructor as
 * `new.target` (so `instanceof`, the prototype chain and `toString` are EventSource's); the
 * prototype's accessors (`readyState`, `url`, `withCredentials`, `onopen`, `onmessage`, `onerror`)
 * and `close()` answer for it, and pass every real EventSource on to the native. They are replaced
 * only once the document has a rule: a page without rules meets the natives alone.
 *
 * It behaves as the spec's EventSource (`open`, each event with its type, data, origin and last
 * event id, `error` and a reconnect after the stream's `retry` — the recording's next response —
 * and, after the last, a failed reconnect as a 204 would), but its events are untrusted
 * (`isTrusted` false), which a page could notice (README, "Replay rules").
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
import { LIMITS, utf8Length } from '../../core/limits';
import type { PageRecord } from '../../core/model';
import type { Player } from '../../core/replay-player';
import type { ReplayResponse, ReplayRule } from '../../core/replay-rule';
import { accessor, apply, construct, natives, now, read, slice, weakGet, weakSet } from '../natives';
import type { RecordSink } from '../relay-channel';
import { chunkDecoder } from './chunk-bytes';
import { EventStream } from './event-stream';
import type { ReplayBook } from './replay-book';
import type { ReconnectFault } from './replay-faults';
import { type Accessed, takeAccessors } from './stand-in-accessors';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 2;
/** The reconnection time when the stream sets none (Chromium's default). */
const DEFAULT_RETRY_MS = 3000;

interface StandIn extends Accessed {
  rule: ReplayRule;
  conn: number;
  origin: string;
  /** Which responses of the recording it has had. */
  response: number;
  attempts: number;
  retry: number;
  stream: EventStream;
  player?: Player;
  /** What the next reconnect meets, if the user armed a fault for it. */
  nextReconnect?: ReconnectFault;
}

export function createEventSourceReplay(book: ReplayBook, sink: RecordSink, NativeEventSource: typeof EventSource) {
  const proto = NativeEventSource.prototype;
  const nativeClose = proto.close;
  const nativeUrl = accessor(proto, 'url');
  const nativeWithCredentials = accessor(proto, 'withCredentials');
  const NativeEventTarget = EventTarget;
  const NativeEvent = Event;
  const standIns = new WeakMap<object, StandIn>();
  const urlOrigin = accessor(URL.prototype, 'origin');
  const NativeURL = URL;
  const toLowerCase = String.prototype.toLowerCase;
  const report = (record: PageRecord, chars = 0) => sink.add(record, chars);
  const later = (run: () => void, ms: number) => apply(natives.setTimeout, globalThis, [run, ms]);

  function fire(target: object, event: Event): void {
    apply(natives.dispatchEvent, target, [event]);
  }

  const isEventStream = (type: string) => {
    const lower = apply(toLowerCase, type, []) as string;
    const bare = 'text/event-stream';
    if (lower.length < bare.length || slice(lower, 0, bare.length) !== bare) return false;
    const rest = slice(lower, bare.length, bare.length + 1);
    return rest === '' || rest === ';' || rest === ' ';
  };

  function lifecycle(s: StandIn, state: 'open' | 'reconnecting' | 'failed' | 'closed', attempt?: number): void {
    const record: PageRecord = { kind: 'lifecycle', time: now(), conn: s.conn, state };
    if (attempt !== undefined && attempt > 0) record.attempt = attempt;
    report(record);
  }

  function fail(self: object, s: StandIn): void {
    s.readyState = CLOSED;
    lifecycle(s, 'failed');
    fire(self, construct(NativeEvent, ['error']) as Event);
  }

  /** Waits the reconnection time, then tries again (`error` now, readyState CONNECTING). */
  function reconnect(self: object, s: StandIn): void {
    s.readyState = CONNECTING;
    s.attempts++;
    lifecycle(s, 'reconnecting', s.attempts);
    fire(self, construct(NativeEvent, ['error']) as Event);
    later(() => openResponse(self, s), s.retry);
  }

  function openResponse(self: object, s: StandIn): void {
    if (s.readyState === CLOSED) return;
    const armed = s.nextReconnect;
    s.nextReconnect = undefined;
    // A fault the user armed: a network error (retry), an answer that opens and breaks at once
    // (retry), or one that fails the connection for good (204, 404, 500, another Content-Type).
    if (armed === 'fail-next') {
      reconnect(self, s);
      return;
    }
    if (armed === 'cut-next') {
      s.readyState = OPEN;
      lifecycle(s, 'open', s.attempts);
      fire(self, construct(NativeEvent, ['open']) as Event);
      reconnect(self, s);
      return;
    }
    if (armed) {
      fail(self, s);
      return;
    }
    const response = s.rule.responses[s.response] as ReplayResponse | undefined;
    // Past the recording, the reconnect is answered as a 204 would be: the connection fails.
    if (response?.status !== 200 || !isEventStream(response.contentType)) {
      fail(self, s);
      return;
    }
    s.readyState = OPEN;
    lifecycle(s, 'open', s.attempts);
    s.attempts = 0;
    fire(self, construct(NativeEvent, ['open']) as Event);
    const text = chunkDecoder();
    s.stream.reset();
    s.player = book.play(s.rule, response, {
      write: (chunk) => {
        if (s.readyState === OPEN) s.stream.push(text.text(chunk));
      },
      end: () => {
        if (s.readyState !== OPEN) return;
        s.response++;
        reconnect(self, s);
      },
    });
  }

  function dispatch(self: object, s: StandIn, type: string, data: string, lastEventId: string): void {
    if (s.readyState !== OPEN) return;
    const time = now();
    fire(self, construct(natives.MessageEvent, [type, { data, origin: s.origin, lastEventId }]) as Event);
    const cut = data.length > LIMITS.eventDataChars;
    const record: PageRecord = {
      kind: 'event',
      time,
      conn: s.conn,
      type: type.length > LIMITS.shortTextChars ? slice(type, 0, LIMITS.shortTextChars) : type,
      data: cut ? slice(data, 0, LIMITS.eventDataChars) : data,
      lastEventId:
        lastEventId.length > LIMITS.shortTextChars ? slice(lastEventId, 0, LIMITS.shortTextChars) : lastEventId,
      origin: s.origin,
    };
    if (cut) record.originalSize = utf8Length(data);
    report(record, record.data.length);
  }

  function begin(
    self: EventSource,
    native: boolean,
    rule: ReplayRule,
    url: string,
    withCredentials: boolean,
    conn: number,
  ): void {
    let origin = '';
    try {
      origin = apply(urlOrigin, construct(NativeURL, [url]), []) as string;
    } catch {
      origin = '';
    }
    const s: StandIn = {
      native,
      rule,
      conn,
      url,
      origin,
      withCredentials,
      readyState: CONNECTING,
      handlers: { __proto__: null } as never,
      response: 0,
      attempts: 0,
      retry: rule.retry ?? DEFAULT_RETRY_MS,
      stream: new EventStream({
        event: (e) => dispatch(self, s, e.type, e.data, e.lastEventId),
        retry: (ms) => {
          s.retry = ms;
        },
      }),
    };
    weakSet(standIns, self, s);
    book.target(conn, {
      player: () => s.player,
      armReconnect: (fault) => {
        s.nextReconnect = fault;
      },
    });
    report({ kind: 'replay', time: now(), conn, rule: rule.id, name: rule.name, pace: rule.pace });
    // As a network answer would, it opens in a later task, after the page's code has run on.
    later(() => openResponse(self, s), 0);
  }

  book.whenFirst(() => takeAccessors(proto, standIns));

  return {
    /** `new EventSource(url, init)` that a rule answers: the stand-in. */
    construct(
      rule: ReplayRule,
      url: string,
      withCredentials: boolean,
      newTarget: new (...args: never[]) => unknown,
    ): EventSource {
      const self = construct(NativeEventTarget, [], newTarget) as EventSource;
      const conn = sink.nextConnection();
      report({
        kind: 'connection',
        time: now(),
        conn,
        type: 'eventsource',
        url: url.length > LIMITS.urlChars ? '' : url,
        withCredentials,
      });
      begin(self, false, rule, url, withCredentials, conn);
      return self;
    },
    /**
     * A real EventSource the page opened before the rules came, whose server has not answered
     * yet: closed unseen (the page is not told), then played to as a stand-in is.
     */
    takeOver(self: EventSource, rule: ReplayRule, conn: number): void {
      apply(nativeClose, self, []);
      begin(self, true, rule, read<string>(nativeUrl, self), read<boolean>(nativeWithCredentials, self), conn);
    },
    /** The page closed an EventSource: true if it was a stand-in (the native must not be called). */
    close(self: unknown): boolean {
      const s = weakGet(standIns, self);
      if (!s) return false;
      if (s.readyState !== CLOSED) lifecycle(s, 'closed');
      s.readyState = CLOSED;
      s.player?.stop();
      return true;
    },
  };
}
