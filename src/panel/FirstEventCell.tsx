/** Time from a connection's request to its first event, or to its first token for an LLM stream. */

import { firstTokenAt } from '../core/llm/timing';
import type { ConnectionView } from '../core/store/views';
import { t } from '../ui/text/catalogue';
import { formatDuration } from '../ui/text/format';

export function FirstEventCell({ connection }: { connection: ConnectionView }) {
  const first = connection.firstEventAt;
  const answer = connection.llm?.response;
  const token = answer ? firstTokenAt(answer) : undefined;
  if (token !== undefined)
    return (
      <td class="num" data-col="first" title={t('first_token_title')}>
        {formatDuration(token - connection.createdAt)}
      </td>
    );
  return (
    <td class="num" data-col="first">
      {first === undefined ? '–' : formatDuration(first - connection.createdAt)}
    </td>
  );
}
