/** The worker's replay rules per tab, and the badge that says a tab is replaying. */
import { expect, test } from '@playwright/test';
import { Badges } from '../../src/background/badges';
import { ReplayRules } from '../../src/background/replay-rules';
import type { ReplayRule } from '../../src/core/replay-rule';

const rule = (id: string, on = true): ReplayRule => ({
  id,
  name: id,
  on,
  match: `http://a.test/${id}`,
  pace: 'x1',
  responses: [{ status: 200, contentType: 'text/event-stream', chunks: [{ at: 0, text: 'data: 1\n\n' }] }],
});

function memory(initial: Record<string, unknown> = {}) {
  const items: Record<string, unknown> = { ...initial };
  return {
    items,
    get: async () => ({ ...items }),
    set: async (more: Record<string, unknown>) => {
      Object.assign(items, more);
    },
    remove: async (keys: string[]) => {
      for (const key of keys) delete items[key];
    },
  };
}

function outlets() {
  const told: string[] = [];
  return {
    told,
    toTab: (tabId: number, rules: ReplayRule[]) => told.push(`tab ${tabId}: ${rules.map((r) => r.id)}`),
    toPanels: (tabId: number, rules: ReplayRule[]) => told.push(`panels ${tabId}: ${rules.map((r) => r.id)}`),
    badge: (tabId: number, on: number) => told.push(`badge ${tabId}: ${on}`),
    stepTab: (tabId: number, id: string, step: string) => told.push(`step ${tabId}: ${id} ${step}`),
  };
}

test('rules are kept per tab and told to its documents (those on), panels and badge; a bad list changes nothing', async () => {
  const storage = memory();
  const out = outlets();
  const rules = new ReplayRules(storage, out);
  expect(await rules.set(3, [rule('a'), rule('b', false)])).toHaveLength(2);
  expect(out.told).toEqual(['tab 3: a', 'panels 3: a,b', 'badge 3: 1']);
  expect(storage.items).toEqual({ 'replay/3': [rule('a'), rule('b', false)] });
  expect(await rules.set(3, [{ ...rule('a'), pace: 'warp' }])).toEqual({
    problem: 'bad-field',
    rule: 0,
    field: 'pace',
  });
  expect(await rules.rules(3)).toEqual([rule('a'), rule('b', false)]);
  expect(await rules.rules(4)).toEqual([]);
  // A step for a rule that is off, or of another tab, goes nowhere.
  rules.fromPanel(3, { type: 'replay-step', rule: 'b', step: 'next' }, () => undefined);
  rules.fromPanel(4, { type: 'replay-step', rule: 'a', step: 'next' }, () => undefined);
  rules.fromPanel(3, { type: 'replay-step', rule: 'a', step: 'next' }, () => undefined);
  await expect.poll(() => out.told.filter((line) => line.startsWith('step'))).toEqual(['step 3: a next']);
  await rules.forget(3);
  expect(storage.items).toEqual({});
  expect(await rules.rules(3)).toEqual([]);
});

test('a restarted worker reads every tab’s rules back, leaving out what does not check', async () => {
  const storage = memory({ 'replay/5': [rule('x')], 'replay/6': 'junk', 'summary/5': {} });
  const rules = new ReplayRules(storage, outlets());
  expect(await rules.rules(5)).toEqual([rule('x')]);
  expect(await rules.rules(6)).toEqual([]);
  expect([...(await rules.replaying())]).toEqual([[5, 1]]);
});

test('the badge counts live connections, and says ▶ in red while a rule is on', async () => {
  const calls: string[] = [];
  const action = {
    setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => {
      calls.push(`${tabId} text ${text}`);
    },
    setBadgeBackgroundColor: async ({ tabId, color }: { tabId: number; color: string }) => {
      calls.push(`${tabId} color ${color}`);
    },
    setTitle: async ({ tabId, title }: { tabId: number; title: string | null }) => {
      calls.push(`${tabId} title ${title}`);
    },
  };
  const badges = new Badges(action, (n) => `replaying ${n}`);
  badges.open(1, 2);
  badges.replaying(1, 3);
  badges.open(1, 0);
  badges.replaying(1, 0);
  expect(calls).toEqual([
    '1 text 2',
    '1 color #1a73e8',
    '1 text ▶2',
    '1 color #c5221f',
    '1 title replaying 3',
    '1 text ▶',
    '1 color #c5221f',
    '1 text ',
    '1 color #1a73e8',
    '1 title null',
  ]);
});
