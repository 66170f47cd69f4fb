/**
 * The Vercel AI SDK 4 data stream (`toDataStreamResponse()`): `text/plain` with the header
 * `X-Vercel-AI-Data-Stream: v1`, one part a line, `CODE:JSON`. The stream parser turns each line
 * into an event whose type is the part's name (below) and whose data is the JSON after the colon:
 * `0` text, `g` reasoning, `i` redacted reasoning, `j` reasoning signature, `h` source, `k` file,
 * `2` data, `8` message annotations, `3` error, `9` tool call (whole), `b` tool call streaming
 * start, `c` tool call delta (`argsTextDelta`), `a` tool result, `f` start step, `e` finish step,
 * `d` finish message (`finishReason`, `usage: {promptTokens, completionTokens}`).
 *
 * @see https://v4.ai-sdk.dev/docs/ai-sdk-ui/stream-protocol#data-stream-protocol
 * @see https://github.com/vercel/ai/blob/v4/packages/ui-utils/src/data-stream-parts.ts
 */
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import {
  addArgs,
  addCitation,
  addError,
  addReasoning,
  addText,
  addUsage,
  jsonText,
  type LlmResponse,
  META,
  setCall,
  setFinish,
  toolCall,
} from '../response';

/** Part codes and the names the SDK gives them. */
export const DATA_STREAM_PARTS: Readonly<Record<string, string>> = {
  '0': 'text',
  '2': 'data',
  '3': 'error',
  '8': 'message_annotations',
  '9': 'tool_call',
  a: 'tool_result',
  b: 'tool_call_streaming_start',
  c: 'tool_call_delta',
  d: 'finish_message',
  e: 'finish_step',
  f: 'start_step',
  g: 'reasoning',
  h: 'source',
  i: 'redacted_reasoning',
  j: 'reasoning_signature',
  k: 'file',
};

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function foldUsage(response: LlmResponse, value: Record<string, unknown>): void {
  if (isObject(value.usage))
    addUsage(response, { input: value.usage.promptTokens as number, output: value.usage.completionTokens as number });
}

export const aiSdkV4: Protocol = {
  detect: (_event, _json, request) => request.format === 'data-stream',

  fold(response, event) {
    const value = parse(event.data);
    const { time } = event;
    const object = isObject(value) ? value : {};
    switch (event.type) {
      case 'text':
        return typeof value === 'string' ? addText(response, time, value) : undefined;
      case 'reasoning':
        return typeof value === 'string' ? addReasoning(response, time, value) : undefined;
      case 'redacted_reasoning':
        return addReasoning(response, time, '[redacted reasoning]\n');
      case 'error':
        return addError(response, time, value);
      case 'tool_call_streaming_start': {
        const call = toolCall(response, String(object.toolCallId), time);
        setCall(call, { id: object.toolCallId, name: object.toolName, kind: 'tool-call' });
        return { part: 'tool', text: '' };
      }
      case 'tool_call_delta':
        return addArgs(
          toolCall(response, String(object.toolCallId), time),
          typeof object.argsTextDelta === 'string' ? object.argsTextDelta : '',
        );
      case 'tool_call': {
        const call = toolCall(response, String(object.toolCallId), time);
        setCall(call, { id: object.toolCallId, name: object.toolName, kind: 'tool-call' });
        // The whole call repeats what the deltas built; a call that was not streamed has only this.
        if (call.args === '') call.args = jsonText(object.args ?? {});
        return { part: 'tool', text: '' };
      }
      case 'tool_result': {
        const call = toolCall(response, String(object.toolCallId), time);
        call.result = jsonText(object.result);
        return META;
      }
      case 'source':
        addCitation(response, { title: object.title, url: object.url });
        return META;
      case 'finish_step':
        setFinish(response, object.finishReason);
        return META;
      case 'finish_message':
        setFinish(response, object.finishReason);
        foldUsage(response, object);
        response.complete = true;
        return META;
      case 'start_step':
        if (typeof object.messageId === 'string') response.responseId ??= object.messageId;
        return META;
      case 'data':
      case 'message_annotations':
      case 'reasoning_signature':
      case 'file':
        return META;
      default:
        return undefined;
    }
  },
};
