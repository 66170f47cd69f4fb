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
 * Network capture follows requests through the same listeners (`RequestFollower`). The headers
 * listener blocks only while it asks (Firefox reads responses there), and is added again when that
 * changes: otherwise no listener here could rewrite a response.
 */
import { headerValue, keptHeaders } from '../core/headers';
import { knownOrigin } from '../core/origin';
import type { HttpObservation } from '../messages/messages';
import type { Header, RequestDetails, SubscribeToRequests } from './request-listeners';
import type { Recipient } from './tab-messages';

export type DeliverObservation = (to: Recipient, observation: HttpObservation) => void;

/** webRequest's view of a page's SSE request. */
export interface SeenRequest extends Recipient {
  url: string;
  /** Epoch ms its headers went out. */
  requestTime: number;
  /** The origin of the document that made it (Chrome's `initiator`), unless opaque. */
  origin?: string;
}

/** What network capture follows through the observer's listeners. */
export interface RequestFollower {
  /** The headers listener must block: responses are read in it (Firefox's stream filters). */
  readonly blocking?: boolean;
  /** A page's SSE request went out. */
  sent?(requestId: string, request: SeenRequest): void;
  /** Its answer (not a redirect), once its document was told. */
  answered?(
    requestId: string,
    to: Recipient,
    status: number | undefined,
    contentType: string | undefined,
    url: string,
  ): void;
  /** Any request ended, finished or failed. */
  ended?(requestId: string): void;
  /** A request no document made (a worker's): true when the follower takes it, with its answer and error. */
  workerRequest?(details: RequestDetails): boolean;
  workerAnswered?(details: RequestDetails): void;
  workerFailed?(details: RequestDetails): void;
}

interface Pending extends Recipient {
  requestedUrl: string;
  requestTime: number;
  lastEventId?: string;
  answered: boolean;
}

export const REDIRECT = new Set([301, 302, 303, 307, 308]);

const recipient = ({ tabId, frameId, documentId }: Recipient): Recipient =>
  documentId === undefined ? { tabId, frameId } : { tabId, frameId, documentId };

/** webRequest's headers as name–value pairs. */
export const pairsOf = (headers: Header[] | undefined): [string, string][] =>
  (headers ?? []).map(({ name, value }) => [name, value ?? '']);

export class HttpObserver {
  private readonly tabs = new Set<number>();
  private readonly requests = new Map<string, Pending>();
  private unsubscribe: (() => void) | undefined;
  /** The listeners are there, the headers one blocking. */
  private blocks = false;

  constructor(
    private readonly subscribe: SubscribeToRequests,
    private readonly deliver: DeliverObservation,
    private readonly follower: RequestFollower = {},
  ) {}

  watch(tabId: number): void {
    this.tabs.add(tabId);
    this.listen();
  }

  unwatch(tabId: number): void {
    this.tabs.delete(tabId);
    for (const [id, pending] of this.requests) if (pending.tabId === tabId) this.requests.delete(id);
    this.listen();
  }

  /** Whether the headers listener blocks now (for diagnostics). */
  get blocking(): boolean {
    return this.blocks;
  }

  /** Listeners only while a tab is watched; the headers one blocking only while the follower asks. */
  listen(): void {
    const blocking = this.follower.blocking === true;
    if (this.tabs.size > 0 && this.unsubscribe && blocking === this.blocks) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.blocks = false;
    if (this.tabs.size === 0) return;
    this.blocks = blocking;
    this.unsubscribe = this.subscribe(
      {
        sendHeaders: (d) => this.onSendHeaders(d),
        headersReceived: (d) => this.onHeadersReceived(d),
        finished: (d) => this.finished(d.requestId),
        errorOccurred: (d) => this.onError(d),
      },
      { blocking },
    );
  }

  private onSendHeaders(d: RequestDetails): void {
    if (this.requests.has(d.requestId)) return;
    if (d.documentId === undefined && d.originUrl !== undefined && this.follower.workerRequest?.(d)) return;
    if (!this.tabs.has(d.tabId)) return;
    const headers = pairsOf(d.requestHeaders);
    if (!headerValue(headers, 'accept')?.toLowerCase().includes('text/event-stream')) return;
    const pending: Pending = {
      tabId: d.tabId,
      frameId: d.frameId,
      requestedUrl: d.url,
      requestTime: d.timeStamp,
      answered: false,
    };
    if (d.documentId !== undefined) pending.documentId = d.documentId;
    const lastEventId = headerValue(headers, 'last-event-id');
    if (lastEventId !== undefined) pending.lastEventId = lastEventId;
    this.requests.set(d.requestId, pending);
    const origin = knownOrigin(d.initiator);
    this.follower.sent?.(d.requestId, { ...recipient(pending), url: d.url, requestTime: d.timeStamp, origin });
  }

  private onHeadersReceived(d: RequestDetails): void {
    const pending = this.requests.get(d.requestId);
    if (!pending) {
      this.follower.workerAnswered?.(d);
      return;
    }
    if (pending.answered || (d.statusCode !== undefined && REDIRECT.has(d.statusCode))) return;
    pending.answered = true;
    const headers = pairsOf(d.responseHeaders);
    const contentType = headerValue(headers, 'content-type');
    const observation = this.observation(pending, d);
    if (d.statusCode !== undefined) observation.status = d.statusCode;
    if (contentType !== undefined) observation.contentType = contentType;
    observation.headers = keptHeaders(headers);
    observation.request = d.requestId;
    this.deliver(pending, observation);
    this.follower.answered?.(d.requestId, recipient(pending), d.statusCode, contentType, pending.requestedUrl);
  }

  private finished(requestId: string): void {
    this.requests.delete(requestId);
    this.follower.ended?.(requestId);
  }

  private onError(d: RequestDetails): void {
    const pending = this.requests.get(d.requestId);
    if (!pending) this.follower.workerFailed?.(d);
    this.finished(d.requestId);
    // After a response, an error is the stream being cut (the page closed it, or navigated away).
    if (!pending || pending.answered) return;
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
