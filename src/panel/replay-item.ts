/**
 * A connection's "Replay this stream…": the rule it makes (on, at the recorded pace), added to the
 * tab's rules, and the rules view opened on it; disabled, with the reason, when it makes none.
 */
import { signal } from '@preact/signals';
import type { CaptureConnection } from '../files/capture-file';
import { isNoRule, replayRuleFrom } from '../files/replay-from-capture';
import { newRuleId, replayRules } from '../ui/replay-rules';
import { t } from '../ui/text/catalogue';
import { NO_RULE_TEXT } from '../ui/text/replay';

/** Whether the panel shows the rules view. */
export const replayView = signal(false);

export function replayItem(connection: CaptureConnection | undefined) {
  const rule = connection ? replayRuleFrom(connection, newRuleId()) : ({ noRule: 'empty' } as const);
  const label = t('menu_replay');
  if (isNoRule(rule)) return { id: 'replay', label, disabled: t(NO_RULE_TEXT[rule.noRule]), run: () => undefined };
  return {
    id: 'replay',
    label,
    run: () => {
      replayRules.add(rule);
      replayView.value = true;
    },
  };
}
