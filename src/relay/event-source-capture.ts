/**
 * Captures the page's EventSource connections from the relay's own world.
 *
 * The page hook signals each new EventSource synchronously, from inside its constructor, on a
 * private EventTarget handed over at document_start (see `Signal`). Both worlds share the DOM
 * object, so our listeners go on the page's EventSource here, before any of the page's: they see
 * every event first, and they read its data in this world, where the page can patch nothing we
 * call and the string is not copied across worlds. Records are made here, in the order things
 * happened.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
import { type EventRecord, LIMITS, type PageRecord, REWRITTEN_NOTE, utf8Length } from '../core/model';
import { Signal } from '../protocol/messages';

const CONNECTING = 0;
const CLOSED = 2;

interface Tracked {
  conn: number;
  /** Reconnects in a row since the last `open`. */
  attempts: number;
  /** Its events' origin: one response's events share it, so it is read once per response. */
  origin?: string;
}

const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);
const TIME_ORIGIN = performance.timeOrigin;
const now = () => TIME_ORIGIN + performance.now();

/**
 * A received event's record whose last event id is read later, from the event itself, held until
 * then: when the page is idle, or sooner when something needs it (a watching panel, a file, a
 * frame handing its capture over).
 *
 * Turning the id into a string of this world is about half of what capturing an event costs the
 * page (when each event has its own id): a burst's ids wait until the burst is over.
 * A page may re-initialise an event after its dispatch (`initMessageEvent`), which also makes it
 * untrusted: then the id is not known, and the record says so rather than show the page's.
 */
export class HeldEventRecord implements EventRecord {
  readonly kind = 'event';
  seq?: number;
  #event: MessageEvent | undefined;
  #lastEventId = '';
  #notes: string[] | undefined;

  constructor(
    readonly time: number,
    readonly conn: number,
    readonly type: string,
    readonly data: string,
    readonly origin: string,
    event: MessageEvent,
  ) {
    this.#event = event;
  }

  get lastEventId(): string {
    this.settle();
    return this.#lastEventId;
  }

  get notes(): string[] | undefined {
    this.settle();
    return this.#notes;
  }

  /** The record as plain data (what travels: messages carry no getters). */
  plain(): EventRecord & { seq?: number } {
    const { kind, time, conn, type, data, lastEventId, origin, notes } = this;
    const record: EventRecord & { seq?: number } = { kind, time, conn, type, data, lastEventId, origin };
    if (this.seq !== undefined) record.seq = this.seq;
    if (notes !== undefined) record.notes = notes;
    return record;
  }

  /** Reads the id now, if it was not read yet, and lets the event go. */
  settle(): void {
    const event = this.#event;
    if (event === undefined) return;
    this.#event = undefined;
    if (event.isTrusted) this.#lastEventId = cut(event.lastEventId, LIMITS.shortTextChars);
    else this.#notes = [REWRITTEN_NOTE];
  }
}

/**
 * Held events whose ids are read when the page is idle: the read waits for a moment the page does
 * not need, and the events (some 300 B of the browser's memory each, B5) are let go after a burst.
 */
class IdleReader {
  private held: HeldEventRecord[] = [];
  private next = 0;
  private scheduled = false;

  add(record: HeldEventRecord): void {
    this.held.push(record);
    if (this.scheduled) return;
    this.scheduled = true;
    requestIdleCallback((deadline) => this.read(deadline));
  }

  private read(deadline: IdleDeadline): void {
    const held = this.held;
    // A read costs a few µs: a few hundred between checks of the time left.
    while (this.next < held.length && deadline.timeRemaining() > 1) {
      const end = Math.min(held.length, this.next + 256);
      for (let i = this.next; i < end; i++) (held[i] as HeldEventRecord).settle();
      this.next = end;
    }
    if (this.next < held.length) {
      requestIdleCallback((later) => this.read(later));
      return;
    }
    this.held = [];
    this.next = 0;
    this.scheduled = false;
  }
}

export function captureEventSources(emit: (record: PageRecord) => void): void {
  const tracked = new WeakMap<EventTarget, Tracked>();
  const idle = new IdleReader();

  function onEvent(this: EventSource, event: Event): void {
    const connection = tracked.get(this);
    if (!connection) return;
    const time = TIME_ORIGIN + event.timeStamp;
    const conn = connection.conn;
    const type = event.type;
    const trusted = event.isTrusted;
    if (trusted && type === 'open') {
      connection.origin = undefined;
      const record: PageRecord = { kind: 'lifecycle', time, conn, state: 'open' };
      if (connection.attempts > 0) record.attempt = connection.attempts;
      connection.attempts = 0;
      emit(record);
      return;
    }
    if (trusted && type === 'error') {
      if (this.readyState === CONNECTING) {
        connection.attempts++;
        emit({ kind: 'lifecycle', time, conn, state: 'reconnecting', attempt: connection.attempts });
      } else if (this.readyState === CLOSED) {
        emit({ kind: 'lifecycle', time, conn, state: 'failed' });
      }
      return;
    }
    let data = '';
    let lastEventId = '';
    let origin = '';
    if (event instanceof MessageEvent) {
      // A page's own MessageEvent may carry anything; only a string is data as a stream sends it.
      const value: unknown = event.data;
      data = typeof value === 'string' ? value : `[${typeof value}]`;
      if (trusted && data.length <= LIMITS.eventDataChars) {
        // Reading a string in this world costs µs: the browser's events of one response share
        // their origin, and the id is read when it is needed.
        connection.origin ??= cut(event.origin, LIMITS.urlChars);
        const record = new HeldEventRecord(
          time,
          conn,
          cut(type, LIMITS.shortTextChars),
          data,
          connection.origin,
          event,
        );
        emit(record);
        idle.add(record);
        return;
      }
      // The page's own events, and events too large to keep whole (rare): read at once.
      lastEventId = event.lastEventId;
      origin = event.origin;
    }
    const record: PageRecord = {
      kind: 'event',
      time,
      conn,
      type: cut(type, LIMITS.shortTextChars),
      data: cut(data, LIMITS.eventDataChars),
      lastEventId: cut(lastEventId, LIMITS.shortTextChars),
      origin: cut(origin, LIMITS.urlChars),
    };
    if (data.length > LIMITS.eventDataChars) record.originalSize = utf8Length(data);
    if (!trusted) record.synthetic = true;
    emit(record);
  }

  function created(source: EventSource, conn: number): void {
    tracked.set(source, { conn, attempts: 0 });
    for (const type of ['open', 'message', 'error']) source.addEventListener(type, onEvent, true);
    emit({
      kind: 'connection',
      time: now(),
      conn,
      type: 'eventsource',
      url: cut(source.url, LIMITS.urlChars),
      withCredentials: source.withCredentials,
    });
  }

  /** The type the next listen signal is about (sent just before it). */
  let listenType: string | undefined;

  function onSignal(event: Event): void {
    if (event.type === Signal.listenType) {
      listenType = (event as KeyboardEvent).key;
      return;
    }
    const source = (event as MouseEvent).relatedTarget;
    const conn = (event as MouseEvent).detail;
    if (!(source instanceof EventSource) || !Number.isSafeInteger(conn) || conn < 1) return;
    if (event.type === Signal.created) {
      if (!tracked.has(source)) created(source, conn);
      return;
    }
    const connection = tracked.get(source);
    if (!connection) return;
    if (event.type === Signal.close) {
      if (source.readyState !== CLOSED) emit({ kind: 'lifecycle', time: now(), conn, state: 'closed' });
      return;
    }
    const type = listenType;
    listenType = undefined;
    if (type === undefined) return;
    source.addEventListener(type, onEvent, true);
    emit({ kind: 'listen', time: now(), conn, type: cut(type, LIMITS.shortTextChars) });
  }

  const onHandover = (event: Event) => {
    const node = (event as MouseEvent).relatedTarget;
    if (!node) return;
    event.stopImmediatePropagation();
    document.removeEventListener(Signal.handover, onHandover, true);
    for (const type of [Signal.created, Signal.close, Signal.listenType, Signal.listen])
      node.addEventListener(type, onSignal);
  };
  document.addEventListener(Signal.handover, onHandover, true);
}
