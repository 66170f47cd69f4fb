/**
 * The replay rules view: the tab's rules as the worker keeps them, one row each, the editor of the
 * one being edited, and why the worker refused the last change, if it did.
 */
import { useState } from 'preact/hooks';
import type { ConnectionView } from '../core/store/views';
import { replayRules } from '../ui/replay-rules';
import { t } from '../ui/text/catalogue';
import { ruleProblemText } from '../ui/text/replay';
import { ReplayRuleEditor } from './ReplayRuleEditor';
import { ReplayRuleRow } from './ReplayRuleRow';
import { replayView } from './replay-item';

/** `connections`: the inspected tab's, that a pattern's live check counts. */
export function ReplayRules({ connections }: { connections: readonly ConnectionView[] }) {
  const rules = replayRules.rules.value;
  const refused = replayRules.refused.value;
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const edited = rules.find((rule) => rule.id === editing);
  return (
    <section class="replay-rules" aria-label={t('replay_view_label')} data-replay-rules>
      <header>
        <strong>{t('replay_view_label')}</strong>
        <span class="spacer" />
        <button
          type="button"
          class="icon"
          data-action="close-replay-rules"
          title={t('replay_view_close')}
          onClick={() => (replayView.value = false)}
        >
          ✕
        </button>
      </header>
      {refused && (
        <p class="warn" role="alert" data-replay-refused>
          {ruleProblemText(refused)}
        </p>
      )}
      {rules.length === 0 ? (
        <p class="note" data-replay-none>
          {t('replay_none')}
        </p>
      ) : (
        <ul class="rule-list">
          {rules.map((rule) => (
            <ReplayRuleRow
              key={rule.id}
              rule={rule}
              connections={connections}
              editing={rule.id === editing}
              onEdit={() => setEditing(rule.id === editing ? undefined : rule.id)}
            />
          ))}
        </ul>
      )}
      {edited && <ReplayRuleEditor key={edited.id} rule={edited} onClose={() => setEditing(undefined)} />}
    </section>
  );
}
