/**
 * Each tab's replay rules, as its panel set them: kept in session storage (one key per tab, gone
 * when the tab closes or the browser quits; pages' scripts cannot read it), checked whole before
 * they are kept, and told to whoever acts on them — the tab's documents (the rules that are on),
 * its panels (all of them), and the toolbar (how many are on). A rule never reaches another tab.
 */
import { checkRules, isRuleProblem, type ReplayRule, type RuleProblem } from '../core/replay-rule';
import {
  type BackgroundToPanel,
  message,
  type PanelToBackground,
  type ReplayStep,
  type Unbranded,
} from '../messages/messages';
import type { SummaryStorage } from './tab-summaries';

const KEY_PREFIX = 'replay/';
const keyOf = (tabId: number) => `${KEY_PREFIX}${tabId}`;

export interface ReplayOutlets {
  /** To every document of the tab: the rules that are on. */
  toTab(tabId: number, rules: ReplayRule[]): void;
  /** To the tab's panels: every rule. */
  toPanels(tabId: number, rules: ReplayRule[]): void;
  /** How many rules are on in the tab. */
  badge(tabId: number, on: number): void;
  /** To every document of the tab: the user's step for a rule. */
  stepTab(tabId: number, rule: string, step: ReplayStep): void;
}

/** Where a panel's replay rules go: what it asks for its tab, and the rules as it subscribes (the router's view). */
export interface ReplayLine {
  fromPanel(tabId: number, msg: ReplayAsk, reply: (msg: BackgroundToPanel) => void): void;
  subscribed(tabId: number, reply: (msg: BackgroundToPanel) => void): void;
}
type ReplayAsk = Extract<Unbranded<PanelToBackground>, { type: 'replay-rules' | 'replay-step' }>;

export const rulesOn = (rules: readonly ReplayRule[]) => rules.filter((rule) => rule.on);

export class ReplayRules implements ReplayLine {
  private readonly tabs = new Map<number, ReplayRule[]>();
  private readonly ready: Promise<void>;

  constructor(
    private readonly storage: Pick<SummaryStorage, 'get' | 'set' | 'remove'>,
    private readonly outlets: ReplayOutlets,
  ) {
    // A restarted worker learns every tab's rules again (and the badges, which outlive it, agree).
    this.ready = storage
      .get(null)
      .then((stored) => {
        for (const [key, value] of Object.entries(stored)) {
          const tabId = key.startsWith(KEY_PREFIX) ? Number(key.slice(KEY_PREFIX.length)) : Number.NaN;
          const rules = checkRules(value);
          if (Number.isSafeInteger(tabId) && !isRuleProblem(rules)) this.tabs.set(tabId, rules);
        }
      })
      .catch(() => undefined);
  }

  async rules(tabId: number): Promise<ReplayRule[]> {
    await this.ready;
    return this.tabs.get(tabId) ?? [];
  }

  /** How many rules are on, per tab that has any. */
  async replaying(): Promise<Map<number, number>> {
    await this.ready;
    const counts = new Map<number, number>();
    for (const [tabId, rules] of this.tabs) if (rulesOn(rules).length > 0) counts.set(tabId, rulesOn(rules).length);
    return counts;
  }

  /** The tab's rules become `raw`, if it checks; otherwise nothing changes and the problem is the answer. */
  async set(tabId: number, raw: unknown): Promise<ReplayRule[] | RuleProblem> {
    await this.ready;
    const rules = checkRules(raw);
    if (isRuleProblem(rules)) return rules;
    if (rules.length === 0) {
      this.tabs.delete(tabId);
      await this.storage.remove([keyOf(tabId)]).catch(() => undefined);
    } else {
      this.tabs.set(tabId, rules);
      await this.storage.set({ [keyOf(tabId)]: rules }).catch(() => undefined);
    }
    this.outlets.toTab(tabId, rulesOn(rules));
    this.outlets.toPanels(tabId, rules);
    this.outlets.badge(tabId, rulesOn(rules).length);
    return rules;
  }

  fromPanel(tabId: number, msg: ReplayAsk, reply: (msg: BackgroundToPanel) => void): void {
    if (msg.type === 'replay-step') {
      void this.rules(tabId).then((rules) => {
        if (rules.some((rule) => rule.id === msg.rule && rule.on)) this.outlets.stepTab(tabId, msg.rule, msg.step);
      });
      return;
    }
    void this.set(tabId, msg.rules).then((answer) => {
      if (isRuleProblem(answer)) reply(message<BackgroundToPanel>({ type: 'replay-refused', problem: answer }));
    });
  }

  subscribed(tabId: number, reply: (msg: BackgroundToPanel) => void): void {
    void this.rules(tabId).then((rules) => reply(message<BackgroundToPanel>({ type: 'replay-rules', rules })));
  }

  /** The tab closed: its rules go with it. */
  async forget(tabId: number): Promise<void> {
    await this.ready;
    this.tabs.delete(tabId);
    await this.storage.remove([keyOf(tabId)]).catch(() => undefined);
  }
}
