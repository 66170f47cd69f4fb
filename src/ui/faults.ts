/**
 * Faults the user puts on a live connection (network capture): what the browser can do, and the
 * panel's request for one, sent to the worker, which alone acts (a page can neither ask nor see).
 * Once a fault took effect, the connection's relay records it and the panel shows it as any record.
 */
import { FAULT_MS, type FaultDetails } from '../core/fault-details';
import type { FaultKind } from '../core/model';
import type { ConnectionView } from '../core/store/views';
import { type MessageKey, t } from './text/catalogue';

/** Asks the worker for a fault on a document's connection to `url`, with what the user gave it. */
export type AskForFault = (docId: string, conn: number, url: string, fault: FaultKind, details?: FaultDetails) => void;

/** Where the browser cannot do a fault faithfully, why (shown on the disabled control). */
const CANNOT: Record<'chrome' | 'firefox', Partial<Record<FaultKind, MessageKey>>> = {
  chrome: {
    drop: 'fault_chrome_no_drop',
    hold: 'fault_chrome_no_pacing',
    delay: 'fault_chrome_no_pacing',
    inject: 'fault_chrome_no_rewrite',
    'cut-mid-line': 'fault_chrome_no_rewrite',
    'split-char': 'fault_chrome_no_rewrite',
  },
  firefox: { 'fail-next': 'fault_firefox_no_fail', 'fail-204': 'fault_firefox_no_status' },
};

/** The faults that write into the live response, each browser listing them in this order. */
const REWRITES = ['inject', 'cut-mid-line', 'split-char'] as const;

/**
 * What each browser offers: Firefox's stream filters drop, hold, delay or rewrite a response, or
 * break the next reconnect; Chrome's debugger fails or answers a reconnect.
 */
const BUILT: Record<'chrome' | 'firefox', readonly FaultKind[]> = {
  chrome: ['drop', 'hold', 'delay', ...REWRITES, 'fail-next', 'fail-204', 'fail-404', 'fail-500', 'wrong-type'],
  firefox: ['drop', 'hold', 'delay', ...REWRITES, 'fail-next', 'cut-next', 'fail-204'],
};

/**
 * A connection a replay rule answers is played by the page hook, so every fault is done faithfully
 * in both browsers, network capture or not; the reconnect faults are an EventSource's.
 */
const ON_REPLAYED: Record<'eventsource' | 'stream', readonly FaultKind[]> = {
  eventsource: [
    'drop',
    'hold',
    'delay',
    ...REWRITES,
    'fail-next',
    'cut-next',
    'fail-204',
    'fail-404',
    'fail-500',
    'wrong-type',
  ],
  stream: ['drop', 'hold', 'delay', ...REWRITES],
};

/** Each fault's words: its menu item, and its lifecycle row once it took effect. */
export const FAULT_TEXT: Record<FaultKind, { menu: MessageKey; lifecycle: MessageKey }> = {
  drop: { menu: 'menu_fault_drop', lifecycle: 'lifecycle_fault_drop' },
  'fail-next': { menu: 'menu_fault_fail_next', lifecycle: 'lifecycle_fault_fail_next' },
  'fail-204': { menu: 'menu_fault_fail_204', lifecycle: 'lifecycle_fault_fail_204' },
  'fail-404': { menu: 'menu_fault_fail_404', lifecycle: 'lifecycle_fault_fail_404' },
  'fail-500': { menu: 'menu_fault_fail_500', lifecycle: 'lifecycle_fault_fail_500' },
  'wrong-type': { menu: 'menu_fault_wrong_type', lifecycle: 'lifecycle_fault_wrong_type' },
  'cut-next': { menu: 'menu_fault_cut_next', lifecycle: 'lifecycle_fault_cut_next' },
  hold: { menu: 'menu_fault_hold', lifecycle: 'lifecycle_fault_hold' },
  delay: { menu: 'menu_fault_delay', lifecycle: 'lifecycle_fault_delay' },
  inject: { menu: 'menu_fault_inject', lifecycle: 'lifecycle_fault_inject' },
  'cut-mid-line': { menu: 'menu_fault_cut_mid_line', lifecycle: 'lifecycle_fault_cut_mid_line' },
  'split-char': { menu: 'menu_fault_split_char', lifecycle: 'lifecycle_fault_split_char' },
};

/** A fault's lifecycle words, with the length a hold or a delay had. */
export function faultWords(fault: FaultKind, ms: number | undefined): string {
  const key = FAULT_TEXT[fault].lifecycle;
  if (fault === 'hold') return t(key, { seconds: formatSeconds((ms ?? FAULT_MS.hold.standard) / 1000) });
  if (fault === 'delay') return t(key, { ms: String(ms ?? FAULT_MS.delay.standard) });
  return t(key);
}

const formatSeconds = (s: number) => String(Math.round(s * 10) / 10);

export interface FaultControl {
  fault: FaultKind;
  /** Why it cannot be used now, if it cannot. */
  disabled?: MessageKey;
}

/** The fault controls of a connection, each with why it is disabled where it is. */
export function faultControls(
  connection: ConnectionView,
  browser: 'chrome' | 'firefox',
  networkCapture: boolean,
): FaultControl[] {
  // Firefox's worker plays it into the browser's own EventSource: the page hook cannot break it.
  if (connection.replay?.native) return BUILT[browser].map((fault) => ({ fault, disabled: 'fault_native_replay' }));
  if (connection.replay)
    return ON_REPLAYED[connection.kind === 'eventsource' ? 'eventsource' : 'stream'].map((fault) => ({ fault }));
  return BUILT[browser].map((fault): FaultControl => {
    const cannot = CANNOT[browser][fault];
    if (cannot) return { fault, disabled: cannot };
    if (connection.kind !== 'eventsource' || connection.worker) return { fault, disabled: 'fault_not_eventsource' };
    if (!networkCapture) return { fault, disabled: 'fault_needs_network' };
    return { fault };
  });
}

export function createFaultLine() {
  let send: AskForFault | undefined;
  return {
    connect(to: AskForFault): void {
      send = to;
    },
    ask(connection: ConnectionView, fault: FaultKind, details?: FaultDetails): void {
      const conn = Number(connection.key.slice(connection.docId.length + 1));
      send?.(
        connection.docId,
        conn,
        connection.url,
        fault,
        connection.replay ? { ...details, replayed: true } : details,
      );
    },
  };
}
