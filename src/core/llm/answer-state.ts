/**
 * Where an answer stands, for the view and the connection list: still streaming, complete (the
 * protocol's last event came), cut short (an in-band error came: whatever followed is not the
 * model's answer), or unfinished (the stream ended with neither).
 */
import type { LlmResponse } from './response';

export type AnswerState = 'streaming' | 'complete' | 'cut-short' | 'unfinished';

export function answerState(response: LlmResponse, streamEnded: boolean): AnswerState {
  if (response.errors.length > 0) return 'cut-short';
  if (response.complete) return 'complete';
  return streamEnded ? 'unfinished' : 'streaming';
}

/** A tool call's arguments as pretty JSON, or why they are not JSON. */
export function readArgs(args: string): { pretty: string } | { error: string } {
  if (args.trim() === '') return { pretty: '' };
  try {
    return { pretty: JSON.stringify(JSON.parse(args), null, 2) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
