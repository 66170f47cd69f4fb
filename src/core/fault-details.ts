/**
 * What the user gave a fault besides its kind: the event an `inject` writes; a hold's or a delay's
 * length; and whether the connection is a replay rule's (then the page hook, which plays it, acts).
 */
import type { Injection } from './injected-block';

export interface FaultDetails {
  inject?: Injection;
  ms?: number;
  replayed?: boolean;
}
