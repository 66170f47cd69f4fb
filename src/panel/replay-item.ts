/**
 * A connection's "Replay this stream…": the rule it makes (on, at the recorded pace), added to the
 * tab's rules, and the rules view opened on it; disabled, with the reason, when it makes none.
 */
import { signal } from '@preact/signals';
import type { ConnectionView } from '../core/store/views';
import type { CaptureConnection } from '../files/capture-file';
import { addressMasked, isNoRule, type NoRule, replayRuleFrom } from '../files/replay-from-capture';
import { newRuleId, replayRules } from '../ui/replay-rules';
import { t } from '../ui/text/catalogue';
import { NO_RULE_TEXT } from '../ui/text/replay';

/** Whether the panel shows the rules view. */
export const replayView = signal(false);

/** Told from the connection as the panel has it, without writing its file (a menu opens at once, whatever its size). */
function noRuleSeen(connection: ConnectionView): NoRule | undefined {
  if (addressMasked(connection.url)) return { noRule: 'masked' };
  const recorded = connection.events > 0 || connection.blocks.length > 0 || connection.chunks.length > 0;
  return recorded ? undefined : { noRule: 'empty' };
}

/** `file`: the connection as a capture file has it, written when the item is chosen. */
export function replayItem(connection: ConnectionView, file: () => CaptureConnection | undefined) {
  const label = t('menu_replay');
  const seen = noRuleSeen(connection);
  if (seen) return { id: 'replay', label, disabled: t(NO_RULE_TEXT[seen.noRule]), run: () => undefined };
  return {
    id: 'replay',
    label,
    run: () => {
      const recorded = file();
      const rule = recorded && replayRuleFrom(recorded, newRuleId());
      if (!rule || isNoRule(rule)) return;
      replayRules.add(rule);
      replayView.value = true;
    },
  };
}
