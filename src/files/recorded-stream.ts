/**
 * A connection of a capture file as the responses a test double must play: per response (an
 * EventSource's first request and each reconnect; a fetch or XHR stream's one response, or one per
 * request of a client that reconnected with new requests), what came
 * when, in milliseconds after the response opened, and how it ended. The mock handler and the
 * Playwright route (./msw-handler, ./playwright-route) are written from this.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
import { fromBase64 } from '../core/base64';
import { rebuildBlock } from '../core/event-text';
import { headerValue } from '../core/headers';
import type { CaptureAttempt, CaptureConnection } from './capture-file';

/** What an EventSource receives, in the terms of Mock Service Worker's `client.send()`. */
export type SseMessage = { retry: number } | { event?: string; id?: string; data: string };

export interface Timed<T> {
  /** Milliseconds after the response opened, as recorded (rounded). */
  at: number;
  value: T;
}

export interface RecordedResponse {
  status: number;
  contentType: string;
  /** EventSource: the messages, for a handler that sends messages rather than bytes. */
  messages?: Timed<SseMessage>[];
  /** The body: text, or bytes where a chunk is not whole UTF-8. */
  chunks: Timed<string | Uint8Array>[];
  /** The server ended it (`close`), or the network failed it (`error`); absent: it stayed open. */
  end?: Timed<'close' | 'error'>;
}

export interface RecordedStream {
  /** Where the requests go, without query or fragment: a mock matches any query. */
  address: string;
  method: string;
  responses: RecordedResponse[];
  /** No `retry:` was seen (EventSource hides it): the reconnection time is the recorded reconnect's gap. */
  inferredRetry?: number;
  /** An event reset the last event id to empty, which `client.send()` cannot write. */
  idReset?: true;
}

const strict = new TextDecoder('utf-8', { fatal: true });

function addressOf(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

const after = (start: number, time: number) => Math.max(0, Math.round(time - start));

/** The response each event and block belongs to: the last one opened at or before it. */
function responseIndex(opens: readonly number[], time: number): number {
  let index = 0;
  for (let i = 0; i < opens.length; i++) if ((opens[i] as number) <= time) index = i;
  return index;
}

function eventSourceStream(c: CaptureConnection, stream: RecordedStream): void {
  const opens = c.lifecycle.filter((s) => s.state === 'open').map((s) => s.time);
  if (opens.length === 0) opens.push(c.createdAt);
  const responses: RecordedResponse[] = opens.map((open, i) => {
    const response: RecordedResponse = { status: 200, contentType: 'text/event-stream', messages: [], chunks: [] };
    const next = c.lifecycle.find((s) => s.time >= open && s.state !== 'open' && s.time < (opens[i + 1] ?? Infinity));
    if (next?.state === 'reconnecting') response.end = { at: after(open, next.time), value: 'close' };
    if (next?.state === 'failed') response.end = { at: after(open, next.time), value: 'error' };
    return response;
  });
  type Item = { time: number; message?: SseMessage; text: string };
  const items: Item[] = [];
  let lastEventId = '';
  let retrySeen = false;
  for (const e of c.events) {
    if (e.synthetic) continue;
    if (e.retry !== undefined) {
      retrySeen = true;
      items.push({ time: e.time, message: { retry: e.retry }, text: '' });
    }
    const idChanged = e.lastEventId !== lastEventId;
    lastEventId = e.lastEventId;
    const message: SseMessage = { data: e.data };
    if (e.type !== 'message') message.event = e.type;
    if (idChanged && e.lastEventId !== '') message.id = e.lastEventId;
    if (idChanged && e.lastEventId === '') stream.idReset = true;
    items.push({ time: e.time, message, text: e.raw ?? rebuildBlock({ ...e, idChanged }) });
  }
  for (const b of c.blocks) {
    if (b.retry !== undefined) retrySeen = true;
    items.push({ time: b.time, text: b.raw, ...(b.retry === undefined ? {} : { message: { retry: b.retry } }) });
  }
  items.sort((a, b) => a.time - b.time);
  const reconnect = c.lifecycle.findIndex((s) => s.state === 'reconnecting');
  const reopened = c.lifecycle.slice(reconnect + 1).find((s) => s.state === 'open');
  if (!retrySeen && reconnect >= 0 && reopened) {
    stream.inferredRetry = after(c.lifecycle[reconnect]?.time ?? 0, reopened.time);
    const first = responses[0] as RecordedResponse;
    first.messages?.push({ at: 0, value: { retry: stream.inferredRetry } });
    first.chunks.push({ at: 0, value: `retry: ${stream.inferredRetry}\n\n` });
  }
  for (const item of items) {
    const index = responseIndex(opens, item.time);
    const response = responses[index] as RecordedResponse;
    const at = after(opens[index] as number, item.time);
    if (item.message) response.messages?.push({ at, value: item.message });
    // A retry event's block text is the event's own: the field is not written twice.
    if (item.text !== '') response.chunks.push({ at, value: item.text });
  }
  stream.responses = responses;
}

/** A fetch or XHR stream's body: its chunks as read, or (masked, or never kept) its events written again. */
function bodyOf(c: CaptureConnection, start: number): Timed<string | Uint8Array>[] {
  if (c.chunks.length > 0)
    return c.chunks.map((chunk) => {
      if (chunk.text !== undefined) return { at: after(start, chunk.time), value: chunk.text };
      const bytes = fromBase64(chunk.base64 ?? '');
      let value: string | Uint8Array = bytes;
      try {
        value = strict.decode(bytes);
      } catch {}
      return { at: after(start, chunk.time), value };
    });
  let lastEventId = '';
  return c.events.map((e) => {
    const idChanged = e.lastEventId !== lastEventId;
    lastEventId = e.lastEventId;
    const lines = c.response?.format === 'ndjson' ? `${e.data}\n` : undefined;
    return { at: after(start, e.time), value: e.raw ?? lines ?? rebuildBlock({ ...e, idChanged }) };
  });
}

/** A fetch or XHR stream's one response: its body from when it was answered, and how it ended. */
function streamResponse(c: CaptureConnection): RecordedResponse {
  const start = c.response?.time ?? c.createdAt;
  const response: RecordedResponse = {
    status: c.response?.status ?? 200,
    contentType: headerValue(c.response?.headers, 'content-type') ?? 'text/event-stream',
    chunks: bodyOf(c, start),
  };
  const ended = c.endedAt ?? c.lifecycle.find((s) => s.state !== 'open')?.time;
  if (ended !== undefined && c.endReason === 'complete') response.end = { at: after(start, ended), value: 'close' };
  if (ended !== undefined && c.endReason === 'error') response.end = { at: after(start, ended), value: 'error' };
  return response;
}

/**
 * A stream whose client reconnected with new requests: a response per attempt, each with the
 * chunks and events that came before it ended (as an import assigns them, ./capture-attempts).
 */
function attemptResponses(c: CaptureConnection, attempts: CaptureAttempt[]): RecordedResponse[] {
  return attempts.map((attempt, i) => {
    const last = i === attempts.length - 1;
    const from = i === 0 ? Number.NEGATIVE_INFINITY : (attempts[i - 1]?.ended?.time ?? attempt.time);
    const to = last ? Number.POSITIVE_INFINITY : (attempt.ended?.time ?? Number.POSITIVE_INFINITY);
    const within = (x: { time: number }) => x.time > from && x.time <= to;
    const one: CaptureConnection = {
      ...c,
      createdAt: attempt.time,
      lifecycle: [],
      chunks: c.chunks.filter(within),
      events: c.events.filter(within),
    };
    if (attempt.response) one.response = attempt.response;
    else delete one.response;
    if (!last) {
      one.endedAt = attempt.ended?.time;
      one.endReason = attempt.ended?.reason;
    }
    return streamResponse(one);
  });
}

export function recordedStream(c: CaptureConnection): RecordedStream {
  const stream: RecordedStream = { address: addressOf(c.url), method: c.request?.method ?? 'GET', responses: [] };
  if (c.kind === 'eventsource') {
    eventSourceStream(c, stream);
    return stream;
  }
  stream.responses = c.attempts && c.attempts.length > 1 ? attemptResponses(c, c.attempts) : [streamResponse(c)];
  return stream;
}
