/** One tool call of an answer: its name, id and kind, its arguments as pretty JSON (or why they are not), its result. */

import { formatDuration } from '../core/format';
import { readArgs } from '../core/llm/answer-state';
import type { ToolCall } from '../core/llm/response';
import { CopyButton } from './CopyButton';

export function ToolCallView({ call, index, duration }: { call: ToolCall; index: number; duration: number }) {
  const args = readArgs(call.args);
  return (
    <div class="tool-call" data-tool-call={index}>
      <div class="tool-head">
        <strong data-tool-name>{call.name ?? '(unnamed tool)'}</strong>
        {call.id !== undefined && <span data-tool-id>id {call.id}</span>}
        {call.kind !== undefined && <span class="muted">{call.kind}</span>}
        <span class="muted" data-tool-duration>
          arguments in {formatDuration(duration)}
        </span>
        <CopyButton
          name={`tool-args-${index}`}
          label="Copy arguments"
          text={() => ('pretty' in args ? args.pretty : call.args)}
        />
      </div>
      {'error' in args ? (
        <>
          <p class="warn" data-tool-invalid>
            The arguments are not valid JSON ({args.error}); as streamed:
          </p>
          <pre class="data">{call.args}</pre>
        </>
      ) : (
        <pre class="data" data-tool-args>
          {args.pretty === '' ? '(no arguments)' : args.pretty}
        </pre>
      )}
      {call.result !== undefined && (
        <>
          <p class={call.resultError ? 'warn' : 'muted'} data-tool-result-label>
            {call.resultError ? 'The tool failed:' : 'Result:'}
          </p>
          <pre class="data" data-tool-result>
            {call.result}
          </pre>
        </>
      )}
    </div>
  );
}
