/**
 * Settings kept in the extension's storage that the relay and the worker follow: the user's cap on
 * what one page keeps, and the tabs network capture is on for.
 */
import { LIMITS } from './limits';

/** The user's cap on what one page keeps, in MiB of text (`storage.local`), and its bounds. */
export const CAPTURE_CAP = {
  key: 'captureCapMiB',
  defaultMiB: LIMITS.documentChars / 2 ** 20,
  minMiB: 1,
  maxMiB: 4096,
} as const;

/**
 * Network capture, per tab (`storage.session`: the ids of the tabs it is on for; off by default):
 * what the network delivered to EventSources, read by the worker through Firefox's stream filters
 * or Chrome's debugger (src/background/network-capture/, one implementation per browser) while a
 * panel watches the tab.
 */
export const NETWORK_CAPTURE = { key: 'networkCapture', area: 'session' } as const;

export function capChars(mib: unknown): number {
  const value = Number(mib);
  if (!Number.isFinite(value)) return LIMITS.documentChars;
  return Math.round(Math.min(CAPTURE_CAP.maxMiB, Math.max(CAPTURE_CAP.minMiB, value)) * 2 ** 20);
}
