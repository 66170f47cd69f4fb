/** The words of a stream no protocol claims, joined: its events whose data is not JSON. */
import { useMemo } from 'preact/hooks';
import { joinPlainText } from '../core/llm/plain-text';
import type { ConnectionView, EventView } from '../core/store/views';
import { CopyButton } from './CopyButton';

export function PlainTextAnswer({ connection, events }: { connection: ConnectionView; events: readonly EventView[] }) {
  const joined = useMemo(
    () => joinPlainText(events.filter((e) => e.connection === connection)),
    [connection, events, connection.events],
  );
  if (!joined)
    return (
      <p class="note" data-response-none>
        No answer in this stream: it speaks none of the LLM or tool protocols SSE Scope reads, and its data is not plain
        text.
      </p>
    );
  return (
    <div class="response">
      <div class="tab-tools">
        <CopyButton name="answer" label="Copy text" text={() => joined.text} />
      </div>
      <p class="note" data-response-protocol="text">
        Plain text joined from {joined.parts} event{joined.parts === 1 ? '' : 's'}
        {joined.pieces ? ', as they came (pieces of one text).' : ', one a line (each a whole message).'}
      </p>
      <pre class="data prose" data-answer>
        {joined.text}
      </pre>
    </div>
  );
}
