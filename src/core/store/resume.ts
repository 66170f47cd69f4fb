/**
 * Which earlier stream a new fetch or XHR stream request resumes. SSE clients built on fetch or XHR
 * reconnect by making a new request: fetch-event-source, eventsource (v4 and later),
 * eventsource-client and sse.js send the last event id as a `Last-Event-ID` header,
 * event-source-polyfill as a query parameter (`lastEventId`, or a name the page chose). Such a
 * request, from the same document to the same address, that resumes the id an ended stream last
 * had, or (when it had none) asks the same again within its reconnection time, is that stream's
 * next attempt.
 * @see https://github.com/Azure/fetch-event-source/blob/main/src/fetch.ts (`last-event-id`, retry 1 s)
 * @see https://github.com/EventSource/eventsource/blob/main/src/EventSource.ts (`Last-Event-ID`, retry 3 s)
 * @see https://github.com/rexxars/eventsource-client/blob/main/src/client.ts (`Last-Event-ID`, retry 2 s)
 * @see https://github.com/mpetazzoni/sse.js/blob/main/lib/sse.js (`Last-Event-ID` on its XHR)
 * @see https://github.com/Yaffle/EventSource/blob/master/src/eventsource.js (`lastEventIdQueryParameterName`)
 */
import { headerValue } from '../headers';
import type { ConnectionRecord } from '../model';
import type { ConnectionView, ResumedBy } from './views';

/** The reconnection time of a stream that set none: the longest default of the clients above. */
export const ASSUMED_RETRY_MS = 3000;
/** Added to the reconnection time: a client's timer fires late, and its request takes a while to be made. */
export const RETRY_MARGIN_MS = 1000;

/** How many of a document's latest streams at an address a new request is compared with. */
const RECENT_STREAMS = 32;

/** The names clients give the query parameter, whatever their case and separators. */
const LAST_EVENT_ID_PARAM = /^last[-_]?event[-_]?id$/i;

/** Where a stream's requests go, to find the earlier streams a new request may resume. */
export function streamAddress(method: string | undefined, url: string): string {
  const end = url.search(/[?#]/);
  return `${method ?? 'GET'} ${end < 0 ? url : url.slice(0, end)}`;
}

/** The URL without its fragment and the query parameters `drop` names, written the same way for any input. */
function without(url: string, drop: (name: string, value: string) => boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const kept = [...parsed.searchParams].filter(([name, value]) => !drop(name, value));
  parsed.search = new URLSearchParams(kept).toString();
  parsed.hash = '';
  return parsed.href;
}

/** Two URLs are one address once the parameters `drop` names are left out of both. */
function sameAddress(a: string, b: string, drop: (name: string, value: string) => boolean): boolean {
  const left = without(a, drop);
  return left !== undefined && left === without(b, drop);
}

/** The URL the stream's latest request went to. */
const latestUrl = (earlier: ConnectionView): string => earlier.attempts?.at(-1)?.url ?? earlier.url;

/** Whether `request` is `earlier`'s next attempt, and how that shows. */
export function resumes(earlier: ConnectionView, request: ConnectionRecord): ResumedBy | undefined {
  const ended = earlier.endedAt;
  if (earlier.kind !== request.type || earlier.worker || ended === undefined) return undefined;
  if (earlier.state !== 'closed' && earlier.state !== 'failed') return undefined;
  // Gone with its document, or asked before the stream ended (two at once): not a reconnect.
  if (earlier.endReason === 'unloaded' || request.time < ended) return undefined;
  if ((earlier.request?.method ?? 'GET') !== (request.method ?? 'GET')) return undefined;
  const before = latestUrl(earlier);
  const id = earlier.lastEventId;
  const sent = headerValue(request.requestHeaders, 'last-event-id');
  const named = (name: string) => LAST_EVENT_ID_PARAM.test(name);
  if (id !== '') {
    if (sent === id && sameAddress(before, request.url, named)) return { by: 'header', lastEventId: id };
    let params: string[] = [];
    try {
      params = [...new URL(request.url).searchParams].filter(([, value]) => value === id).map(([name]) => name);
    } catch {
      params = [];
    }
    for (const param of params)
      if (sameAddress(before, request.url, (name) => name === param)) return { by: 'query', lastEventId: id, param };
    // With an id to resume, every client sends it: a request that does not is the page asking again.
    return undefined;
  }
  // Nothing to resume here: a request sending an id resumes another stream.
  if (sent !== undefined && sent !== '') return undefined;
  // Without an id, only the same request again: an app's next request (another prompt, an NDJSON
  // stream, which no client resumes) is a connection of its own, however soon it comes.
  if (earlier.response !== undefined && earlier.response.format !== 'sse') return undefined;
  if (earlier.request?.body !== request.requestBody || earlier.request?.bodySize !== request.requestBodySize)
    return undefined;
  const retryMs = earlier.retry ?? ASSUMED_RETRY_MS;
  const afterMs = request.time - ended;
  if (afterMs > retryMs + RETRY_MARGIN_MS || !sameAddress(before, request.url, named)) return undefined;
  return { by: 'retry', afterMs, retryMs };
}

/**
 * The stream among `earlier` (the document's streams at the request's address) that `request`
 * resumes: one whose last id it sends, else the one that ended last within its reconnection time.
 */
export function resumedStream(
  earlier: readonly ConnectionView[],
  request: ConnectionRecord,
): { connection: ConnectionView; resumed: ResumedBy } | undefined {
  let found: { connection: ConnectionView; resumed: ResumedBy } | undefined;
  const rank = (resumed: ResumedBy) => (resumed.by === 'retry' ? 0 : 1);
  // A client resumes the stream it just had: the latest few are enough, however many a page made.
  for (let i = earlier.length - 1; i >= Math.max(0, earlier.length - RECENT_STREAMS); i--) {
    const connection = earlier[i] as ConnectionView;
    const resumed = resumes(connection, request);
    if (!resumed) continue;
    const better =
      !found ||
      rank(resumed) > rank(found.resumed) ||
      (rank(resumed) === rank(found.resumed) && (connection.endedAt ?? 0) > (found.connection.endedAt ?? 0));
    if (better) found = { connection, resumed };
  }
  return found;
}
