/**
 * The Vercel AI SDK 5 UI message stream (`toUIMessageStreamResponse()`): SSE with the header
 * `x-vercel-ai-ui-message-stream: v1`, each event's data a JSON part with a `type`: `start`,
 * `start-step`, `text-start` / `text-delta` (`delta`) / `text-end`, `reasoning-start` /
 * `reasoning-delta` / `reasoning-end`, `tool-input-start` (`toolCallId`, `toolName`),
 * `tool-input-delta` (`inputTextDelta`), `tool-input-available` (`input`, whole),
 * `tool-output-available` (`output`), `tool-input-error` / `tool-output-error` (`errorText`),
 * `source-url`, `source-document`, `file`, `data-*` (the app's own parts), `message-metadata`,
 * `finish-step`, `finish`, `abort` and `error` (`errorText`); then `data: [DONE]`.
 *
 * @see https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol#data-stream-protocol
 * @see https://github.com/vercel/ai/blob/main/packages/ai/src/ui-message-stream/ui-message-chunks.ts
 */
import { isObject } from '../../plain-object';
import { header, type Protocol } from '../protocol';
import {
  addArgs,
  addCitation,
  addError,
  addReasoning,
  addText,
  addUsage,
  jsonText,
  META,
  setCall,
  setFinish,
  setModel,
  toolCall,
} from '../response';

const TYPES = new Set([
  'start',
  'start-step',
  'text-start',
  'text-delta',
  'text-end',
  'reasoning-start',
  'reasoning-delta',
  'reasoning-end',
  'tool-input-start',
  'tool-input-delta',
  'tool-input-available',
  'tool-input-error',
  'tool-output-available',
  'tool-output-error',
  'source-url',
  'source-document',
  'file',
  'message-metadata',
  'finish-step',
  'finish',
  'abort',
]);

export const aiSdkV5: Protocol = {
  // Without the header, only parts no other stream is likely to send (not a bare `start` or `finish`).
  detect: (_event, json, request) =>
    header(request, 'x-vercel-ai-ui-message-stream') !== undefined ||
    (isObject(json) &&
      typeof json.type === 'string' &&
      TYPES.has(json.type) &&
      (json.type.includes('-') || (json.type === 'start' && typeof json.messageId === 'string'))),

  fold(response, event, json) {
    if (event.data.trim() === '[DONE]') {
      response.complete = true;
      return META;
    }
    if (!isObject(json) || typeof json.type !== 'string') return undefined;
    const { time } = event;
    const id = String(json.toolCallId);
    switch (json.type) {
      case 'text-delta':
        return typeof json.delta === 'string' ? addText(response, time, json.delta) : META;
      case 'reasoning-delta':
        return typeof json.delta === 'string' ? addReasoning(response, time, json.delta) : META;
      case 'tool-input-start':
        setCall(toolCall(response, id, time), { id: json.toolCallId, name: json.toolName, kind: 'tool' });
        return { part: 'tool', text: '' };
      case 'tool-input-delta':
        return addArgs(
          toolCall(response, id, time),
          typeof json.inputTextDelta === 'string' ? json.inputTextDelta : '',
        );
      case 'tool-input-available': {
        const call = toolCall(response, id, time);
        setCall(call, { id: json.toolCallId, name: json.toolName, kind: 'tool' });
        if (call.args === '') call.args = jsonText(json.input ?? {});
        return { part: 'tool', text: '' };
      }
      case 'tool-output-available':
        toolCall(response, id, time).result = jsonText(json.output);
        return META;
      case 'tool-input-error':
      case 'tool-output-error': {
        const call = toolCall(response, id, time);
        call.result = typeof json.errorText === 'string' ? json.errorText : jsonText(json);
        call.resultError = true;
        return META;
      }
      case 'source-url':
      case 'source-document':
        addCitation(response, { title: json.title, url: json.url });
        return META;
      case 'start':
        setModel(response, undefined, json.messageId);
        return META;
      case 'message-metadata':
      case 'finish': {
        const metadata = isObject(json.messageMetadata) ? json.messageMetadata : {};
        setModel(response, metadata.model);
        if (isObject(metadata.usage) || isObject(metadata.totalUsage)) {
          const usage = (isObject(metadata.totalUsage) ? metadata.totalUsage : metadata.usage) as Record<
            string,
            unknown
          >;
          addUsage(response, {
            input: usage.inputTokens as number,
            output: usage.outputTokens as number,
            reasoning: usage.reasoningTokens as number,
            cached: usage.cachedInputTokens as number,
            total: usage.totalTokens as number,
          });
        }
        if (json.type === 'finish') setFinish(response, json.finishReason ?? metadata.finishReason ?? 'finish');
        return META;
      }
      case 'abort':
        setFinish(response, 'abort');
        return META;
      case 'error':
        return addError(response, time, json.errorText);
      default:
        // `data-*` parts are the app's own: used, nothing to assemble.
        return TYPES.has(json.type) || json.type.startsWith('data-') ? META : undefined;
    }
  },
};
