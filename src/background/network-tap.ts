/**
 * Chrome only, and only when the user turns network capture on: what the network delivered to a
 * watched tab's EventSources, over `chrome.debugger` (the DevTools protocol's Network domain),
 * which no page API and no webRequest listener exposes — the exact bytes as they arrived (comments,
 * `retry:`, event types nobody listens for, line endings, how the network cut them), and each
 * request's status, content type and the Last-Event-ID it sent.
 *
 * For the fetch and XHR streams of the top frame, which the page hook reads itself, it tells when
 * each piece of the response arrived from the network (`dataReceived`), beside when the page read
 * it: the gap says whether a slow stream is the server or the page.
 *
 * It stands in for the webRequest observer and Firefox's response tap in the tab's top frame:
 * each request becomes an HTTP observation carrying the protocol's request id, and its bytes come
 * in batches under that id, so the relay matches both to the connection exactly as it does
 * Firefox's. A stream must start while attached for its bytes (the browser keeps none for a
 * request it was not asked to stream from the start): the panel offers a reload.
 *
 * The debugger API stays outside (passed in), so this runs in a unit test as in the worker.
 */
import { LIMITS } from '../core/model';
import type { DebuggerApi } from '../platform/browser';
import type { ArrivalBatchMessage, ByteChunk, HttpObservation, Unbranded } from '../protocol/messages';
import type { Recipient } from './http-observer';
import type { ByteBatch } from './response-tap';

/** How long chunks wait to be sent together. */
const FLUSH_MS = 16;
/** Requests followed per tab, at most (an EventSource's request lives as long as its stream). */
const MAX_REQUESTS = 256;
/** The requests a page reads itself, whose arrival times are followed when they are streams. */
const READ = new Set(['Fetch', 'XHR']);
const STREAM_TYPE = /^(text\/event-stream|application\/(x-)?ndjson|application\/jsonl|text\/plain)\b/i;

interface Followed {
  /** An EventSource's bytes, or when pieces of a stream the page reads (fetch, XHR) arrived. */
  kind: 'bytes' | 'arrivals';
  tabId: number;
  requestedUrl: string;
  /** Epoch ms the request started, and the offset from the protocol's monotonic seconds to epoch seconds. */
  requestTime: number;
  clock: number;
  lastEventId?: string;
  answered: boolean;
  chunks: ByteChunk[];
  arrivals: [number, number][];
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The document does not want the bytes (not one of its EventSources). */
  dropped: boolean;
}

interface Tab {
  /** Attached, with the Network domain on: requests from now on are seen. */
  ready: boolean;
  /** The protocol's id of the tab's top frame: only its requests are followed here. */
  topFrame?: string;
  requests: Map<string, Followed>;
}

type Params = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const record = (value: unknown): Params => (value !== null && typeof value === 'object' ? (value as Params) : {});

function header(headers: unknown, name: string): string | undefined {
  for (const [key, value] of Object.entries(record(headers)))
    if (key.toLowerCase() === name) return typeof value === 'string' ? value : undefined;
  return undefined;
}

export class NetworkTap {
  private readonly tabs = new Map<number, Tab>();
  /** Last-Event-ID headers seen before their request (ExtraInfo may come first). */
  private readonly early = new Map<string, string>();

  constructor(
    private readonly api: DebuggerApi,
    private readonly deliverObservation: (to: Recipient, observation: HttpObservation) => void,
    private readonly deliverBytes: (to: Recipient, batch: ByteBatch) => Promise<boolean>,
    private readonly deliverArrivals: (to: Recipient, batch: Unbranded<ArrivalBatchMessage>) => void,
    /** Told when the browser ends a session itself (the user cancelled the debugging bar, the tab closed). */
    private readonly detached: (tabId: number) => void = () => undefined,
  ) {
    api.onEvent.addListener((source, method, params) => {
      if (source.tabId !== undefined) this.event(source.tabId, method, record(params));
    });
    api.onDetach.addListener((source) => {
      if (source.tabId === undefined || !this.tabs.has(source.tabId)) return;
      this.forget(source.tabId);
      this.detached(source.tabId);
    });
  }

  /** Tabs attached now, with their network followed (not those still attaching). */
  get attached(): number[] {
    return [...this.tabs].filter(([, tab]) => tab.ready).map(([tabId]) => tabId);
  }

  /** Whether the tab's top frame is followed here (webRequest sees it while the debugger attaches). */
  follows(tabId: number, frameId: number): boolean {
    return frameId === 0 && this.tabs.get(tabId)?.ready === true;
  }

  /** Attaches to a tab and turns its Network domain on; false when the browser refuses. */
  async watch(tabId: number): Promise<boolean> {
    if (this.tabs.has(tabId)) return true;
    const tab: Tab = { ready: false, requests: new Map() };
    this.tabs.set(tabId, tab);
    try {
      await this.api.attach({ tabId }, '1.3').catch((error: unknown) => {
        // Attached by this extension before its worker was stopped: the session lives on; use it.
        if (!String((error as Error)?.message).includes('already attached')) throw error;
      });
      if (this.tabs.get(tabId) === tab) {
        await this.api.sendCommand({ tabId }, 'Network.enable', {});
        const tree = record(await this.api.sendCommand({ tabId }, 'Page.getFrameTree'));
        tab.topFrame = text(record(record(tree.frameTree).frame).id);
      }
      if (this.tabs.get(tabId) !== tab) {
        // Unwatched while it attached: nothing stays attached.
        this.api.detach({ tabId }).catch(() => undefined);
        return false;
      }
      tab.ready = true;
      return true;
    } catch {
      // Another debugger holds the tab, or it is a page no extension may debug (the Web Store, chrome://).
      this.tabs.delete(tabId);
      this.api.detach({ tabId }).catch(() => undefined);
      return false;
    }
  }

  /** Tabs attached or attaching. */
  get tabIds(): number[] {
    return [...this.tabs.keys()];
  }

  unwatch(tabId: number): void {
    if (!this.tabs.has(tabId)) return;
    this.forget(tabId);
    this.api.detach({ tabId }).catch(() => undefined);
  }

  private forget(tabId: number): void {
    const tab = this.tabs.get(tabId);
    this.tabs.delete(tabId);
    for (const [id, request] of tab?.requests ?? []) this.flush(id, request, true);
  }

  private event(tabId: number, method: string, params: Params): void {
    const tab = this.tabs.get(tabId);
    if (!tab) return;
    const id = text(params.requestId);
    if (id === undefined) return;
    switch (method) {
      case 'Network.requestWillBeSent':
        this.requestWillBeSent(tabId, tab, id, params);
        return;
      case 'Network.requestWillBeSentExtraInfo': {
        // Last-Event-ID is a header only the raw request shows.
        const lastEventId = header(params.headers, 'last-event-id');
        if (lastEventId === undefined) return;
        const request = tab.requests.get(id);
        if (request) request.lastEventId = lastEventId;
        else if (this.early.size < MAX_REQUESTS) this.early.set(id, lastEventId);
        return;
      }
      case 'Network.responseReceived':
        this.responseReceived(tabId, tab, id, params);
        return;
      case 'Network.dataReceived': {
        const request = tab.requests.get(id);
        if (!request || request.dropped) return;
        const time = this.time(request, params.timestamp);
        if (request.kind === 'arrivals') {
          const size = Number(params.dataLength);
          if (Number.isSafeInteger(size) && size > 0) request.arrivals.push([time, size]);
          request.timer ??= setTimeout(() => this.flush(id, request, false), FLUSH_MS);
          return;
        }
        const data = text(params.data);
        if (data !== undefined && data !== '') this.chunk(id, request, time, data);
        return;
      }
      case 'Network.loadingFinished':
      case 'Network.loadingFailed': {
        const request = tab.requests.get(id);
        if (!request) return;
        tab.requests.delete(id);
        if (!request.answered && method === 'Network.loadingFailed' && request.kind === 'bytes') {
          const observation = this.observation(request, this.time(request, params.timestamp), request.requestedUrl);
          observation.error = text(params.errorText) ?? 'failed';
          this.deliverObservation(this.to(tabId), observation);
        }
        this.flush(id, request, true);
        return;
      }
    }
  }

  private requestWillBeSent(tabId: number, tab: Tab, id: string, params: Params): void {
    // A redirect comes as the same request again: it keeps its first URL and start.
    if (tab.requests.has(id) || params.frameId !== tab.topFrame || tab.requests.size >= MAX_REQUESTS) return;
    const kind = params.type === 'EventSource' ? 'bytes' : READ.has(String(params.type)) ? 'arrivals' : undefined;
    if (kind === undefined) return;
    const wallTime = Number(params.wallTime);
    const timestamp = Number(params.timestamp);
    if (!Number.isFinite(wallTime) || !Number.isFinite(timestamp)) return;
    const request: Followed = {
      kind,
      tabId,
      requestedUrl: text(record(params.request).url) ?? '',
      requestTime: wallTime * 1000,
      clock: wallTime - timestamp,
      answered: false,
      chunks: [],
      arrivals: [],
      timer: undefined,
      dropped: false,
    };
    const lastEventId = this.early.get(id);
    if (lastEventId !== undefined) {
      request.lastEventId = lastEventId;
      this.early.delete(id);
    }
    tab.requests.set(id, request);
    if (kind === 'arrivals') return;
    // From now on every dataReceived carries its bytes; what came before the answer, in bufferedData.
    this.api
      .sendCommand({ tabId }, 'Network.streamResourceContent', { requestId: id })
      .then((answer) => {
        const buffered = text(record(answer).bufferedData);
        if (buffered) this.chunk(id, request, Date.now(), buffered);
      })
      .catch(() => undefined); // over already, or the tab went
  }

  private responseReceived(tabId: number, tab: Tab, id: string, params: Params): void {
    const request = tab.requests.get(id);
    if (!request || request.answered) return;
    request.answered = true;
    const response = record(params.response);
    if (request.kind === 'arrivals') {
      // Only streams: the page reads their pieces as they come (the page hook reports the response).
      if (!STREAM_TYPE.test(text(response.mimeType) ?? '')) tab.requests.delete(id);
      return;
    }
    const observation = this.observation(request, this.time(request, params.timestamp), text(response.url) ?? '');
    const status = Number(response.status);
    if (Number.isSafeInteger(status)) observation.status = status;
    const contentType = header(response.headers, 'content-type') ?? text(response.mimeType);
    if (contentType !== undefined) observation.contentType = contentType;
    observation.request = id;
    this.deliverObservation(this.to(tabId), observation);
  }

  private observation(request: Followed, time: number, url: string): HttpObservation {
    const observation: HttpObservation = {
      time,
      url,
      requestedUrl: request.requestedUrl,
      requestTime: request.requestTime,
    };
    if (request.lastEventId !== undefined) observation.lastEventId = request.lastEventId;
    return observation;
  }

  private time(request: Followed, timestamp: unknown): number {
    const seconds = Number(timestamp);
    return Number.isFinite(seconds) ? (request.clock + seconds) * 1000 : Date.now();
  }

  private chunk(id: string, request: Followed, time: number, base64: string): void {
    // Cut where the relay's limit is, on a four-character (three-byte) boundary.
    for (let at = 0; at < base64.length; at += LIMITS.chunkBytes)
      request.chunks.push([time, base64.slice(at, at + LIMITS.chunkBytes)]);
    request.timer ??= setTimeout(() => this.flush(id, request, false), FLUSH_MS);
  }

  private flush(id: string, request: Followed, ends: boolean): void {
    if (request.timer !== undefined) clearTimeout(request.timer);
    request.timer = undefined;
    if (request.kind === 'arrivals') {
      if (request.arrivals.length === 0 && !ends) return;
      const batch: Unbranded<ArrivalBatchMessage> = {
        type: 'arrivals',
        request: id,
        url: request.requestedUrl,
        requestTime: request.requestTime,
        chunks: request.arrivals,
      };
      if (ends) batch.ends = true;
      request.arrivals = [];
      this.deliverArrivals(this.to(request.tabId), batch);
      return;
    }
    if (request.dropped || (request.chunks.length === 0 && !ends)) return;
    if (!request.answered) {
      // Bytes buffered before the answer was seen: they go once it is (its observation first).
      if (!ends) request.timer = setTimeout(() => this.flush(id, request, false), FLUSH_MS);
      return;
    }
    const batch: ByteBatch = { request: id, chunks: request.chunks };
    if (ends) batch.ends = true;
    request.chunks = [];
    this.deliverBytes(this.to(request.tabId), batch)
      .then((wanted) => {
        if (!wanted) request.dropped = true;
      })
      .catch(() => {
        request.dropped = true;
      });
  }

  private to(tabId: number): Recipient {
    return { tabId, frameId: 0 };
  }
}
