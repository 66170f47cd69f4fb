/**
 * What a stream said about its answer besides the answer: the content filter's verdicts (Azure
 * OpenAI), and the keep-alive comments the server sent while the model worked (OpenRouter).
 */

import { keepAlivesOf } from '../core/llm/keep-alives';
import type { FilterVerdict, LlmResponse } from '../core/llm/response';
import type { ConnectionView } from '../core/store/views';
import { type MessageKey, t, words } from '../ui/text/catalogue';

const FILTER_TEXT: Record<FilterVerdict['on'], Record<'filtered' | 'flagged', MessageKey>> = {
  prompt: { filtered: 'filter_prompt_filtered', flagged: 'filter_prompt_flagged' },
  answer: { filtered: 'filter_answer_filtered', flagged: 'filter_answer_flagged' },
};

export function AnswerNotices({ connection, response }: { connection: ConnectionView; response: LlmResponse }) {
  const keepAlives = keepAlivesOf(connection.blocks, connection.comments);
  return (
    <>
      {response.filters?.map((verdict) => (
        <p
          key={`${verdict.on} ${verdict.category}`}
          class={verdict.filtered ? 'warn' : 'note'}
          data-content-filter={verdict.on}
          data-filtered={String(verdict.filtered)}
        >
          {t(FILTER_TEXT[verdict.on][verdict.filtered ? 'filtered' : 'flagged'], {
            category: verdict.category,
            severity: verdict.severity ?? t('filter_detected'),
          })}
        </p>
      ))}
      {keepAlives && (
        <p class="note" data-keep-alives={keepAlives.count}>
          {t('answer_keep_alives', { count: words().number(keepAlives.count), comment: keepAlives.first })}
        </p>
      )}
    </>
  );
}
