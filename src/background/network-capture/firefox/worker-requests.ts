/**
 * Firefox's network capture of workers' streams, through the HTTP observer's listeners: Firefox
 * tells no document for a worker's request, and no tab either except for a dedicated worker's
 * fetch, only the worker's script (`originUrl`). Such a request is shown in a watched tab of the
 * worker's origin with network capture on, the tab's own if the browser names it; its answer tells
 * whether it is a stream (EventSource, or a fetch or XHR answered with a stream type), whose bytes
 * are then read like an EventSource's.
 */
import { headerValue, keptHeaders } from '../../../core/headers';
import type { Unbranded, WorkerStreamMessage } from '../../../messages/messages';
import { pairsOf, REDIRECT } from '../../http-observer';
import type { RequestDetails } from '../../request-listeners';
import type { Recipient } from '../../tab-messages';
import type { WorkerOwners } from '../worker-owners';
import { type FollowedRequest, isStream, workerStream } from '../worker-streams';

interface WorkerRequest extends FollowedRequest {
  tabId: number;
}

export class WorkerRequests {
  private readonly requests = new Map<string, WorkerRequest>();
  /** Watched tabs with network capture on, in the setting's order. */
  private tabs: ReadonlySet<number> = new Set();

  constructor(
    private readonly owners: Pick<WorkerOwners, 'tabFor'>,
    private readonly deliver: (to: Recipient, stream: Unbranded<WorkerStreamMessage>) => void,
    private readonly read: (requestId: string, to: Recipient) => void,
  ) {}

  /** The tabs a worker's request may be shown in; requests of tabs no longer watched are let go. */
  follow(tabs: ReadonlySet<number>, watched: ReadonlySet<number>): void {
    this.tabs = tabs;
    for (const [id, request] of this.requests) if (!watched.has(request.tabId)) this.requests.delete(id);
  }

  /** A request no document made: taken while a tab has network capture on, followed if a tab is its. */
  sent(d: RequestDetails): boolean {
    if (this.requests.has(d.requestId)) return true;
    if (this.tabs.size === 0) return false;
    const workerUrl = d.originUrl as string;
    const owner = this.owners.tabFor(workerUrl, d.tabId, this.tabs);
    if (owner === undefined || !this.tabs.has(owner.tabId)) return true;
    const headers = pairsOf(d.requestHeaders);
    const accept = headerValue(headers, 'accept')?.toLowerCase();
    const request: WorkerRequest = {
      tabId: owner.tabId,
      requestedUrl: d.url,
      requestTime: d.timeStamp,
      answered: false,
      worker: { kind: owner.kind ?? 'worker', url: workerUrl },
      // EventSource asks for the event stream and nothing else; a fetch or XHR asks as it likes.
      stream: accept === 'text/event-stream' && (d.method ?? 'GET') === 'GET' ? 'eventsource' : 'fetch',
    };
    if (request.stream !== 'eventsource') {
      request.method = d.method ?? 'GET';
      request.requestHeaders = keptHeaders(headers);
    }
    const lastEventId = headerValue(headers, 'last-event-id');
    if (lastEventId !== undefined) request.lastEventId = lastEventId;
    this.requests.set(d.requestId, request);
    return true;
  }

  /** The answer: a stream is shown as a connection of the tab, and its bytes are read. */
  answered(d: RequestDetails): void {
    const request = this.requests.get(d.requestId);
    if (!request || request.answered || (d.statusCode !== undefined && REDIRECT.has(d.statusCode))) return;
    request.answered = true;
    const headers = pairsOf(d.responseHeaders);
    const stream = isStream(headerValue(headers, 'content-type'), (name) => headerValue(headers, name));
    if (request.stream !== 'eventsource' && !stream) {
      this.requests.delete(d.requestId);
      return;
    }
    const message = workerStream(d.requestId, request, d.timeStamp);
    message.responseUrl = d.url;
    if (d.statusCode !== undefined) message.status = d.statusCode;
    message.headers = keptHeaders(headers);
    const to = { tabId: request.tabId, frameId: 0 };
    this.deliver(to, message);
    if (d.statusCode === 200 && stream) this.read(d.requestId, to);
  }

  failed(d: RequestDetails): void {
    const request = this.requests.get(d.requestId);
    this.requests.delete(d.requestId);
    // After a response, an error is the stream being cut; a worker's EventSource with none tries
    // again, and its other requests were never known as streams.
    if (!request || request.answered || request.stream !== 'eventsource') return;
    this.deliver(
      { tabId: request.tabId, frameId: 0 },
      { ...workerStream(d.requestId, request, d.timeStamp), error: d.error ?? 'failed' },
    );
  }

  ended(requestId: string): void {
    this.requests.delete(requestId);
  }
}
