/**
 * How a streamed body is framed, from its media type: `text/event-stream` is SSE; the JSON-lines
 * types are NDJSON; `application/vnd.amazon.eventstream` is the binary AWS event stream. The page hook finds the essence with the page's natives (it must not call a
 * method the page may have replaced) and asks `formatOfEssence`, which only compares strings;
 * everything else calls `formatOf`.
 */
import type { StreamFormat } from './model';

const NDJSON_TYPES = [
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/jsonlines',
] as const;

/** Every stream format a capture may name (a file of any version names one of these). */
const STREAM_FORMATS: readonly StreamFormat[] = ['sse', 'ndjson', 'data-stream', 'aws-eventstream'];

export function isStreamFormat(x: unknown): x is StreamFormat {
  return STREAM_FORMATS.includes(x as StreamFormat);
}

/** The format for a media type's essence (lower case, no parameters, trimmed). */
export function formatOfEssence(essence: string): StreamFormat | undefined {
  if (essence === 'text/event-stream') return 'sse';
  if (essence === 'application/vnd.amazon.eventstream') return 'aws-eventstream';
  for (let i = 0; i < NDJSON_TYPES.length; i++) if (essence === NDJSON_TYPES[i]) return 'ndjson';
  return undefined;
}

/** The format for a Content-Type header's value (any parameters and case). */
export function formatOf(contentType: string | null | undefined): StreamFormat | undefined {
  if (!contentType) return undefined;
  return formatOfEssence((contentType.split(';')[0] ?? '').trim().toLowerCase());
}
