/**
 * What the test snippets (./msw-handler, ./playwright-route) write alike: values as TypeScript
 * literals (page data is only ever inside string literals, never in comments or code), and the
 * comment that says where a snippet came from.
 * not-ui-text (the whole module): it writes TypeScript, whose comments are in English as code's are.
 */
import { isMasked, MASK } from '../core/secrets';
import type { CaptureConnection } from './capture-file';
import type { RecordedStream, Timed } from './recorded-stream';

/** A string literal: JSON's escapes are TypeScript's, U+2028 and U+2029 included. */
export const literal = (text: string): string => JSON.stringify(text);

const encoder = new TextEncoder();

export const needsBytes = (chunks: readonly Timed<string | Uint8Array>[]): boolean =>
  chunks.some((chunk) => typeof chunk.value !== 'string');

/**
 * A body's chunks as literals: their text, or all as bytes when one is not whole UTF-8 (a character
 * split across two chunks), so that the code that plays them has one shape to read.
 */
export function chunkLiterals(
  chunks: readonly Timed<string | Uint8Array>[],
  bytes = needsBytes(chunks),
): { bytes: boolean; lines: string[] } {
  const lines = chunks.map(({ at, value }) =>
    typeof value === 'string' && !bytes
      ? `{ at: ${at}, text: ${literal(value)} }`
      : `{ at: ${at}, bytes: [${Array.from(typeof value === 'string' ? encoder.encode(value) : value).join(', ')}] }`,
  );
  return { bytes, lines };
}

const KIND_NAMES = { eventsource: 'an EventSource', fetch: 'a fetch stream', xhr: 'an XHR stream' } as const;

/** The comment at a snippet's top: which connection, when, and what was masked or guessed. */
export function originComment(c: CaptureConnection, stream: RecordedStream, what: string[]): string {
  const lines = [
    `Connection ${c.id} (${KIND_NAMES[c.kind]}, ${stream.method}), recorded by SSE Scope at ${new Date(c.createdAt).toISOString()}.`,
    ...what,
  ];
  if (stream.inferredRetry !== undefined)
    lines.push(
      `An EventSource does not show its retry field: ${stream.inferredRetry} ms is the recorded reconnect's delay.`,
    );
  const masked =
    isMasked(c.url) ||
    c.events.some((e) => isMasked(e.data)) ||
    stream.responses.some((r) => r.chunks.some((chunk) => typeof chunk.value === 'string' && isMasked(chunk.value)));
  if (masked) lines.push(`${MASK} stands for a secret SSE Scope masked.`);
  return lines.map((line) => `// ${line}\n`).join('');
}
