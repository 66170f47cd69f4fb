/**
 * How long each part of an answer took: time to first token (from the request), the reasoning,
 * the answer and each tool call's arguments (first fragment to last), and tokens per second over
 * the generation, from the usage the provider reported or, when it reported none, estimated from
 * the text (about four characters a token) and marked as such. A server that measured its own
 * speed (llama.cpp's `timings`) is believed over both: it does not count the network's delays.
 */
import type { LlmResponse, Span } from './response';

export interface ResponseTiming {
  /** From the request to the first text, reasoning or tool fragment, in ms. */
  firstToken?: number;
  reasoning?: number;
  answer?: number;
  /** Each tool call's arguments, in the order of `response.tools`. */
  tools: number[];
  /** Output tokens per second, from the first token to the last. */
  tokensPerSecond?: number;
  /** True when the token count was estimated from the text. */
  estimated: boolean;
  /** True when the speeds are the server's own measure. */
  measured?: true;
  /** Prompt tokens per second, where the server measured it. */
  promptPerSecond?: number;
  /** Output tokens counted (or estimated). */
  outputTokens?: number;
}

const CHARS_PER_TOKEN = 4;

/** When the first text, reasoning or tool fragment came; undefined before any. */
export function firstTokenAt(response: LlmResponse): number | undefined {
  let first = Number.POSITIVE_INFINITY;
  for (const span of [response.textSpan, response.reasoningSpan, ...response.tools.map((t) => t.span)])
    if (span && span.start < first) first = span.start;
  return Number.isFinite(first) ? first : undefined;
}

const length = (span: Span | undefined): number | undefined => (span ? span.end - span.start : undefined);

export function timingOf(response: LlmResponse, requestedAt: number): ResponseTiming {
  const spans = [response.textSpan, response.reasoningSpan, ...response.tools.map((t) => t.span)].filter(
    (s): s is Span => s !== undefined,
  );
  const timing: ResponseTiming = { tools: response.tools.map((t) => t.span.end - t.span.start), estimated: false };
  const reasoning = length(response.reasoningSpan);
  const answer = length(response.textSpan);
  if (reasoning !== undefined) timing.reasoning = reasoning;
  if (answer !== undefined) timing.answer = answer;
  const first = firstTokenAt(response);
  if (first === undefined) return timing;
  let last = Number.NEGATIVE_INFINITY;
  for (const span of spans) if (span.end > last) last = span.end;
  timing.firstToken = Math.max(0, first - requestedAt);
  let tokens = response.usage?.output;
  if (tokens === undefined) {
    const chars =
      response.text.length + response.reasoning.length + response.tools.reduce((n, t) => n + t.args.length, 0);
    tokens = Math.round(chars / CHARS_PER_TOKEN);
    timing.estimated = true;
  }
  timing.outputTokens = tokens;
  if (last > first && tokens > 0) timing.tokensPerSecond = tokens / ((last - first) / 1000);
  const server = response.serverTimings;
  if (server?.output !== undefined) {
    timing.tokensPerSecond = server.output;
    timing.estimated = false;
    timing.measured = true;
  }
  if (server?.input !== undefined) timing.promptPerSecond = server.input;
  return timing;
}
