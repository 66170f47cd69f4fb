/** The protocol and model a connection's stream speaks, beside its URL; marked when the stream reported an error. */

import { mcpExchangeOf } from '../core/llm/mcp-exchange';
import type { ConnectionView } from '../core/store/views';
import { t } from '../ui/text/catalogue';
import { protocolTitle } from './protocol-names';

export function ProtocolTag({ connection }: { connection: ConnectionView }) {
  const response = connection.llm?.response;
  if (!response) {
    // An MCP session's request answered with no stream still belongs to the session.
    if (!mcpExchangeOf(connection)) return null;
    const name = protocolTitle('mcp');
    return (
      <span class="protocol-tag" data-protocol="mcp" title={name}>
        {name}
      </span>
    );
  }
  const failed = response.errors.length > 0;
  const name = protocolTitle(response.protocol);
  return (
    <span
      class={`protocol-tag${failed ? ' warn' : ''}`}
      data-protocol={response.protocol}
      data-llm-error={failed ? 'true' : undefined}
      title={failed ? t('protocol_failed_title', { name }) : name}
    >
      {failed ? '⚠ ' : ''}
      {name}
      {response.model !== undefined ? ` · ${response.model}` : ''}
    </span>
  );
}
