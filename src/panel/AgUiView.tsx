/** An AG-UI run beside its answer: thread and run, steps, the state after its patches and each change, the messages snapshot, the result. */

import type { AgUiRun, StateChange } from '../core/llm/agui-run';
import { type MessageKey, t } from '../ui/text/catalogue';
import { formatOffset } from '../ui/text/format';
import { CopyButton } from './CopyButton';

const PATCH_FAILED: Record<NonNullable<StateChange['failed']>['kind'], MessageKey> = {
  invalid: 'agui_patch_invalid',
  missing: 'agui_patch_missing',
  'test-failed': 'agui_patch_test_failed',
};

const pretty = (value: unknown) => JSON.stringify(value, null, 2) ?? '';

function changeText(change: StateChange): string {
  if (change.kind === 'snapshot') return t('agui_change_snapshot');
  const ops = change.ops.map((o) => (o.from === undefined ? `${o.op} ${o.path}` : `${o.op} ${o.from} → ${o.path}`));
  const text = t('agui_change_delta', { ops: ops.join(', ') });
  if (!change.failed) return text;
  return `${text} ${t('agui_change_failed', { index: change.failed.index, why: t(PATCH_FAILED[change.failed.kind]) })}`;
}

export function AgUiView({ run, since }: { run: AgUiRun; since: number }) {
  return (
    <div class="agent-run" data-agui>
      {(run.threadId !== undefined || run.runId !== undefined) && (
        <p class="note" data-agui-run>
          {t('agui_run', { thread: run.threadId ?? '–', run: run.runId ?? '–' })}
        </p>
      )}
      {run.steps.length > 0 && (
        <p class="note" data-agui-steps>
          {t('agui_steps', { steps: run.steps.map((s) => s.name).join(' → ') })}
        </p>
      )}
      <section data-agui-state>
        <h4>
          {t('agui_state')}
          {run.state !== undefined && (
            <CopyButton name="state" label={t('copy_state')} text={() => pretty(run.state)} />
          )}
        </h4>
        {run.state === undefined ? (
          <p class="muted">{t('agui_no_state')}</p>
        ) : (
          <pre class="data" data-agui-state-json>
            {pretty(run.state)}
          </pre>
        )}
        {run.changes.length > 0 && (
          <ol class="agent-list">
            {run.changes.map((change, i) => (
              <li key={i} data-agui-change={i} class={change.failed ? 'warn' : undefined}>
                <span class="muted">{formatOffset(since, change.time)}</span> {changeText(change)}
              </li>
            ))}
          </ol>
        )}
      </section>
      {run.messages !== undefined && (
        <details data-agui-messages>
          <summary>{t('agui_messages', { count: run.messages.length })}</summary>
          <pre class="data">{pretty(run.messages)}</pre>
        </details>
      )}
      {run.result !== undefined && (
        <section data-agui-result>
          <h4>{t('agui_result')}</h4>
          <pre class="data">{run.result}</pre>
        </section>
      )}
    </div>
  );
}
