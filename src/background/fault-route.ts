/**
 * Where a panel's fault on a connection goes: to network capture (the debugger, stream filters),
 * which tells when it took effect; or, for a connection a replay rule answers, to its document's
 * relay, which records it and hands it to the page hook that plays the connection.
 */
import type { FaultDetails } from '../core/fault-details';
import type { FaultKind } from '../core/model';
import { type BackgroundToRelay, message } from '../messages/messages';

/** A panel asked for a fault on its tab's connection to `url`; `applied` once it took effect. */
export type AskFault = (
  tabId: number,
  url: string,
  fault: FaultKind,
  applied: () => void,
  details?: FaultDetails,
) => void;

export interface FaultAsked {
  tabId: number;
  conn: number;
  url: string;
  fault: FaultKind;
  details: FaultDetails;
}

export function routeFault(
  relay: () => { postMessage(msg: unknown): void } | undefined,
  askFault: AskFault,
  asked: FaultAsked,
): void {
  const { tabId, conn, url, fault, details } = asked;
  const { ms, inject, replayed } = details;
  const tell = (extra: object) =>
    relay()?.postMessage(message<BackgroundToRelay>({ type: 'fault', conn, fault, time: Date.now(), ms, ...extra }));
  if (replayed) tell({ replayed: true, inject });
  else askFault(tabId, url, fault, () => tell({}), details);
}
