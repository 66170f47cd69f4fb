/** The words of a stream no protocol claims, joined: its events whose data is not JSON. */

import { useMemo } from 'preact/hooks';
import { joinPlainText } from '../core/llm/plain-text';
import type { ConnectionView, EventView } from '../core/store/views';
import { t, tn } from '../ui/text/catalogue';
import { CopyButton } from './CopyButton';

export function PlainTextAnswer({ connection, events }: { connection: ConnectionView; events: readonly EventView[] }) {
  const joined = useMemo(
    () => joinPlainText(events.filter((e) => e.connection === connection)),
    [connection, events, connection.events],
  );
  if (!joined)
    return (
      <p class="note" data-response-none>
        {t('answer_none')}
      </p>
    );
  return (
    <div class="response">
      <div class="tab-tools">
        <CopyButton name="answer" label={t('copy_text')} text={() => joined.text} />
      </div>
      <p class="note" data-response-protocol="text">
        {tn(joined.pieces ? 'plain_text_pieces' : 'plain_text_lines', joined.parts)}
      </p>
      <pre class="data prose" data-answer>
        {joined.text}
      </pre>
    </div>
  );
}
