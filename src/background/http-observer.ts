/**
 * Watches the network side of SSE requests in watched tabs — what a page hook cannot see: the
 * status and content type that made an EventSource open or fail (a 204 that stops it, a 404, a
 * `text/html` error page), the Last-Event-ID each reconnect sent, network errors — and hands each
 * to the document that made the request, whose relay keeps it with the capture.
 *
 * Listeners exist only while some panel watches a tab, so the worker is not woken for every
 * request of every tab. An SSE request is one whose Accept header asks for text/event-stream, as
 * EventSource's always does.
 *
 * With network capture on (Firefox), each SSE response that opens a stream (200, text/event-stream)
 * is also handed to the response tap, which needs the headers listener to be blocking. It blocks
 * only while a watched tab has network capture on (the listeners are added again when that
 * changes): otherwise no listener here could rewrite a response.
 *
 * Network capture also follows the streams of workers (`workers`): Firefox tells no document for a
 * worker's request, and no tab either except for a dedicated worker's fetch, only the worker's script
 * (`originUrl`). Such a request is shown in a watched tab of the worker's origin, the tab's own if
 * the browser names it, and its response (any stream: EventSource, or a fetch or XHR answered with a
 * stream type) is tapped like an EventSource's.
 */
import { LIMITS, type WorkerKind } from '../core/model';
import { knownOrigin } from '../core/origin';
import { maskHeaders } from '../core/secrets';
import { formatOf } from '../core/stream-format';
import type { HttpObservation, Unbranded, WorkerInfo, WorkerStreamMessage } from '../protocol/messages';
import type { Header, RequestDetails, SubscribeToRequests } from './request-listeners';

export interface Recipient {
  tabId: number;
  frameId: number;
  documentId?: string;
}

export type DeliverObservation = (to: Recipient, observation: HttpObservation) => void;

/** Starts copying a response's bytes (the response tap). */
export type TapResponse = (requestId: string, to: Recipient) => void;

/** Network capture of workers' streams: in which watched tab a worker's request is shown, and where it goes. */
export interface WorkerStreams {
  /**
   * The tab to show a worker's request in (`tabId` is the browser's, -1 for none), and the kind of
   * worker when known; undefined when no watched tab is its.
   */
  tabFor(workerUrl: string, tabId: number): { tabId: number; kind?: WorkerKind } | undefined;
  deliver(to: Recipient, stream: Unbranded<WorkerStreamMessage>): void;
}

/** Told of each page SSE request followed (Chrome's network capture pairs the debugger's view with it). */
export interface RequestLog {
  sent(requestId: string, request: Recipient & { url: string; requestTime: number; origin?: string }): void;
  answered(requestId: string, status: number | undefined): void;
  ended(requestId: string): void;
}

/** What network capture adds: the response tap (Firefox), workers' streams, the log of requests (Chrome). */
export interface ObserverOptions {
  tap?: TapResponse;
  workers?: WorkerStreams;
  log?: RequestLog;
}

interface Pending extends Recipient {
  requestedUrl: string;
  requestTime: number;
  lastEventId?: string;
  answered: boolean;
  /** A worker's request: the worker, and what the page would call it. */
  worker?: WorkerInfo;
  stream?: WorkerStreamMessage['stream'];
  method?: string;
  requestHeaders?: [string, string][];
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

const recipient = ({ tabId, frameId, documentId }: Recipient): Recipient =>
  documentId === undefined ? { tabId, frameId } : { tabId, frameId, documentId };

/** webRequest's headers as pairs, at most the capture's limit, credentials masked. */
function headerPairs(headers: Header[] | undefined): [string, string][] {
  return maskHeaders(
    (headers ?? []).slice(0, LIMITS.headers).map(({ name, value }): [string, string] => [name, value ?? '']),
  );
}

function header(headers: Header[] | undefined, name: string): string | undefined {
  return headers?.find((h) => h.name.toLowerCase() === name)?.value;
}

export class HttpObserver {
  private readonly tabs = new Set<number>();
  private readonly requests = new Map<string, Pending>();
  private unsubscribe: (() => void) | undefined;
  /** The listeners are there, the headers one blocking: the tap reads a watched tab's responses. */
  private tapping = false;
  private tapTabs: ReadonlySet<number> = new Set();
  private readonly tap: TapResponse | undefined;
  private readonly workers: WorkerStreams | undefined;
  private readonly log: RequestLog | undefined;

  constructor(
    private readonly subscribe: SubscribeToRequests,
    private readonly deliver: DeliverObservation,
    options: ObserverOptions = {},
  ) {
    this.tap = options.tap;
    this.workers = options.workers;
    this.log = options.log;
  }

  watch(tabId: number): void {
    this.tabs.add(tabId);
    this.listen();
  }

  unwatch(tabId: number): void {
    this.tabs.delete(tabId);
    for (const [id, pending] of this.requests) if (pending.tabId === tabId) this.requests.delete(id);
    this.listen();
  }

  /** The tabs network capture is on for (the tap reads their responses while they are watched). */
  setTapping(tabs: ReadonlySet<number>): void {
    this.tapTabs = tabs;
    this.listen();
  }

  /** Whether responses are being tapped (for diagnostics). */
  get tappingOn(): boolean {
    return this.tapping;
  }

  /** Listeners only while a tab is watched; the headers one blocking only while the tap reads one of them. */
  private listen(): void {
    const tapping = this.tap !== undefined && [...this.tabs].some((tabId) => this.tapTabs.has(tabId));
    if (this.tabs.size > 0 && this.unsubscribe && tapping === this.tapping) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.tapping = false;
    if (this.tabs.size === 0) return;
    this.tapping = tapping;
    this.unsubscribe = this.subscribe(
      {
        sendHeaders: (d) => this.onSendHeaders(d),
        headersReceived: (d) => this.onHeadersReceived(d),
        finished: (d) => this.finished(d.requestId),
        errorOccurred: (d) => this.onError(d),
      },
      { blocking: tapping },
    );
  }

  private onSendHeaders(d: RequestDetails): void {
    if (this.requests.has(d.requestId)) return;
    if (d.documentId === undefined && d.originUrl !== undefined && this.workers && this.tapping) {
      this.workerRequest(d, this.workers);
      return;
    }
    if (!this.tabs.has(d.tabId)) return;
    if (!header(d.requestHeaders, 'accept')?.toLowerCase().includes('text/event-stream')) return;
    const pending: Pending = {
      tabId: d.tabId,
      frameId: d.frameId,
      requestedUrl: d.url,
      requestTime: d.timeStamp,
      answered: false,
    };
    if (d.documentId !== undefined) pending.documentId = d.documentId;
    const lastEventId = header(d.requestHeaders, 'last-event-id');
    if (lastEventId !== undefined) pending.lastEventId = lastEventId;
    this.requests.set(d.requestId, pending);
    const origin = knownOrigin(d.initiator);
    this.log?.sent(d.requestId, { ...recipient(pending), url: d.url, requestTime: d.timeStamp, origin });
  }

  /** A request no document made (a worker's), in a tab network capture is on for: followed until its answer says whether it is a stream. */
  private workerRequest(d: RequestDetails, workers: WorkerStreams): void {
    const workerUrl = d.originUrl as string;
    const owner = workers.tabFor(workerUrl, d.tabId);
    if (owner === undefined || !this.tabs.has(owner.tabId) || !this.tapTabs.has(owner.tabId)) return;
    const { tabId } = owner;
    const accept = header(d.requestHeaders, 'accept')?.toLowerCase();
    const pending: Pending = {
      tabId,
      frameId: 0,
      requestedUrl: d.url,
      requestTime: d.timeStamp,
      answered: false,
      worker: { kind: owner.kind ?? 'worker', url: workerUrl },
      // EventSource asks for the event stream and nothing else; a fetch or XHR asks as it likes.
      stream: accept === 'text/event-stream' && (d.method ?? 'GET') === 'GET' ? 'eventsource' : 'fetch',
    };
    if (pending.stream !== 'eventsource') {
      pending.method = d.method ?? 'GET';
      pending.requestHeaders = headerPairs(d.requestHeaders);
    }
    const lastEventId = header(d.requestHeaders, 'last-event-id');
    if (lastEventId !== undefined) pending.lastEventId = lastEventId;
    this.requests.set(d.requestId, pending);
  }

  private onHeadersReceived(d: RequestDetails): void {
    const pending = this.requests.get(d.requestId);
    if (!pending || pending.answered || (d.statusCode !== undefined && REDIRECT.has(d.statusCode))) return;
    pending.answered = true;
    const contentType = header(d.responseHeaders, 'content-type');
    if (pending.worker) {
      this.workerResponse(d, pending, contentType);
      return;
    }
    this.log?.answered(d.requestId, d.statusCode);
    const observation = this.observation(pending, d);
    if (d.statusCode !== undefined) observation.status = d.statusCode;
    if (contentType !== undefined) observation.contentType = contentType;
    observation.headers = headerPairs(d.responseHeaders);
    observation.request = d.requestId;
    this.deliver(pending, observation);
    if (
      this.tapping &&
      this.tapTabs.has(pending.tabId) &&
      d.statusCode === 200 &&
      contentType?.toLowerCase().startsWith('text/event-stream')
    )
      this.tap?.(d.requestId, pending);
  }

  /** A worker's answer: a stream is shown as a connection of the tab, and its bytes are tapped. */
  private workerResponse(d: RequestDetails, pending: Pending, contentType: string | undefined): void {
    const stream =
      formatOf(contentType) !== undefined || header(d.responseHeaders, 'x-vercel-ai-data-stream') !== undefined;
    if (pending.stream !== 'eventsource' && !stream) {
      this.requests.delete(d.requestId);
      return;
    }
    const message = this.workerStream(d, pending);
    message.responseUrl = d.url;
    if (d.statusCode !== undefined) message.status = d.statusCode;
    message.headers = headerPairs(d.responseHeaders);
    this.workers?.deliver(pending, message);
    if (d.statusCode === 200 && stream) this.tap?.(d.requestId, pending);
  }

  private workerStream(d: RequestDetails, pending: Pending): Unbranded<WorkerStreamMessage> {
    const message: Unbranded<WorkerStreamMessage> = {
      type: 'worker-stream',
      request: d.requestId,
      worker: pending.worker as WorkerInfo,
      stream: pending.stream ?? 'eventsource',
      url: pending.requestedUrl,
      requestTime: pending.requestTime,
      time: d.timeStamp,
    };
    if (pending.method !== undefined) message.method = pending.method;
    if (pending.requestHeaders !== undefined) message.requestHeaders = pending.requestHeaders;
    if (pending.lastEventId !== undefined) message.lastEventId = pending.lastEventId;
    return message;
  }

  private finished(requestId: string): void {
    this.requests.delete(requestId);
    this.log?.ended(requestId);
  }

  private onError(d: RequestDetails): void {
    const pending = this.requests.get(d.requestId);
    this.finished(d.requestId);
    // After a response, an error is the stream being cut (the page closed it, or navigated away).
    if (!pending || pending.answered) return;
    if (pending.worker) {
      // A worker's EventSource tries again; its other requests were never known as streams.
      if (pending.stream === 'eventsource')
        this.workers?.deliver(pending, { ...this.workerStream(d, pending), error: d.error ?? 'failed' });
      return;
    }
    const observation = this.observation(pending, d);
    if (d.error !== undefined) observation.error = d.error;
    this.deliver(pending, observation);
  }

  private observation(pending: Pending, d: RequestDetails): HttpObservation {
    const observation: HttpObservation = {
      time: d.timeStamp,
      url: d.url,
      requestedUrl: pending.requestedUrl,
      requestTime: pending.requestTime,
    };
    if (pending.lastEventId !== undefined) observation.lastEventId = pending.lastEventId;
    return observation;
  }
}
