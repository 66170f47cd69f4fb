/** One tool call of an answer: its name, id and kind, its arguments as pretty JSON (or why they are not), its result. */

import { readArgs } from '../core/llm/answer-state';
import type { ToolCall } from '../core/llm/response';
import { t } from '../ui/text/catalogue';
import { formatDuration } from '../ui/text/format';
import { CopyButton } from './CopyButton';

export function ToolCallView({ call, index, duration }: { call: ToolCall; index: number; duration: number }) {
  const args = readArgs(call.args);
  return (
    <div class="tool-call" data-tool-call={index}>
      <div class="tool-head">
        <strong data-tool-name>{call.name ?? t('tool_unnamed')}</strong>
        {call.id !== undefined && <span data-tool-id>{t('detail_id', { id: call.id })}</span>}
        {call.kind !== undefined && <span class="muted">{call.kind}</span>}
        <span class="muted" data-tool-duration>
          {t('tool_arguments_in', { duration: formatDuration(duration) })}
        </span>
        <CopyButton
          name={`tool-args-${index}`}
          label={t('copy_arguments')}
          text={() => ('pretty' in args ? args.pretty : call.args)}
        />
      </div>
      {'error' in args ? (
        <>
          <p class="warn" data-tool-invalid>
            {t('tool_invalid_arguments', { error: args.error })}
          </p>
          <pre class="data">{call.args}</pre>
        </>
      ) : (
        <pre class="data" data-tool-args>
          {args.pretty === '' ? t('tool_no_arguments') : args.pretty}
        </pre>
      )}
      {call.result !== undefined && (
        <>
          <p class={call.resultError ? 'warn' : 'muted'} data-tool-result-label>
            {call.resultError ? t('tool_failed') : t('tool_result')}
          </p>
          <pre class="data" data-tool-result>
            {call.result}
          </pre>
        </>
      )}
    </div>
  );
}
