/**
 * Network capture, one interface for both browsers: what the network delivered to a watched tab's
 * streams, which no page API exposes. Chrome reads it through the debugger (`chrome/`), Firefox
 * through stream filters (`firefox/`); the worker's entry picks the one its browser has. Both send a
 * response's bytes (message `bytes`) to the document that made the request, under the id of
 * webRequest's HTTP observation of it, and a worker's streams to the tab's top frame.
 */
import type { FaultDetails } from '../../core/fault-details';
import type { FaultKind } from '../../core/model';
import type { BackgroundToTab, ByteBatchMessage, Unbranded, WorkerInfo } from '../../messages/messages';
import type { RequestFollower } from '../http-observer';
import type { Recipient } from '../tab-messages';

export interface NetworkCapture {
  /** What it follows through the HTTP observer's webRequest listeners. */
  readonly requests: RequestFollower;
  /**
   * A panel started or stopped watching this tab: `watched` are the tabs panels watch now, `on`
   * those network capture is on for (in the setting's order).
   */
  follow(tabId: number, watched: ReadonlySet<number>, on: ReadonlySet<number>): void;
  /** The tabs network capture is on for changed. */
  update(watched: ReadonlySet<number>, on: ReadonlySet<number>): void;
  /** A page's hook said it started a worker (the browser accepted it); `on` as in `follow`. */
  workerStarted(tabId: number, worker: WorkerInfo, on: ReadonlySet<number>): void;
  /**
   * The panel of a tab network capture is on for asked for a fault on the tab's connection to
   * `url` (as the panel has it: its secrets masked); `applied` once it took effect; `details` what
   * the user gave it (an `inject`'s event, a hold's or a delay's length). False when this browser cannot do it or no such connection is live.
   */
  fault(tabId: number, url: string, fault: FaultKind, applied: () => void, details?: FaultDetails): boolean;
  /** For tests and diagnostics. */
  state(): CaptureState;
}

export interface CaptureState {
  /** Responses read through stream filters now (Firefox). */
  active: number;
  /** Tabs the debugger is attached to, and shared workers attached with their tabs (Chrome). */
  debugging: number[];
  sharedWorkers: { tabId: number; url: string }[];
  /** Faults armed for a tab's next request, waiting for it. */
  faultsWaiting: number;
}

/** A batch of one request's chunks for its document; `ends` once the response is over. */
export type ByteBatch = Omit<ByteBatchMessage, 'type'>;

/** How network capture reaches a tab's documents. */
export interface CaptureOutlets {
  /** A response's bytes, for the document that made the request; resolves to whether it wants them. */
  bytes(to: Recipient, batch: ByteBatch): Promise<boolean>;
  /** Arrival times, worker streams and workers seen, for the top frame's relay. */
  toTab(to: Recipient, message: Unbranded<BackgroundToTab>): void;
}
