/** An MCP stream: every JSON-RPC message in order, each request paired with its answer, the priming event and the resumption ids. */

import { pairMessages } from '../core/llm/mcp-pairs';
import type { McpLog } from '../core/llm/response';
import { t } from '../ui/text/catalogue';
import { formatDuration, formatOffset } from '../ui/text/format';

export function McpView({ log, since }: { log: McpLog; since: number }) {
  const { partner } = pairMessages(log.messages);
  return (
    <div class="mcp" data-mcp>
      <p class="note" data-mcp-resume>
        {log.primed ? `${t('mcp_primed')} ` : ''}
        {log.eventIds.length > 0 ? t('mcp_resume_ids', { ids: log.eventIds.join(', ') }) : t('mcp_no_ids')}
      </p>
      <ol class="mcp-messages">
        {log.messages.map((message, index) => {
          const other = partner.get(index);
          const pair = other === undefined ? undefined : log.messages[other];
          const label =
            message.kind === 'request' || message.kind === 'notification'
              ? (message.method ?? '')
              : t(message.kind === 'error' ? 'mcp_error_of' : 'mcp_result_of', {
                  method: pair?.method ?? t('mcp_request'),
                });
          return (
            <li key={index} data-mcp-message={index} data-kind={message.kind} data-direction={message.direction}>
              <div class="mcp-head">
                <span class="muted">{message.direction === 'sent' ? t('mcp_sent') : t('mcp_received')}</span>
                <strong data-mcp-label>{label}</strong>
                {message.rpcId !== undefined && (
                  <span data-mcp-id>{t('detail_id', { id: String(message.rpcId) })}</span>
                )}
                <span class="muted">{formatOffset(since, message.time)}</span>
                {message.kind === 'request' && (
                  <span class={pair ? 'muted' : 'warn'} data-mcp-answer>
                    {pair
                      ? t(pair.kind === 'error' ? 'mcp_answered_error' : 'mcp_answered', {
                          duration: formatDuration(pair.time - message.time),
                        })
                      : t('mcp_no_answer')}
                  </span>
                )}
                {message.eventId !== undefined && (
                  <span class="muted">{t('mcp_event_id', { id: message.eventId })}</span>
                )}
              </div>
              {message.body !== '' && <pre class="data">{message.body}</pre>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
