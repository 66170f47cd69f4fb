/** The protocol and model a connection's stream speaks, beside its URL; marked when the stream reported an error. */

import type { ConnectionView } from '../core/store/views';
import { t } from '../ui/text/catalogue';
import { protocolTitle } from './protocol-names';

export function ProtocolTag({ connection }: { connection: ConnectionView }) {
  const response = connection.llm?.response;
  if (!response) return null;
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
