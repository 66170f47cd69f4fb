/** An MCP stream: every JSON-RPC message in order, each request paired with its answer, the priming event and the resumption ids. */

import { formatDuration, formatOffset } from '../core/format';
import { pairMessages } from '../core/llm/mcp-pairs';
import type { McpLog } from '../core/llm/response';

export function McpView({ log, since }: { log: McpLog; since: number }) {
  const { partner } = pairMessages(log.messages);
  return (
    <div class="mcp" data-mcp>
      <p class="note" data-mcp-resume>
        {log.primed ? 'The server primed the stream (an event with an id and empty data). ' : ''}
        {log.eventIds.length > 0
          ? `Resumption ids (Last-Event-ID on reconnect): ${log.eventIds.join(', ')}.`
          : 'The server sent no event ids: this stream cannot be resumed.'}
      </p>
      <ol class="mcp-messages">
        {log.messages.map((message, index) => {
          const other = partner.get(index);
          const pair = other === undefined ? undefined : log.messages[other];
          const label =
            message.kind === 'request' || message.kind === 'notification'
              ? (message.method ?? '')
              : `${message.kind} of ${pair?.method ?? 'request'}`;
          return (
            <li key={index} data-mcp-message={index} data-kind={message.kind} data-direction={message.direction}>
              <div class="mcp-head">
                <span class="muted">{message.direction === 'sent' ? '→ sent' : '← received'}</span>
                <strong data-mcp-label>{label}</strong>
                {message.rpcId !== undefined && <span data-mcp-id>id {message.rpcId}</span>}
                <span class="muted">{formatOffset(since, message.time)}</span>
                {message.kind === 'request' && (
                  <span class={pair ? 'muted' : 'warn'} data-mcp-answer>
                    {pair
                      ? `answered (${pair.kind}) after ${formatDuration(pair.time - message.time)}`
                      : 'no answer in this stream'}
                  </span>
                )}
                {message.eventId !== undefined && <span class="muted">event id {message.eventId}</span>}
              </div>
              {message.body !== '' && <pre class="data">{message.body}</pre>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
