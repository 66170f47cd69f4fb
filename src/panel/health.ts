/**
 * The health checks' findings for every connection shown, worked out once per store change or
 * clock tick and shared by the connection list, the toolbar and the Insights tab.
 */
import type { Finding, Severity } from '../core/insights/finding';
import { findingsByConnection } from '../core/insights/rules';
import type { ConnectionView } from '../core/store/views';
import type { PanelStore } from '../ui/store';

let last:
  | {
      store: PanelStore;
      version: number;
      now: number;
      elsewhere: ReadonlyMap<string, number>;
      findings: Map<ConnectionView, Finding[]>;
    }
  | undefined;

export function healthOf(store: PanelStore, now: number): Map<ConnectionView, Finding[]> {
  const version = store.version.value;
  const elsewhere = store.originCounts.value;
  if (last && last.store === store && last.version === version && last.now === now && last.elsewhere === elsewhere)
    return last.findings;
  const findings = findingsByConnection(store.capture.connections, now, elsewhere);
  last = { store, version, now, elsewhere, findings };
  return findings;
}

export const SEVERITY_MARK: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };
const ORDER: Severity[] = ['error', 'warning', 'info'];

/** Counts by severity, worst first, as `✖ 1 ⚠ 2`. */
export function severityCounts(findings: readonly Finding[]): { severity: Severity; count: number }[] {
  return ORDER.map((severity) => ({ severity, count: findings.filter((f) => f.severity === severity).length })).filter(
    (entry) => entry.count > 0,
  );
}
