/** What the user gave a fault besides its kind: the event an `inject` writes; a hold's or a delay's length. */
import type { Injection } from './injected-block';

export interface FaultDetails {
  inject?: Injection;
  ms?: number;
}
