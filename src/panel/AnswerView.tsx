/**
 * What the model did in a recognised LLM or tool stream: the answer, the reasoning (apart,
 * collapsible), each tool call, citations, why it stopped, usage, in-band errors and timing, and
 * which events were used. Everything shown is the page's data, rendered as text.
 */

import { formatDuration } from '../core/format';
import { answerState } from '../core/llm/answer-state';
import type { LlmResponse } from '../core/llm/response';
import { timingOf } from '../core/llm/timing';
import type { ConnectionView } from '../core/store/views';
import { CopyButton } from './CopyButton';
import { McpView } from './McpView';
import { PROTOCOL_NAMES } from './protocol-names';
import { ToolCallView } from './ToolCallView';

const STATE_TEXT = {
  streaming: 'streaming…',
  complete: 'complete',
  'cut-short': 'cut short by an error',
  unfinished: 'ended before the protocol said it was done',
} as const;

const ended = (c: ConnectionView) =>
  c.state === 'failed' || c.state === 'closed' || c.endReason !== undefined || c.gone;

export function AnswerView({ connection, response }: { connection: ConnectionView; response: LlmResponse }) {
  const state = answerState(response, ended(connection));
  const timing = timingOf(response, connection.createdAt);
  const usage = response.usage;
  const unused = Object.entries(response.unusedTypes);
  return (
    <div class="response" data-state={state}>
      <p class="note" data-response-protocol={response.protocol}>
        <strong>{PROTOCOL_NAMES[response.protocol]}</strong>
        {response.dialect !== undefined && ` (${response.dialect})`}
        {response.model !== undefined && (
          <>
            {' · model '}
            <span data-response-model>{response.model}</span>
          </>
        )}
        {' · '}
        <span data-response-state class={state === 'cut-short' || state === 'unfinished' ? 'warn' : undefined}>
          {STATE_TEXT[state]}
        </span>
        {response.finish !== undefined && (
          <>
            {' · stop reason '}
            <span data-response-finish>{response.finish}</span>
          </>
        )}
      </p>
      {response.errors.map((error, i) => (
        <p key={i} class="warn response-error" data-response-error={i}>
          The stream reported an error{error.code !== undefined ? ` (${error.code})` : ''}: {error.message}. The answer
          was cut short.
        </p>
      ))}
      <dl class="response-facts" data-response-timing>
        <dt>First token</dt>
        <dd data-fact="first-token">{timing.firstToken === undefined ? '–' : formatDuration(timing.firstToken)}</dd>
        <dt>Speed</dt>
        <dd
          data-fact="speed"
          title={
            timing.estimated
              ? 'Estimated from the text, about 4 characters a token'
              : 'From the usage the provider reported'
          }
        >
          {timing.tokensPerSecond === undefined
            ? '–'
            : `${timing.tokensPerSecond.toFixed(1)} tokens/s${timing.estimated ? ' (estimated)' : ''}`}
        </dd>
        {timing.reasoning !== undefined && (
          <>
            <dt>Reasoning</dt>
            <dd data-fact="reasoning-time">{formatDuration(timing.reasoning)}</dd>
          </>
        )}
        {timing.answer !== undefined && (
          <>
            <dt>Answer</dt>
            <dd data-fact="answer-time">{formatDuration(timing.answer)}</dd>
          </>
        )}
        <dt>Tokens</dt>
        <dd data-fact="usage">
          {usage
            ? [
                usage.input !== undefined && `${usage.input.toLocaleString('en-US')} in`,
                usage.output !== undefined && `${usage.output.toLocaleString('en-US')} out`,
                usage.reasoning !== undefined && `${usage.reasoning.toLocaleString('en-US')} reasoning`,
                usage.cached !== undefined && `${usage.cached.toLocaleString('en-US')} cached`,
                usage.total !== undefined && `${usage.total.toLocaleString('en-US')} total`,
              ]
                .filter(Boolean)
                .join(' · ')
            : 'not reported'}
        </dd>
      </dl>
      {response.reasoning !== '' && (
        <details class="reasoning" open data-reasoning>
          <summary>
            Reasoning ({response.reasoning.length.toLocaleString('en-US')} characters)
            <CopyButton name="reasoning" label="Copy reasoning" text={() => response.reasoning} />
          </summary>
          <pre class="data prose" data-reasoning-text>
            {response.reasoning}
          </pre>
        </details>
      )}
      {(response.text !== '' || (response.tools.length === 0 && !response.mcp)) && (
        <section class="answer">
          <h4>
            Answer
            <CopyButton name="answer" label="Copy answer" text={() => response.text} />
          </h4>
          <pre class="data prose" data-answer>
            {response.text === '' ? '(no text yet)' : response.text}
          </pre>
        </section>
      )}
      {response.refusal !== '' && (
        <p class="warn" data-refusal>
          The model refused: {response.refusal}
        </p>
      )}
      {response.tools.length > 0 && (
        <section class="tools" data-tools>
          <h4>Tool calls ({response.tools.length})</h4>
          {response.tools.map((call, i) => (
            <ToolCallView key={call.key} call={call} index={i} duration={timing.tools[i] ?? 0} />
          ))}
        </section>
      )}
      {response.citations.length > 0 && (
        <section class="citations" data-citations>
          <h4>Sources ({response.citations.length})</h4>
          <ol>
            {response.citations.map((c, i) => (
              <li key={i}>
                {c.title !== undefined && <span class="citation-title">{c.title}</span>}
                {c.url !== undefined && <span class="citation-url"> {c.url}</span>}
                {c.text !== undefined && <q> {c.text}</q>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {response.mcp && <McpView log={response.mcp} since={connection.createdAt} />}
      <p class="note" data-response-used>
        Used {response.used.toLocaleString('en-US')} of {(response.used + response.unused).toLocaleString('en-US')}{' '}
        events
        {unused.length > 0
          ? `; not used: ${unused.map(([type, n]) => `${type} ×${n.toLocaleString('en-US')}`).join(', ')}`
          : ''}
        .
      </p>
    </div>
  );
}
