/**
 * The health checks' findings for every connection shown, worked out once per store change or
 * clock tick and shared by the connection list, the toolbar and the Insights tab.
 */
import { type Messages, t, words } from '../core/i18n';
import { type Finding, findingsByConnection, RULES, type RuleId, type Severity } from '../core/insights/rules';
import type { ConnectionView } from '../core/store/views';
import type { PanelStore } from '../ui/store';

let last:
  | {
      store: PanelStore;
      version: number;
      now: number;
      elsewhere: ReadonlyMap<string, number>;
      /** Findings are written in the language of their day. */
      messages: Messages;
      findings: Map<ConnectionView, Finding[]>;
    }
  | undefined;

export function healthOf(store: PanelStore, now: number): Map<ConnectionView, Finding[]> {
  const version = store.version.value;
  const elsewhere = store.originCounts.value;
  const messages = words();
  if (
    last &&
    last.store === store &&
    last.version === version &&
    last.now === now &&
    last.elsewhere === elsewhere &&
    last.messages === messages
  )
    return last.findings;
  const findings = findingsByConnection(store.capture.connections, now, elsewhere);
  last = { store, version, now, elsewhere, messages, findings };
  return findings;
}

const TITLES = new Map(RULES.map((rule) => [rule.id, rule.title]));

/** A health check's title, in the UI's language. */
export function ruleTitle(id: RuleId): string {
  const key = TITLES.get(id);
  return key === undefined ? id : t(key);
}

export const SEVERITY_MARK: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };
const ORDER: Severity[] = ['error', 'warning', 'info'];

/** Counts by severity, worst first, as `✖ 1 ⚠ 2`. */
export function severityCounts(findings: readonly Finding[]): { severity: Severity; count: number }[] {
  return ORDER.map((severity) => ({ severity, count: findings.filter((f) => f.severity === severity).length })).filter(
    (entry) => entry.count > 0,
  );
}
