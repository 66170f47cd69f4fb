/**
 * Google Gemini's `streamGenerateContent?alt=sse`: each event is a whole `GenerateContentResponse`
 * holding this step's parts: `candidates[0].content.parts[]` with `text` (and `thought: true` for
 * a thought summary), `functionCall` (`name`, `args` as an object, whole, and an `id` on some
 * models), `executableCode` and `codeExecutionResult`; the candidate's `finishReason`,
 * `groundingMetadata` (web sources) and `citationMetadata`; `usageMetadata` (prompt, candidates,
 * thoughts and cached token counts, the last event's being the total), `modelVersion` and
 * `responseId`. A blocked prompt has `promptFeedback.blockReason` and no candidates; an error
 * mid-stream is `{"error": {"code", "message", "status"}}`. No event says "done": the answer is
 * complete when a candidate has a finish reason.
 *
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 * @see https://ai.google.dev/gemini-api/docs/thinking#summaries
 * @see https://github.com/googleapis/js-genai/blob/main/src/types.ts
 */
import { isObject } from '../../plain-object';
import type { Protocol } from '../protocol';
import {
  addCitation,
  addError,
  addReasoning,
  addText,
  addUsage,
  jsonText,
  type LlmResponse,
  META,
  type Piece,
  setCall,
  setFinish,
  setModel,
  toolCall,
} from '../response';

function foldPart(response: LlmResponse, part: Record<string, unknown>, time: number): Piece | undefined {
  if (typeof part.text === 'string')
    return part.thought === true ? addReasoning(response, time, part.text) : addText(response, time, part.text);
  if (isObject(part.functionCall)) {
    const fn = part.functionCall;
    const call = toolCall(response, `call ${response.tools.length + 1}`, time);
    setCall(call, { id: fn.id, name: fn.name, kind: 'functionCall' });
    call.args = jsonText(fn.args ?? {});
    return { part: 'tool', text: call.args };
  }
  if (isObject(part.executableCode)) {
    const call = toolCall(response, `code ${response.tools.length + 1}`, time);
    setCall(call, { name: 'code execution', kind: 'executableCode' });
    call.args = jsonText(part.executableCode);
    return { part: 'tool', text: typeof part.executableCode.code === 'string' ? part.executableCode.code : '' };
  }
  if (isObject(part.codeExecutionResult)) {
    const call = [...response.tools].reverse().find((c) => c.kind === 'executableCode' && c.result === undefined);
    if (call) {
      call.result = jsonText(part.codeExecutionResult.output ?? part.codeExecutionResult);
      call.resultError =
        part.codeExecutionResult.outcome !== undefined && part.codeExecutionResult.outcome !== 'OUTCOME_OK';
    }
    return META;
  }
  return undefined;
}

export const gemini: Protocol = {
  detect: (_event, json) =>
    isObject(json) &&
    (Array.isArray(json.candidates) || isObject(json.usageMetadata) || isObject(json.promptFeedback)) &&
    !Array.isArray(json.choices),

  fold(response, event, json) {
    if (!isObject(json)) return undefined;
    const { time } = event;
    if (isObject(json.error)) return addError(response, time, json.error.message, json.error.status ?? json.error.code);
    setModel(response, json.modelVersion, json.responseId);
    if (isObject(json.usageMetadata)) {
      const usage = json.usageMetadata;
      addUsage(response, {
        input: usage.promptTokenCount as number,
        output: usage.candidatesTokenCount as number,
        reasoning: usage.thoughtsTokenCount as number,
        cached: usage.cachedContentTokenCount as number,
        total: usage.totalTokenCount as number,
      });
    }
    if (isObject(json.promptFeedback) && typeof json.promptFeedback.blockReason === 'string') {
      setFinish(response, `prompt blocked: ${json.promptFeedback.blockReason}`);
      response.complete = true;
    }
    let piece: Piece | undefined;
    const candidate = Array.isArray(json.candidates) ? json.candidates[0] : undefined;
    if (isObject(candidate)) {
      const parts =
        isObject(candidate.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts : [];
      for (const part of parts) if (isObject(part)) piece = foldPart(response, part, time) ?? piece;
      if (typeof candidate.finishReason === 'string') {
        setFinish(response, candidate.finishReason);
        response.complete = true;
      }
      const grounding = isObject(candidate.groundingMetadata) ? candidate.groundingMetadata : {};
      if (Array.isArray(grounding.groundingChunks))
        for (const chunk of grounding.groundingChunks)
          if (isObject(chunk) && isObject(chunk.web))
            addCitation(response, { title: chunk.web.title, url: chunk.web.uri });
      const citations = isObject(candidate.citationMetadata) ? candidate.citationMetadata : {};
      const sources = citations.citations ?? citations.citationSources;
      if (Array.isArray(sources))
        for (const source of sources)
          if (isObject(source)) addCitation(response, { title: source.title, url: source.uri });
    }
    return piece ?? META;
  },
};
