/**
 * What the model did in a recognised LLM or tool stream: the answer, the reasoning (apart,
 * collapsible), each tool call, citations, why it stopped, usage, in-band errors and timing, and
 * which events were used. Everything shown is the page's data, rendered as text.
 */

import { answerState } from '../core/llm/answer-state';
import type { LlmResponse } from '../core/llm/response';
import { timingOf } from '../core/llm/timing';
import type { ConnectionView } from '../core/store/views';
import { Interpolated } from '../ui/Interpolated';
import { type MessageKey, t, tn, words } from '../ui/text/catalogue';
import { formatDuration } from '../ui/text/format';
import { A2aView } from './A2aView';
import { AgUiView } from './AgUiView';
import { AnswerNotices } from './AnswerNotices';
import { CopyButton } from './CopyButton';
import { McpView } from './McpView';
import { protocolTitle } from './protocol-names';
import { ToolCallView } from './ToolCallView';

const STATE_TEXT: Record<ReturnType<typeof answerState>, MessageKey> = {
  streaming: 'answer_streaming',
  complete: 'answer_complete',
  'cut-short': 'answer_cut_short',
  unfinished: 'answer_unfinished',
};

/** The dialects the protocols name (in English, as capture files carry them), in the UI's language. */
const DIALECTS: Record<string, MessageKey> = {
  'reasoning_content (DeepSeek style)': 'dialect_deepseek_reasoning', // not-ui-text: the protocol's name for it
  'Mistral content chunks': 'dialect_mistral_chunks', // not-ui-text: the protocol's name for it
};
/** A provider's message without its own full stop (AWS's end with one), which the sentence around it adds. */
const sentence = (message: string) => message.replace(/\.$/, '');

const dialectText = (dialect: string) => {
  const key = DIALECTS[dialect];
  return key === undefined ? dialect : t(key);
};

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
        <strong>{protocolTitle(response.protocol)}</strong>
        {response.dialect !== undefined && ` (${dialectText(response.dialect)})`}
        {response.model !== undefined && (
          <>
            {' · '}
            <Interpolated
              text={t('answer_model')}
              values={{ model: <span data-response-model>{response.model}</span> }}
            />
          </>
        )}
        {' · '}
        <span data-response-state class={state === 'cut-short' || state === 'unfinished' ? 'warn' : undefined}>
          {t(STATE_TEXT[state])}
        </span>
        {response.finish !== undefined && (
          <>
            {' · '}
            <Interpolated
              text={t('answer_stop_reason')}
              values={{ reason: <span data-response-finish>{response.finish}</span> }}
            />
          </>
        )}
      </p>
      {response.errors.map((error, i) => (
        <p key={i} class="warn response-error" data-response-error={i}>
          {error.code !== undefined
            ? t('answer_error_code', { code: String(error.code), message: sentence(error.message) })
            : t('answer_error', { message: sentence(error.message) })}
        </p>
      ))}
      <AnswerNotices connection={connection} response={response} />
      <dl class="response-facts" data-response-timing>
        <dt>{t('timing_first_token')}</dt>
        <dd data-fact="first-token">{timing.firstToken === undefined ? '–' : formatDuration(timing.firstToken)}</dd>
        <dt>{t('answer_speed')}</dt>
        <dd
          data-fact="speed"
          title={
            timing.measured
              ? t('answer_speed_measured_title')
              : timing.estimated
                ? t('answer_speed_estimated_title')
                : t('answer_speed_title')
          }
        >
          {timing.tokensPerSecond === undefined
            ? '–'
            : t(timing.estimated ? 'answer_tokens_per_second_estimated' : 'answer_tokens_per_second', {
                n: words().number(timing.tokensPerSecond, 1),
              })}
        </dd>
        {timing.promptPerSecond !== undefined && (
          <>
            <dt>{t('answer_prompt_speed')}</dt>
            <dd data-fact="prompt-speed" title={t('answer_speed_measured_title')}>
              {t('answer_tokens_per_second', { n: words().number(timing.promptPerSecond, 1) })}
            </dd>
          </>
        )}
        {timing.reasoning !== undefined && (
          <>
            <dt>{t('answer_reasoning')}</dt>
            <dd data-fact="reasoning-time">{formatDuration(timing.reasoning)}</dd>
          </>
        )}
        {timing.answer !== undefined && (
          <>
            <dt>{t('answer')}</dt>
            <dd data-fact="answer-time">{formatDuration(timing.answer)}</dd>
          </>
        )}
        <dt>{t('answer_tokens')}</dt>
        <dd data-fact="usage">
          {usage
            ? [
                usage.input !== undefined && t('usage_input', { count: usage.input }),
                usage.output !== undefined && t('usage_output', { count: usage.output }),
                usage.reasoning !== undefined && t('usage_reasoning', { count: usage.reasoning }),
                usage.cached !== undefined && t('usage_cached', { count: usage.cached }),
                usage.total !== undefined && t('usage_total', { count: usage.total }),
              ]
                .filter(Boolean)
                .join(' · ')
            : t('usage_not_reported')}
        </dd>
        {response.latencyMs !== undefined && (
          <>
            <dt>{t('answer_provider_latency')}</dt>
            <dd data-fact="provider-latency" title={t('answer_provider_latency_title')}>
              {formatDuration(response.latencyMs)}
            </dd>
          </>
        )}
      </dl>
      {response.reasoning !== '' && (
        <details class="reasoning" open data-reasoning>
          <summary>
            {tn('answer_reasoning_characters', response.reasoning.length)}
            <CopyButton name="reasoning" label={t('copy_reasoning')} text={() => response.reasoning} />
          </summary>
          <pre class="data prose" data-reasoning-text>
            {response.reasoning}
          </pre>
        </details>
      )}
      {(response.text !== '' || (response.tools.length === 0 && !response.mcp)) && (
        <section class="answer">
          <h4>
            {t('answer')}
            <CopyButton name="answer" label={t('copy_answer')} text={() => response.text} />
          </h4>
          <pre class="data prose" data-answer>
            {response.text === '' ? t('answer_no_text') : response.text}
          </pre>
        </section>
      )}
      {response.refusal !== '' && (
        <p class="warn" data-refusal>
          {t('answer_refused', { refusal: response.refusal })}
        </p>
      )}
      {response.tools.length > 0 && (
        <section class="tools" data-tools>
          <h4>{t('answer_tool_calls', { count: response.tools.length })}</h4>
          {response.tools.map((call, i) => (
            <ToolCallView key={call.key} call={call} index={i} duration={timing.tools[i] ?? 0} />
          ))}
        </section>
      )}
      {response.citations.length > 0 && (
        <section class="citations" data-citations>
          <h4>{t('answer_sources', { count: response.citations.length })}</h4>
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
      {response.agui && <AgUiView run={response.agui} since={connection.createdAt} />}
      {response.a2a && <A2aView log={response.a2a} since={connection.createdAt} />}
      <p class="note" data-response-used>
        {unused.length > 0
          ? tn('answer_used_some', response.used + response.unused, {
              used: response.used,
              unused: unused.map(([type, n]) => `${type} ×${words().number(n)}`).join(', '),
            })
          : tn('answer_used', response.used + response.unused, { used: response.used })}
      </p>
    </div>
  );
}
