/** The protocol and model a connection's stream speaks, beside its URL; marked when the stream reported an error. */
import type { ConnectionView } from '../core/store/views';
import { PROTOCOL_NAMES } from './protocol-names';

export function ProtocolTag({ connection }: { connection: ConnectionView }) {
  const response = connection.llm?.response;
  if (!response) return null;
  const failed = response.errors.length > 0;
  const name = PROTOCOL_NAMES[response.protocol];
  return (
    <span
      class={`protocol-tag${failed ? ' warn' : ''}`}
      data-protocol={response.protocol}
      data-llm-error={failed ? 'true' : undefined}
      title={failed ? `${name}: the stream reported an error, so the answer was cut short` : name}
    >
      {failed ? '⚠ ' : ''}
      {name}
      {response.model !== undefined ? ` · ${response.model}` : ''}
    </span>
  );
}
