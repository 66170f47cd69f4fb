/**
 * The inspected tab's replay rules as the panel (or the popup) knows them: the worker's list, as it
 * last told it, and the user's changes, each sent whole to the worker, which checks and keeps them.
 * The list shown is always the worker's: a change shows once the worker told it back, and a
 * refused one leaves the list as it was, with the reason. One per page: the rules are the tab's, the
 * same whichever capture (live or imported) the panel shows.
 */
import { computed, signal } from '@preact/signals';
import type { ReplayRule, RuleProblem } from '../core/replay-rule';
import type { ReplayStep } from '../messages/messages';

export interface ReplayLine {
  /** The whole new list of the tab's rules. */
  rules(rules: ReplayRule[]): void;
  step(rule: string, step: ReplayStep): void;
}

function createReplayRules() {
  const rules = signal<readonly ReplayRule[]>([]);
  const refused = signal<RuleProblem | undefined>(undefined);
  /** Whether the worker told this page the tab's rules yet. */
  const known = signal(false);
  let line: ReplayLine | undefined;
  const change = (next: ReplayRule[]) => {
    refused.value = undefined;
    line?.rules(next);
  };
  return {
    rules,
    refused,
    known,
    /** How many rules are on. */
    on: computed(() => rules.value.filter((rule) => rule.on).length),
    connect(to: ReplayLine): void {
      line = to;
    },
    /** The worker's list (on subscribe, and after every change it kept). */
    received(list: ReplayRule[]): void {
      rules.value = list;
      known.value = true;
    },
    refusedWith(problem: RuleProblem): void {
      refused.value = problem;
    },
    add(rule: ReplayRule): void {
      change([...rules.value, rule]);
    },
    /** The rule with this id becomes `rule`. */
    update(rule: ReplayRule): void {
      change(rules.value.map((old) => (old.id === rule.id ? rule : old)));
    },
    remove(id: string): void {
      change(rules.value.filter((rule) => rule.id !== id));
    },
    step(rule: string, step: ReplayStep): void {
      line?.step(rule, step);
    },
  };
}

export const replayRules = createReplayRules();

/** A random id for a new rule. */
export const newRuleId = (): string => crypto.randomUUID();
