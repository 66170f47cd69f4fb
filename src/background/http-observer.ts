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
 * is also handed to the response tap, which needs the headers listener to be blocking: the listeners
 * are added again when the setting changes.
 *
 * Network capture also follows the streams of workers (`workers`): Firefox tells no document for a
 * worker's request, and no tab either except for a dedicated worker's fetch, only the worker's script
 * (`originUrl`). Such a request is shown in a watched tab of the worker's origin, the tab's own if
 * the browser names it, and its response (any stream: EventSource, or a fetch or XHR answered with a
 * stream type) is tapped like an EventSource's.
 */
import { LIMITS, type WorkerKind } from '../core/model';
import { maskHeaders } from '../core/secrets';
import { formatOf } from '../core/stream-format';
import type { HttpObservation, Unbranded, WorkerInfo, WorkerStreamMessage } from '../protocol/messages';

export interface Header {
  name: string;
  value?: string;
}

/** The fields of Chrome's and Firefox's webRequest details that this uses. */
export interface RequestDetails {
  requestId: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  /** The script of a worker that made the request (Firefox), or the document's URL. */
  originUrl?: string;
  method?: string;
  url: string;
  timeStamp: number;
  statusCode?: number;
  requestHeaders?: Header[];
  responseHeaders?: Header[];
  error?: string;
}

export interface RequestHandlers {
  sendHeaders(details: RequestDetails): void;
  headersReceived(details: RequestDetails): void;
  finished(details: RequestDetails): void;
  errorOccurred(details: RequestDetails): void;
}

/** Adds the four webRequest listeners (the headers one blocking, if asked); returns how to remove them. */
export type SubscribeToRequests = (handlers: RequestHandlers, options: { blocking: boolean }) => () => void;

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

/** webRequest's headers as pairs, at most the capture's limit, credentials masked. */
function headerPairs(headers: Header[] | undefined): [string, string][] {
  return maskHeaders(
    (headers ?? []).slice(0, LIMITS.headers).map(({ name, value }): [string, string] => [name, value ?? '']),
  );
}

function header(headers: Header[] | undefined, name: string): string | undefined {
  return headers?.find((h) => h.name.toLowerCase() === name)?.value;
}

/**
 * How far apart webRequest and the debugger may date one request's start, in ms: the debugger
 * dates it when the page makes it, webRequest when its headers go out, which on a busy machine
 * (or behind other requests to the same host) can be seconds later. The closest is taken.
 */
const SAME_REQUEST_MS = 10_000;
/** Answered requests remembered after they end, for `answered` (the debugger's last bytes may come later). */
const MAX_RECENT = 64;

export class HttpObserver {
  private readonly tabs = new Set<number>();
  private readonly requests = new Map<string, Pending>();
  private readonly recent = new Map<string, Pending>();
  /** Requests `answered` has told of, not to be told again for another. */
  private readonly bridged = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  private tapping = false;
  private tapTabs: ReadonlySet<number> = new Set();

  constructor(
    private readonly subscribe: SubscribeToRequests,
    private readonly deliver: DeliverObservation,
    private readonly tap?: TapResponse,
    private readonly workers?: WorkerStreams,
  ) {}

  watch(tabId: number): void {
    this.tabs.add(tabId);
    this.unsubscribe ??= this.listen();
  }

  private listen(): () => void {
    return this.subscribe(
      {
        sendHeaders: (d) => this.onSendHeaders(d),
        headersReceived: (d) => this.onHeadersReceived(d),
        finished: (d) => this.finished(d.requestId),
        errorOccurred: (d) => this.onError(d),
      },
      { blocking: this.tapping },
    );
  }

  /** Whether responses are being tapped (for diagnostics). */
  get tappingOn(): boolean {
    return this.tapping;
  }

  /** The tabs whose responses the tap reads from now on (there is none without `tap`). */
  setTapping(tabs: ReadonlySet<number>): void {
    this.tapTabs = tabs;
    const tapping = tabs.size > 0 && this.tap !== undefined;
    if (tapping === this.tapping) return;
    this.tapping = tapping;
    if (!this.unsubscribe) return;
    // Listening already: again, with the headers listener blocking or not.
    this.unsubscribe();
    this.unsubscribe = this.listen();
  }

  unwatch(tabId: number): void {
    this.tabs.delete(tabId);
    for (const [id, pending] of this.requests) if (pending.tabId === tabId) this.requests.delete(id);
    if (this.tabs.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
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

  /**
   * The answered SSE request of a tab that started at `requestTime` for `url` (as another source,
   * the debugger, dates it), with its id and document: the closest in time, each told once.
   */
  answered(tabId: number, url: string, requestTime: number): { id: string; to: Recipient } | undefined {
    let best: { id: string; to: Recipient; gap: number } | undefined;
    for (const list of [this.requests, this.recent])
      for (const [id, pending] of list) {
        if (pending.tabId !== tabId || !pending.answered || pending.requestedUrl !== url || this.bridged.has(id))
          continue;
        const gap = Math.abs(pending.requestTime - requestTime);
        if (gap <= SAME_REQUEST_MS && (!best || gap < best.gap)) best = { id, to: pending, gap };
      }
    if (!best) return undefined;
    this.bridged.add(best.id);
    if (this.bridged.size > MAX_RECENT * 4) this.bridged.delete(this.bridged.values().next().value as string);
    const { tabId: t, frameId, documentId } = best.to;
    return { id: best.id, to: documentId === undefined ? { tabId: t, frameId } : { tabId: t, frameId, documentId } };
  }

  private finished(requestId: string): void {
    const pending = this.requests.get(requestId);
    this.requests.delete(requestId);
    if (!pending?.answered) return;
    this.recent.set(requestId, pending);
    if (this.recent.size > MAX_RECENT) this.recent.delete(this.recent.keys().next().value as string);
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
