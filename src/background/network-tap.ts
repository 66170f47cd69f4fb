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
 * The streams of the tab's workers (EventSource, fetch, XHR in dedicated, shared and service
 * workers), which no page hook sees, are followed too: the tab's session auto-attaches its dedicated
 * and service workers, each paused at its start until its Network domain is on, so their streams
 * are seen from the first byte; shared workers are not auto-attached, so they are looked for
 * (`getTargets`) and attached once started, their first streams possibly missed (said so). Each
 * worker stream goes to the top frame's relay as a connection of its own.
 *
 * A page's EventSource (in any frame) keeps webRequest's view of its request (status, type, the
 * Last-Event-ID, which the frame's document matches to its connection, as without network capture);
 * its bytes, known here by the protocol's request id, go to that document under webRequest's id
 * for the same request (`pageBytes`: found by URL, frame, origin, status and start). A shared worker
 * is attached only for a tab of its own origin (`ownerOf`). A stream must start while attached for its bytes
 * (the browser keeps none for a request it was not asked to stream from the start): the panel
 * offers a reload.
 *
 * The debugger API stays outside (passed in), so this runs in a unit test as in the worker.
 */
import { toBase64 } from '../core/base64';
import { LIMITS } from '../core/model';
import { knownOrigin } from '../core/origin';
import { maskHeaders } from '../core/secrets';
import { formatOf } from '../core/stream-format';
import type { Debuggee, DebuggerApi } from '../platform/browser';
import type {
  ArrivalBatchMessage,
  ByteChunk,
  Unbranded,
  WorkerInfo,
  WorkerSeenMessage,
  WorkerStreamMessage,
} from '../protocol/messages';
import type { Recipient } from './http-observer';
import type { DebuggerRequest } from './request-bridge';
import type { ByteBatch } from './response-tap';

/** How long chunks wait to be sent together. */
const FLUSH_MS = 16;
/** Requests followed per tab, at most (an EventSource's request lives as long as its stream). */
const MAX_REQUESTS = 256;
/** The requests a page reads itself, whose arrival times are followed when they are streams. */
const READ = new Set(['Fetch', 'XHR']);
const STREAM_TYPE = /^(text\/event-stream|application\/(x-)?ndjson|application\/jsonl|text\/plain)\b/i;

/** How often shared workers are looked for while a tab is followed. */
const SHARED_POLL_MS = 500;
/** The kinds of target auto-attach brings, and what they are. */
const WORKER_TARGETS = new Map<string, WorkerInfo['kind']>([
  ['worker', 'dedicated'],
  ['service_worker', 'service'],
  ['shared_worker', 'shared'],
]);

interface Followed {
  /** An EventSource's bytes, or when pieces of a stream the page reads (fetch, XHR) arrived. */
  kind: 'bytes' | 'arrivals';
  tabId: number;
  /** A worker's request: which worker, the session that commands go to, and what the page would call it. */
  worker?: WorkerInfo;
  /**
   * A page's EventSource: its answer is webRequest's to tell (it knows the frame's document); its
   * bytes go to that document under webRequest's id for the request, found by its frame, its
   * document's origin and its status.
   */
  page?: Pick<DebuggerRequest, 'top' | 'origin' | 'status'>;
  session: Debuggee;
  stream?: WorkerStreamMessage['stream'];
  method?: string;
  requestHeaders?: [string, string][];
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
  /** Until `streamResourceContent` answered (with the bytes buffered before it). */
  streaming?: Promise<void>;
  /** It was refused: the response was over already, and its body is read whole at its end. */
  unstreamed?: true;
}

interface Tab {
  /** Attached, with the Network domain on: requests from now on are seen. */
  ready: boolean;
  /** The protocol's id of the tab's top frame: only its requests are followed here. */
  topFrame?: string;
  requests: Map<string, Followed>;
  /** The tab's worker sessions (auto-attached), by session id. */
  workers: Map<string, WorkerInfo>;
  /** Sessions of frames in a process of their own (other sites), auto-attached too. */
  frames: Set<string>;
}

/** A shared worker attached by its target id, and the tab its streams are shown in. */
interface SharedTarget {
  tabId: number;
  worker: WorkerInfo;
  requests: Map<string, Followed>;
}

/** Where network capture's findings go: the relays of the tab's documents. */
export interface NetworkOutlets {
  bytes(to: Recipient, batch: ByteBatch): Promise<boolean>;
  arrivals(to: Recipient, batch: Unbranded<ArrivalBatchMessage>): void;
  workerStream(to: Recipient, stream: Unbranded<WorkerStreamMessage>): void;
  workerSeen(to: Recipient, seen: Unbranded<WorkerSeenMessage>): void;
  /** Of these tabs, the one to show the streams of a shared worker running this script in, if any. */
  ownerOf(url: string, tabIds: number[]): number | undefined;
  /**
   * Bytes of a page's EventSource (any frame), known here by the protocol's request id: the frame's
   * document is found from webRequest's view of the same request. Resolves false when no document
   * wants them, or none is certainly theirs.
   */
  pageBytes(tabId: number, request: DebuggerRequest & { id: string }, batch: ByteBatch): Promise<boolean>;
}

type Params = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const record = (value: unknown): Params => (value !== null && typeof value === 'object' ? (value as Params) : {});

function header(headers: unknown, name: string): string | undefined {
  for (const [key, value] of Object.entries(record(headers)))
    if (key.toLowerCase() === name) return typeof value === 'string' ? value : undefined;
  return undefined;
}

/** The protocol's headers object as pairs (a repeated header comes joined by newlines). */
function pairs(headers: unknown): [string, string][] {
  const list: [string, string][] = [];
  for (const [key, value] of Object.entries(record(headers)))
    if (typeof value === 'string') for (const line of value.split('\n')) list.push([key, line]);
  return maskHeaders(list.slice(0, LIMITS.headers));
}

/** Whether a response is a stream the page hook would have read (by its type, as the hook decides). */
const isStream = (response: Params) =>
  formatOf(header(response.headers, 'content-type') ?? text(response.mimeType)) !== undefined ||
  header(response.headers, 'x-vercel-ai-data-stream') !== undefined;

const ignore = () => undefined;

export class NetworkTap {
  private readonly tabs = new Map<number, Tab>();
  /** Shared workers attached by target id. */
  private readonly shared = new Map<string, SharedTarget>();
  /** Targets of workers auto-attached through a tab: not to be attached again as shared. */
  private readonly autoAttached = new Set<string>();
  /** Last-Event-ID headers seen before their request (ExtraInfo may come first). */
  private readonly early = new Map<string, string>();
  private poll: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly api: DebuggerApi,
    private readonly out: NetworkOutlets,
  ) {
    api.onEvent.addListener((source, method, params) => this.event(source, method, record(params)));
    api.onDetach.addListener((source) => {
      if (source.targetId !== undefined) {
        this.dropShared(source.targetId, false);
        return;
      }
      // The user cancelled the debugging bar, or the tab closed.
      if (source.tabId === undefined || !this.tabs.has(source.tabId)) return;
      this.forget(source.tabId);
    });
  }

  /** Tabs attached now, with their network followed (not those still attaching). */
  get attached(): number[] {
    return [...this.tabs].filter(([, tab]) => tab.ready).map(([tabId]) => tabId);
  }

  /** Attaches to a tab and turns its Network domain on; false when the browser refuses. */
  async watch(tabId: number): Promise<boolean> {
    if (this.tabs.has(tabId)) return true;
    const tab: Tab = { ready: false, requests: new Map(), workers: new Map(), frames: new Set() };
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
        // Dedicated and service workers, each held at its start until its network is followed.
        await this.autoAttach({ tabId });
      }
      if (this.tabs.get(tabId) !== tab) {
        // Unwatched while it attached: nothing stays attached.
        this.api.detach({ tabId }).catch(() => undefined);
        return false;
      }
      tab.ready = true;
      this.poll ??= setInterval(() => this.findShared(), SHARED_POLL_MS);
      this.findShared();
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
    for (const [targetId, target] of this.shared) if (target.tabId === tabId) this.dropShared(targetId, true);
    if (this.tabs.size === 0 && this.poll !== undefined) {
      clearInterval(this.poll);
      this.poll = undefined;
    }
  }

  /** Asks a session to attach the workers it starts, held until resumed (filtered to workers where the browser can). */
  private async autoAttach(session: Debuggee): Promise<void> {
    const params = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };
    const filter = [
      { type: 'worker', exclude: false },
      { type: 'service_worker', exclude: false },
      { type: 'shared_worker', exclude: false },
      { type: 'iframe', exclude: false },
      { exclude: true },
    ];
    await this.api
      .sendCommand(session, 'Target.setAutoAttach', { ...params, filter })
      .catch(() => this.api.sendCommand(session, 'Target.setAutoAttach', params));
  }

  /**
   * A target auto-attached in a tab: a worker, or a frame of another site in a process of its own,
   * is followed and let go on; anything else is only let go on.
   */
  private attachedToTarget(tabId: number, tab: Tab, params: Params): void {
    const sessionId = text(params.sessionId);
    if (sessionId === undefined) return;
    const info = record(params.targetInfo);
    const type = text(info.type) ?? '';
    const kind = WORKER_TARGETS.get(type);
    const session = { tabId, sessionId };
    const send = (method: string, args?: object) => {
      // Never awaited one by one: a service worker answers nothing until it runs.
      this.api.sendCommand(session, method, args).catch(ignore);
    };
    if (kind === undefined && type !== 'iframe') {
      if (params.waitingForDebugger === true) send('Runtime.runIfWaitingForDebugger');
      this.api.sendCommand({ tabId }, 'Target.detachFromTarget', { sessionId }).catch(ignore);
      return;
    }
    send('Network.enable', {});
    void this.autoAttach(session).catch(ignore);
    send('Runtime.runIfWaitingForDebugger');
    if (kind === undefined) {
      // A frame's EventSources are followed as the tab's own frames' are.
      tab.frames.add(sessionId);
      return;
    }
    const worker: WorkerInfo = { kind, url: text(info.url) ?? '' };
    tab.workers.set(sessionId, worker);
    const targetId = text(info.targetId);
    if (targetId !== undefined) this.autoAttached.add(targetId);
    const seen: Unbranded<WorkerSeenMessage> = { type: 'worker', worker, time: Date.now() };
    if (params.waitingForDebugger !== true) seen.late = true;
    this.out.workerSeen(this.to(tabId), seen);
  }

  /** A page started a shared worker: looked for a few times now, so that its first streams are more likely seen. */
  lookForSharedWorkers(): void {
    for (const ms of [0, 20, 50, 100, 200]) setTimeout(() => this.findShared(), ms);
  }

  /** Shared workers started since the last look, each attached for a followed tab of its origin, if there is one. */
  private findShared(): void {
    if (this.tabs.size === 0) return;
    this.api
      .getTargets()
      .then((targets) => {
        const ready = this.attached;
        for (const target of targets) {
          if (target.type !== 'worker' || this.shared.has(target.id) || this.autoAttached.has(target.id)) continue;
          const tabId = this.out.ownerOf(target.url, ready);
          if (tabId !== undefined) void this.attachShared(target.id, tabId, target.url);
        }
      })
      .catch(ignore);
  }

  /** Shared workers attached now, and their tabs (for diagnostics). */
  get sharedWorkers(): { tabId: number; url: string }[] {
    return [...this.shared.values()].map(({ tabId, worker }) => ({ tabId, url: worker.url }));
  }

  private async attachShared(targetId: string, tabId: number, url: string): Promise<void> {
    const target: SharedTarget = { tabId, worker: { kind: 'shared', url }, requests: new Map() };
    this.shared.set(targetId, target);
    try {
      await this.api.attach({ targetId }, '1.3');
      await this.api.sendCommand({ targetId }, 'Network.enable', {});
    } catch {
      // Gone already, or held by another debugger: looked for again only if it comes back.
      return;
    }
    if (this.shared.get(targetId) !== target) return;
    // Attached once it had started: streams it opened before are not seen.
    this.out.workerSeen(this.to(tabId), { type: 'worker', worker: target.worker, time: Date.now(), late: true });
  }

  private dropShared(targetId: string, detach: boolean): void {
    const target = this.shared.get(targetId);
    if (!target) return;
    this.shared.delete(targetId);
    for (const [id, request] of target.requests) this.flush(id, request, true);
    if (detach) this.api.detach({ targetId }).catch(ignore);
  }

  private event(source: Debuggee, method: string, params: Params): void {
    let tabId: number;
    let requests: Map<string, Followed>;
    let worker: WorkerInfo | undefined;
    /** A request of a frame below the top one (only its EventSources are followed). */
    let below = false;
    if (source.targetId !== undefined) {
      const target = this.shared.get(source.targetId);
      if (!target) return;
      ({ tabId, requests, worker } = target);
    } else {
      if (source.tabId === undefined) return;
      tabId = source.tabId;
      const tab = this.tabs.get(tabId);
      if (!tab) return;
      if (method === 'Target.attachedToTarget') {
        this.attachedToTarget(tabId, tab, params);
        return;
      }
      if (method === 'Target.detachedFromTarget') {
        const sessionId = text(params.sessionId) ?? '';
        tab.workers.delete(sessionId);
        tab.frames.delete(sessionId);
        return;
      }
      requests = tab.requests;
      let frameSession = false;
      if (source.sessionId !== undefined) {
        // A worker's session or a frame's; anything else attached (and let go on) is not followed.
        worker = tab.workers.get(source.sessionId);
        frameSession = tab.frames.has(source.sessionId);
        if (!worker && !frameSession) return;
      }
      below = !worker && (frameSession || params.frameId !== tab.topFrame);
    }
    const id = text(params.requestId);
    if (id === undefined) return;
    switch (method) {
      case 'Network.requestWillBeSent':
        this.requestWillBeSent(tabId, requests, id, params, source, worker, below);
        return;
      case 'Network.requestWillBeSentExtraInfo': {
        // Last-Event-ID is a header only the raw request shows.
        const lastEventId = header(params.headers, 'last-event-id');
        if (lastEventId === undefined) return;
        const request = requests.get(id);
        if (request) request.lastEventId = lastEventId;
        else if (this.early.size < MAX_REQUESTS) this.early.set(id, lastEventId);
        return;
      }
      case 'Network.responseReceived':
        this.responseReceived(tabId, requests, id, params);
        return;
      case 'Network.dataReceived': {
        const request = requests.get(id);
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
        const request = requests.get(id);
        if (!request) return;
        requests.delete(id);
        const failed = method === 'Network.loadingFailed';
        const error = failed
          ? params.canceled === true
            ? 'cancelled'
            : (text(params.errorText) ?? 'failed')
          : undefined;
        if (!request.answered && failed && request.kind === 'bytes') {
          const time = this.time(request, params.timestamp);
          // No response: a worker's EventSource tries again (its fetches were never known as streams).
          if (request.worker && request.stream === 'eventsource')
            this.out.workerStream(this.to(tabId), {
              ...this.workerStream(id, request, time),
              error: error ?? 'failed',
            });
        }
        // A short response can be over before the answer with its buffered bytes: those go first.
        if (request.streaming) void request.streaming.then(() => this.finish(id, request, error));
        else this.flush(id, request, true, error);
        return;
      }
    }
  }

  private requestWillBeSent(
    tabId: number,
    requests: Map<string, Followed>,
    id: string,
    params: Params,
    session: Debuggee,
    worker: WorkerInfo | undefined,
    below: boolean,
  ): void {
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
    const sent = record(params.request);
    const request: Followed = {
      kind,
      tabId,
      session,
      requestedUrl: text(sent.url) ?? '',
      requestTime: wallTime * 1000,
      clock: wallTime - timestamp,
      answered: false,
      chunks: [],
      arrivals: [],
      timer: undefined,
      dropped: false,
    };
    if (type === 'EventSource' && !worker)
      request.page = { top: !below, origin: knownOrigin(text(params.documentURL)) };
    if (worker) {
      request.worker = worker;
      request.stream = type === 'EventSource' ? 'eventsource' : type === 'XHR' ? 'xhr' : 'fetch';
      if (request.stream !== 'eventsource') {
        request.method = text(sent.method) ?? 'GET';
        request.requestHeaders = pairs(sent.headers);
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
    request.streaming = this.api.sendCommand(session, 'Network.streamResourceContent', { requestId: id }).then(
      (answer) => {
        const buffered = text(record(answer).bufferedData);
        if (buffered) this.chunk(id, request, Date.now(), buffered);
      },
      () => {
        // Over before it could be streamed (a short response): its body is asked for at its end.
        request.unstreamed = true;
      },
    );
  }

  private responseReceived(tabId: number, requests: Map<string, Followed>, id: string, params: Params): void {
    const request = requests.get(id);
    if (!request || request.answered) return;
    request.answered = true;
    const response = record(params.response);
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
    const time = this.time(request, params.timestamp);
    if (request.worker) {
      // A worker's fetch or XHR that is not a stream is none of ours.
      if (request.stream !== 'eventsource' && !isStream(response)) {
        requests.delete(id);
        request.dropped = true;
        return;
      }
      const stream = this.workerStream(id, request, time);
      stream.responseUrl = text(response.url) ?? request.requestedUrl;
      const status = Number(response.status);
      if (Number.isSafeInteger(status)) stream.status = status;
      const statusText = text(response.statusText);
      if (statusText) stream.statusText = statusText;
      stream.headers = pairs(response.headers);
      const protocol = text(response.protocol);
      if (protocol) stream.protocol = protocol;
      this.out.workerStream(this.to(tabId), stream);
    }
  }

  /** What the top frame's relay needs to keep a worker's request as a connection. */
  private workerStream(id: string, request: Followed, time: number): Unbranded<WorkerStreamMessage> {
    const stream: Unbranded<WorkerStreamMessage> = {
      type: 'worker-stream',
      request: id,
      worker: request.worker as WorkerInfo,
      stream: request.stream ?? 'eventsource',
      url: request.requestedUrl,
      requestTime: request.requestTime,
      time,
    };
    if (request.method !== undefined) stream.method = request.method;
    if (request.requestHeaders !== undefined) stream.requestHeaders = request.requestHeaders;
    if (request.lastEventId !== undefined) stream.lastEventId = request.lastEventId;
    return stream;
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

  /** The last batch of a response: a body that could not be streamed is read whole first, where the browser kept it. */
  private async finish(id: string, request: Followed, error: string | undefined): Promise<void> {
    if (request.unstreamed && request.chunks.length === 0 && request.answered && error === undefined) {
      const body = record(
        await this.api.sendCommand(request.session, 'Network.getResponseBody', { requestId: id }).catch(ignore),
      );
      const content = text(body.body);
      if (content)
        this.chunk(
          id,
          request,
          Date.now(),
          body.base64Encoded === true ? content : toBase64(new TextEncoder().encode(content)),
        );
    }
    this.flush(id, request, true, error);
  }

  private flush(id: string, request: Followed, ends: boolean, error?: string): void {
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
      this.out.arrivals(this.to(request.tabId), batch);
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
    if (ends && error !== undefined && request.worker) batch.error = error;
    request.chunks = [];
    const { page, requestedUrl: url, requestTime } = request;
    const sent = page
      ? this.out.pageBytes(request.tabId, { id, url, requestTime, ...page }, batch)
      : this.out.bytes(this.to(request.tabId), batch);
    sent
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
