/**
 * A stream's answer: for a recognised LLM or tool protocol, what the model did (./AnswerView); for
 * any other stream of plain words, the words joined (./PlainTextAnswer).
 */
import type { ConnectionView, EventView } from '../core/store/views';
import { AnswerView } from './AnswerView';
import { PlainTextAnswer } from './PlainTextAnswer';

export function ResponseView({ connection, events }: { connection: ConnectionView; events: readonly EventView[] }) {
  const response = connection.llm?.response;
  if (response) return <AnswerView connection={connection} response={response} />;
  return <PlainTextAnswer connection={connection} events={events} />;
}
