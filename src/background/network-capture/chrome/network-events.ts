/**
 * The debugger's Network events of one followed target (a tab, a frame's process, a worker):
 * which requests are followed, their answers, their bytes as they arrive, their ends.
 *
 * A page's EventSource (in any frame) keeps webRequest's view of its request (status, type, the
 * Last-Event-ID); only its bytes go from here. For the top frame's fetch and XHR streams, which the
 * page hook reads itself, only when each piece arrived from the network goes (`dataReceived`):
 * the gap to when the page read it says whether a slow stream is the server or the page. A
 * worker's streams are all the network's to tell: their requests and answers go from here too.
 */
import { knownOrigin } from '../../../core/origin';
import type { WorkerInfo } from '../../../messages/messages';
import type { Debuggee, DebuggerApi } from '../../../platform/browser';
import { FlushTimer } from '../byte-batches';
import { isStream, workerStream } from '../worker-streams';
import { asParams, cdpHeader, cdpHeaders, type Params, text } from './cdp';
import { type DebuggerOutlets, type Followed, topFrame } from './followed';
import { epochMs, RequestBytes } from './request-bytes';

/** Requests followed per tab, at most (an EventSource's request lives as long as its stream). */
const MAX_REQUESTS = 256;
/** The requests a page reads itself, whose arrival times are followed when they are streams. */
const READ = new Set(['Fetch', 'XHR']);
const STREAM_TYPE = /^(text\/event-stream|application\/(x-)?ndjson|application\/jsonl|text\/plain)\b/i;

/** Where an event came from: its tab's followed requests, the session, and the worker if it is one's. */
export interface EventFrom {
  tabId: number;
  requests: Map<string, Followed>;
  session: Debuggee;
  worker?: WorkerInfo;
  /** A frame below the top one (only its EventSources are followed). */
  below: boolean;
}

export class NetworkEvents {
  /** Last-Event-ID headers seen before their request (ExtraInfo may come first). */
  private readonly early = new Map<string, string>();
  readonly bytes: RequestBytes;

  constructor(
    private readonly api: Pick<DebuggerApi, 'sendCommand'>,
    private readonly out: Pick<DebuggerOutlets, 'bytes' | 'arrivals' | 'pageBytes' | 'workerStream'>,
  ) {
    this.bytes = new RequestBytes(api, out);
  }

  handle(from: EventFrom, method: string, params: Params): void {
    const id = text(params.requestId);
    if (id === undefined) return;
    const { requests } = from;
    switch (method) {
      case 'Network.requestWillBeSent':
        this.requestWillBeSent(from, id, params);
        return;
      case 'Network.requestWillBeSentExtraInfo': {
        // Last-Event-ID is a header only the raw request shows.
        const lastEventId = cdpHeader(params.headers, 'last-event-id');
        if (lastEventId === undefined) return;
        const request = requests.get(id);
        if (request) request.lastEventId = lastEventId;
        else if (this.early.size < MAX_REQUESTS) this.early.set(id, lastEventId);
        return;
      }
      case 'Network.responseReceived':
        this.responseReceived(from, id, params);
        return;
      case 'Network.dataReceived': {
        const request = requests.get(id);
        if (!request || request.dropped) return;
        const time = epochMs(request, params.timestamp);
        if (request.kind === 'arrivals') {
          const size = Number(params.dataLength);
          if (Number.isSafeInteger(size) && size > 0) request.arrivals.push([time, size]);
          request.timer.schedule();
          return;
        }
        const data = text(params.data);
        if (data !== undefined && data !== '') this.bytes.chunk(request, time, data);
        return;
      }
      case 'Network.loadingFinished':
      case 'Network.loadingFailed':
        this.ended(from, id, method === 'Network.loadingFailed', params);
        return;
    }
  }

  private requestWillBeSent(from: EventFrom, id: string, params: Params): void {
    const { requests, worker, below } = from;
    // A redirect comes as the same request again: it keeps its first URL and start.
    if (requests.has(id) || requests.size >= MAX_REQUESTS) return;
    const type = String(params.type);
    // A frame below the top one: only its EventSources, whose bytes no page API gives.
    if (below && type !== 'EventSource') return;
    // A worker's streams are all the network's to tell: its fetches and XHRs are read as bytes too.
    const kind =
      type === 'EventSource' || (worker && READ.has(type)) ? 'bytes' : READ.has(type) ? 'arrivals' : undefined;
    if (kind === undefined) return;
    const wallTime = Number(params.wallTime);
    const timestamp = Number(params.timestamp);
    if (!Number.isFinite(wallTime) || !Number.isFinite(timestamp)) return;
    const sent = asParams(params.request);
    const request: Followed = {
      kind,
      tabId: from.tabId,
      session: from.session,
      requestedUrl: text(sent.url) ?? '',
      requestTime: wallTime * 1000,
      clock: wallTime - timestamp,
      answered: false,
      chunks: [],
      arrivals: [],
      timer: new FlushTimer(() => this.bytes.flush(id, request, false)),
      dropped: false,
    };
    if (type === 'EventSource' && !worker)
      request.page = { top: !below, origin: knownOrigin(text(params.documentURL)) };
    if (worker) {
      request.worker = worker;
      request.stream = type === 'EventSource' ? 'eventsource' : type === 'XHR' ? 'xhr' : 'fetch';
      if (request.stream !== 'eventsource') {
        request.method = text(sent.method) ?? 'GET';
        request.requestHeaders = cdpHeaders(sent.headers);
      }
    }
    const lastEventId = this.early.get(id);
    if (lastEventId !== undefined) {
      request.lastEventId = lastEventId;
      this.early.delete(id);
    }
    requests.set(id, request);
    if (kind === 'arrivals') return;
    // From now on every dataReceived carries its bytes; what came before the answer, in bufferedData.
    request.streaming = this.api.sendCommand(from.session, 'Network.streamResourceContent', { requestId: id }).then(
      (answer) => {
        const buffered = text(asParams(answer).bufferedData);
        if (buffered) this.bytes.chunk(request, Date.now(), buffered);
      },
      () => {
        // Over before it could be streamed (a short response): its body is asked for at its end.
        request.unstreamed = true;
      },
    );
  }

  private responseReceived({ tabId, requests }: EventFrom, id: string, params: Params): void {
    const request = requests.get(id);
    if (!request || request.answered) return;
    request.answered = true;
    const response = asParams(params.response);
    if (request.kind === 'arrivals') {
      // Only streams: the page reads their pieces as they come (the page hook reports the response).
      if (!STREAM_TYPE.test(text(response.mimeType) ?? '')) requests.delete(id);
      return;
    }
    // A page's answer is webRequest's to tell; its bytes may go from now on.
    if (request.page) {
      const status = Number(response.status);
      if (Number.isSafeInteger(status)) request.page.status = status;
      return;
    }
    if (!request.worker) return;
    // A worker's fetch or XHR that is not a stream is none of ours.
    const contentType = cdpHeader(response.headers, 'content-type') ?? text(response.mimeType);
    if (request.stream !== 'eventsource' && !isStream(contentType, (name) => cdpHeader(response.headers, name))) {
      requests.delete(id);
      request.dropped = true;
      return;
    }
    const stream = workerStream(id, request, epochMs(request, params.timestamp));
    stream.responseUrl = text(response.url) ?? request.requestedUrl;
    const status = Number(response.status);
    if (Number.isSafeInteger(status)) stream.status = status;
    const statusText = text(response.statusText);
    if (statusText) stream.statusText = statusText;
    stream.headers = cdpHeaders(response.headers);
    const httpVersion = text(response.protocol);
    if (httpVersion) stream.httpVersion = httpVersion;
    this.out.workerStream(topFrame(tabId), stream);
  }

  private ended({ tabId, requests }: EventFrom, id: string, failed: boolean, params: Params): void {
    const request = requests.get(id);
    if (!request) return;
    requests.delete(id);
    const error = failed ? (params.canceled === true ? 'cancelled' : (text(params.errorText) ?? 'failed')) : undefined;
    if (!request.answered && failed && request.kind === 'bytes' && request.worker && request.stream === 'eventsource')
      // No response: a worker's EventSource tries again (its fetches were never known as streams).
      this.out.workerStream(topFrame(tabId), {
        ...workerStream(id, request, epochMs(request, params.timestamp)),
        error: error ?? 'failed',
      });
    // A short response can be over before the answer with its buffered bytes: those go first.
    if (request.streaming) void request.streaming.then(() => this.bytes.finish(id, request, error));
    else this.bytes.flush(id, request, true, error);
  }
}
