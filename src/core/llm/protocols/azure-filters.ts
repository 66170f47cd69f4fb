/**
 * Azure OpenAI's content filtering annotations on a Chat Completions stream: the first chunk
 * (empty `choices`, empty `object`) carries `prompt_filter_results: [{prompt_index,
 * content_filter_results}]`, and choices carry `content_filter_results` for the answer so far:
 * `{hate: {filtered, severity}, violence: …, jailbreak: {filtered, detected},
 * protected_material_text: {filtered, detected}…}`. An answer the filter stopped ends with
 * `finish_reason: "content_filter"`. Verdicts of `safe` and not detected are left out.
 *
 * @see https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/content-filter
 * @see https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/content-streaming
 */
import { isObject } from '../../plain-object';
import type { FilterVerdict, LlmResponse } from '../response';

export function readFilterResults(response: LlmResponse, on: FilterVerdict['on'], results: unknown): void {
  if (!isObject(results)) return;
  for (const [category, result] of Object.entries(results)) {
    if (!isObject(result) || typeof result.filtered !== 'boolean') continue;
    const severity = typeof result.severity === 'string' ? result.severity : undefined;
    if (!result.filtered && result.detected !== true && (severity === undefined || severity === 'safe')) continue;
    const verdict: FilterVerdict = { on, category, filtered: result.filtered };
    if (severity !== undefined) verdict.severity = severity;
    response.filters ??= [];
    const at = response.filters.findIndex((f) => f.on === on && f.category === category);
    if (at < 0) response.filters.push(verdict);
    else response.filters[at] = verdict;
  }
}

export function readPromptFilters(response: LlmResponse, results: unknown): void {
  if (!Array.isArray(results)) return;
  for (const result of results)
    if (isObject(result)) readFilterResults(response, 'prompt', result.content_filter_results);
}
