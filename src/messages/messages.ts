/**
 * Every message between the parts, one union per hop, named by direction.
 *
 *   page ──PageToRelay──▶ relay ──RelayToBackground──▶ background ──BackgroundToPanel──▶ panel
 *        (private port)       ◀──BackgroundToRelay──  (runtime ports) ◀──PanelToBackground──
 *
 * Data from the page is untrusted (a hostile page shares the page's JS heap with our hook, and its
 * renderer with the relay), so the relay and the background validate what they receive with the
 * guards below before anything is kept or forwarded. Validators never throw: they return null.
 *
 * Long because: every hop's union is here, so that both ends of a hop read one definition and a
 * message's shape is changed in one place.
 */
import type { Injection } from '../core/injected-block';
import type { DocumentInfo, FaultKind, FrameDocument, HttpRecord, PageRecord, WorkerKind } from '../core/model';
import type { ReplayRule, RuleProblem } from '../core/replay-rule';
import type { WireRecord } from './wire-codec';
import type { WireColumns } from './wire-columns';

export const BRAND = 'sse-scope';
export const MESSAGES_VERSION = 1;

/** Names the runtime ports, so the background knows who connected. */
export const PortName = { relay: 'sse-scope/relay', panel: 'sse-scope/panel' } as const;

/** The event type that hands the page's private port to the relay, once, at document_start. */
export const HANDSHAKE_EVENT = 'sse-scope:handshake';

/**
 * A synchronous line between the page hook and the relay: a private EventTarget that only the two
 * of them hold, handed over at document_start by a `handover` MouseEvent whose `relatedTarget` it
 * is. At `pagehide` the relay asks (`flush`) and the hook `sent`s, at once, its EventSources'
 * events still queued or in flight on the port (a KeyboardEvent whose `key` is the JSON text of a
 * PageToRelay message: a MouseEvent carries no string), kept by the relay before the dispatch
 * returns.
 */
export const Signal = {
  handover: 'sse-scope:signal-handover',
  sent: 'sse-scope:sent',
  flush: 'sse-scope:flush',
} as const;

type Branded<T> = T & { brand: typeof BRAND; v: typeof MESSAGES_VERSION };

/**
 * What a replay rule's player is told by the user: write the next chunk, or up to the end of the
 * next event, now (a rule played by hand); hold every connection it plays, or go on.
 */
export type ReplayStep = 'next' | 'next-event' | 'pause' | 'resume';

/**
 * The replay rules on in a tab, as its documents get them; `nativeEventSource`: this browser serves
 * a rule to a page's own EventSource of the document's origin (Firefox, through the worker), so the
 * page hook leaves it native.
 */
export interface ReplayRules {
  rules: ReplayRule[];
  nativeEventSource?: true;
}

/**
 * Over the same private port, the other way: the replay rules that are on for the tab (replacing any
 * before; none: the page talks to its servers alone), and the user's steps for one of them.
 */
export type RelayToPage =
  | Branded<{ type: 'replay' } & ReplayRules>
  | Branded<{ type: 'replay-step'; rule: string; step: ReplayStep }>
  /** A fault the user put on a connection a rule answers: the hook, which plays it, acts. */
  | Branded<{ type: 'replay-fault'; conn: number; fault: FaultKind; ms?: number; inject?: Injection }>
  /** Whether a panel watches this document: the hook then reads its EventSources' events sooner. */
  | Branded<{ type: 'watched'; on: boolean }>
  /** The relay has kept the hook's `events` messages up to `n`. */
  | Branded<{ type: 'ack'; n: number }>;

/**
 * The page's EventSource events as the hook read them, in columns, in the order they happened:
 * event i is `conns[i]`, `times[i]` (epoch ms), `data[i]` (whole: the relay cuts it), `types[i]`
 * and `origins[i]` (indices into `table`), `ids[i]`. `n` numbers the message (from 1: the relay
 * keeps each once, whether it came over the port or again over the line). `records` are the other records (the connections, their opens,
 * errors, closes and named types, the page's own events), `records[k]` before event `at[k]`.
 */
export interface PageEventColumns {
  n?: number;
  conns: number[];
  times: number[];
  data: string[];
  types: number[];
  ids: string[];
  origins: number[];
  table: string[];
  at: number[];
  records: PageRecord[];
}

export type PageToRelay =
  | Branded<{ type: 'records'; records: PageRecord[] }>
  | Branded<{ type: 'events' } & PageEventColumns>
  /** The page started a worker: network capture shows the worker's streams in this tab. */
  | Branded<{ type: 'worker'; worker: WorkerKind; url: string }>;

export interface RecordBatch {
  type: 'records';
  docId: string;
  /** The seq of the batch's last record. */
  last: number;
  /**
   * The batch's wire records as JSON text (`toWireText`), or as columns (`toColumns`) where
   * messaging is structured clone: made once by the relay, forwarded as they are by the worker,
   * checked by the panel as it unpacks them (`fromWireText`, `fromColumns`).
   */
  records: string | WireColumns;
  /**
   * On the batches of a backlog (what a relay sends when a panel subscribes or resyncs): the seq of
   * the backlog's last record, so that the panel can say how much is still to load.
   */
  upTo?: number;
}

/**
 * The records of a document that carried secrets (the request's URL, headers and body, a response's
 * URL and headers), whole: what a relay sends, only when a panel asks (`reveal`), in parts of
 * `records` (wire JSON text), the last `done`. Every record sent otherwise has its secrets masked.
 */
export interface RevealedSecrets {
  type: 'revealed';
  docId: string;
  /** The connection asked for, or 0 for every connection of the document. */
  conn: number;
  records: string;
  done: boolean;
}

export type RelayToBackground =
  | Branded<{ type: 'hello'; doc: DocumentInfo }>
  | Branded<RecordBatch>
  | Branded<RevealedSecrets>;

/**
 * One-shot, from a relay whose count of live connections changed: for the toolbar badge and the
 * popup's list of tabs, which must not need a port (or a panel) open.
 */
export interface DocumentSummary {
  docId: string;
  top: boolean;
  /** When the document started (its DocumentInfo.activatedAt). */
  activatedAt: number;
  /** Connections not ended: connecting, open or reconnecting. */
  open: number;
  connections: number;
  /** The live ones per origin (the browser's per-origin connection limit spans tabs). */
  byOrigin?: Record<string, number>;
}
/**
 * `adopt`: a frame's document is going away (removed, or navigated) while its page lives on; it
 * hands its capture, in parts, to the tab's top frame through the worker, so that nothing it
 * captured is lost while the page lives.
 */
export interface Adoption {
  type: 'adopt';
  doc: DocumentInfo;
  last: number;
  records: WireRecord[];
}
export type RelayToBackgroundOneShot =
  | Branded<{ type: 'summary'; summary: DocumentSummary }>
  /** A document starts: the replay rules on for its tab, answered with them (none: an empty list). */
  | Branded<{ type: 'replay-rules' }>
  | Branded<Adoption>
  | Branded<{ type: 'worker'; worker: WorkerInfo }>;

/** One-shot, from the popup: which tabs have connections. */
export type PopupToBackground = Branded<{ type: 'tabs' }>;
export interface TabSummary {
  tabId: number;
  open: number;
  connections: number;
  /** Replay rules on in the tab. */
  replaying?: number;
}

/**
 * Over the relay's port: start streaming after `after`, or stop and let the worker sleep; or send a
 * connection's secrets whole (`conn` 0: every connection's), because the user asked to see them.
 */
export type BackgroundToRelay =
  /**
   * `clone`: a typed array, which arrives as one only where messaging is structured clone; then
   * the relay sends its batches as columns.
   */
  | Branded<{ type: 'sync'; after: number; clone?: Uint8Array }>
  | Branded<{ type: 'idle' }>
  | Branded<{ type: 'reveal'; conn: number }>
  /** A fault the user asked for took effect on a connection of this document: the relay records it. */
  | Branded<{
      type: 'fault';
      conn: number;
      fault: FaultKind;
      time: number;
      ms?: number;
      /** The connection is a replay rule's: the relay hands the fault to the page hook, with `inject`. */
      replayed?: true;
      inject?: Injection;
    }>;

/** One SSE request as the network layer saw it, before the relay matches it to a connection. */
export type HttpObservation = Omit<HttpRecord, 'kind' | 'conn'> & {
  /** The URL first requested (the connection's URL; `url` is where it ended after redirects). */
  requestedUrl: string;
  /** When the request started; `time` is when its response (or error) came. */
  requestTime?: number;
  /** The browser's id of the request, which network capture's bytes of it carry. */
  request?: string;
};

/** One chunk of a response as network capture saw it: when, and its bytes in base64. */
export type ByteChunk = [number, string];

/**
 * Network capture's copy of an EventSource response (opt-in), in batches, to the document
 * that made the request: `ends` once the response is over. The relay answers false when the
 * request is not one of its EventSources, and network capture stops copying.
 */
export interface ByteBatchMessage {
  type: 'bytes';
  request: string;
  chunks: ByteChunk[];
  ends?: true;
  /** With `ends`: the network error that ended it (a worker's stream: the relay says how it ended). */
  error?: string;
}

/** A worker's script: who made a stream only the network saw. */
export interface WorkerInfo {
  kind: WorkerKind;
  url: string;
}

/**
 * Network capture: a stream a worker made (EventSource, or a fetch or XHR answered with a stream),
 * which no page hook sees, to the top frame's relay, which keeps it as a connection of its own: the
 * request, then its response (or the network error instead). Its bytes follow as `bytes` batches
 * under the same request id; the last says how it ended.
 */
export interface WorkerStreamMessage {
  type: 'worker-stream';
  request: string;
  worker: WorkerInfo;
  stream: 'eventsource' | 'fetch' | 'xhr';
  /** The URL requested, and when. */
  url: string;
  requestTime: number;
  method?: string;
  requestHeaders?: [string, string][];
  lastEventId?: string;
  /** When the response (or the error) came. */
  time: number;
  /** Where the response came from (after redirects), its status, headers, and HTTP version. */
  responseUrl?: string;
  status?: number;
  statusText?: string;
  headers?: [string, string][];
  httpVersion?: string;
  error?: string;
}

/** Network capture: a worker followed from now on; `late` when it was running already. */
export interface WorkerSeenMessage {
  type: 'worker';
  worker: WorkerInfo;
  time: number;
  late?: true;
}

/**
 * Network capture (Chrome): when pieces of a fetch or XHR stream's response arrived from the
 * network, `[time, size]`, for the top frame's relay to pair with the stream the page reads (by URL
 * and when the request started); `ends` once the response is over.
 */
export interface ArrivalBatchMessage {
  type: 'arrivals';
  request: string;
  url: string;
  requestTime: number;
  chunks: [number, number][];
  ends?: true;
}

/**
 * Sent with `tabs.sendMessage`: `attach` to every frame of a watched tab (connect and say hello);
 * `http` to the one document whose EventSource made the request.
 */
export type BackgroundToTab =
  | Branded<{ type: 'attach' }>
  | Branded<{ type: 'http'; observation: HttpObservation }>
  | Branded<ByteBatchMessage>
  | Branded<ArrivalBatchMessage>
  | Branded<WorkerStreamMessage>
  | Branded<WorkerSeenMessage>
  | Branded<Adoption>
  /** The tab's replay rules changed (to every frame), or the user stepped one. */
  | Branded<{ type: 'replay' } & ReplayRules>
  | Branded<{ type: 'replay-step'; rule: string; step: ReplayStep }>;

export type PanelToBackground =
  | Branded<{ type: 'subscribe'; tabId: number; cursors: Record<string, number> }>
  | Branded<{ type: 'resync'; docId: string; after: number }>
  | Branded<{ type: 'attach' }>
  | Branded<{ type: 'ping' }>
  /** The user asked to see a connection's secrets (`conn` 0: every connection's of the document). */
  | Branded<{ type: 'reveal'; docId: string; conn: number }>
  /**
   * The user asked for a fault on a connection of the watched tab (network capture): `url` is the
   * connection's, as the panel has it (its secrets masked); `inject` the event an `inject` writes,
   * `ms` a hold's or a delay's length.
   */
  | Branded<{
      type: 'fault';
      docId: string;
      conn: number;
      url: string;
      fault: FaultKind;
      inject?: Injection;
      ms?: number;
      /** The connection is a replay rule's. */
      replayed?: true;
    }>
  /** The user changed the tab's replay rules (the whole list, checked by the worker before it is kept). */
  | Branded<{ type: 'replay-rules'; rules: unknown }>
  | Branded<{ type: 'replay-step'; rule: string; step: ReplayStep }>;

export type BackgroundToPanel =
  | Branded<{ type: 'doc'; doc: FrameDocument }>
  | Branded<RecordBatch>
  | Branded<{ type: 'doc-gone'; docId: string }>
  | Branded<{ type: 'attached'; reachable: boolean }>
  | Branded<RevealedSecrets>
  /** Live SSE connections per origin across every tab, when they change. */
  | Branded<{ type: 'origins'; counts: Record<string, number> }>
  /** The tab's replay rules, on subscribe and whenever they change; or why the last change was refused. */
  | Branded<{ type: 'replay-rules'; rules: ReplayRule[] }>
  | Branded<{ type: 'replay-refused'; problem: RuleProblem }>;

export type Unbranded<T> = T extends unknown ? Omit<T, 'brand' | 'v'> : never;

/** Adds the brand and version to a message body. */
export function message<T extends { brand: string }>(body: Unbranded<T>): T {
  return { ...body, brand: BRAND, v: MESSAGES_VERSION } as unknown as T;
}
