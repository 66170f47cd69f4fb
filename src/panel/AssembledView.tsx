import { useMemo } from 'preact/hooks';
import { assemble } from '../core/assemble';
import type { ConnectionView, EventView } from '../core/store/views';
import { CopyButton } from './CopyButton';

/** The text a connection's events spell out (LLM deltas joined), to read and copy. */
export function AssembledView({ connection, events }: { connection: ConnectionView; events: readonly EventView[] }) {
  const result = useMemo(
    () => assemble(events.filter((e) => e.connection === connection)),
    [connection, events, connection.events],
  );
  if (!result) return <p class="note">No text deltas in this stream.</p>;
  const names = {
    openai: 'OpenAI chat completions',
    anthropic: 'Anthropic messages',
    responses: 'OpenAI responses',
    text: 'plain text events',
  };
  return (
    <div class="assembled">
      <div class="tab-tools">
        <CopyButton name="assembled" label="Copy text" text={() => result.text} />
      </div>
      <p class="note" data-assembled-format={result.format}>
        Joined from {result.parts} event{result.parts === 1 ? '' : 's'} ({names[result.format]}).
      </p>
      <pre class="data" data-assembled>
        {result.text}
      </pre>
    </div>
  );
}
