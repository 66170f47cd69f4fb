/**
 * What the user gave a fault besides its kind: the event an `inject` writes; a hold's or a delay's
 * length; and whether the connection is a replay rule's (then the page hook, which plays it, acts).
 */
import type { Injection } from './injected-block';
import type { FaultKind } from './model';

export interface FaultDetails {
  inject?: Injection;
  ms?: number;
  replayed?: boolean;
}

/** How long a hold or a delay may be, in ms: what the user chooses, and what a file may say. */
export const FAULT_MS = {
  hold: { min: 100, max: 60_000, standard: 5000 },
  delay: { min: 10, max: 10_000, standard: 500 },
};

/** Whether a fault kind takes an amount (`ms`), and whether `ms` is one it may take. */
export function faultMsFits(fault: FaultKind, ms: unknown): boolean {
  if (fault !== 'hold' && fault !== 'delay') return ms === undefined;
  const range = FAULT_MS[fault];
  return typeof ms === 'number' && Number.isInteger(ms) && ms >= range.min && ms <= range.max;
}

/** Files written before a hold and a delay took the user's amount named them with it. */
export const LEGACY_FAULTS: Record<string, { fault: FaultKind; ms: number }> = {
  'hold-5s': { fault: 'hold', ms: 5000 },
  'delay-500ms': { fault: 'delay', ms: 500 },
};
