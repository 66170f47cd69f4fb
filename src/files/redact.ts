/**
 * What an export keeps of secrets. By default none: a request's URL, headers and body, a response's
 * URL and headers, the page's and frames' addresses, and the JSON of event data and of blocks are
 * masked where a name says a secret (src/core/secrets.ts), and by any further field names the user
 * gives (in event data and request bodies). Masked data no longer matches the bytes on the wire: a connection whose events or
 * blocks changed leaves out its chunks (its `.sse` export is then the events encoded again), each
 * changed event its exact block (`cuts` no longer fit it), and its derived answer and findings,
 * which may quote what was masked. The user may include the secrets, for one export.
 */
import { isSecretName, MASK, maskBody, maskHeaders, maskJsonText, maskUrl } from '../core/secrets';
import type { CaptureConnection, CaptureEvent, CaptureFile } from './capture-file';

export { MASK };

/** Quickly rules out a text no JSON key of which can be a secret's (most event data): no scan needed. */
const MAYBE_SECRET_KEY =
  /"[^"]{0,200}(?:tok|secret|pass|pwd|key|auth|cookie|sig|sess|cred|jwt|csrf|xsrf|otp)[^"]{0,200}"\s*:/i;

type KeyTest = (key: string) => boolean;

/** A data line's JSON, or a whole text's, with secret keys masked; the same text when nothing is. */
function maskData(text: string, isSecret: KeyTest, extra: boolean): string {
  if (!extra && !MAYBE_SECRET_KEY.test(text)) return text;
  return maskJsonText(text, isSecret) ?? text;
}

/** A block's raw text with the JSON of each `data:` line masked. */
function maskRaw(raw: string, isSecret: KeyTest, extra: boolean): string {
  if (!extra && !MAYBE_SECRET_KEY.test(raw)) return raw;
  return raw.replace(/^(data:\s?)(.*)$/gm, (line, field: string, value: string) => {
    const masked = maskData(value, isSecret, extra);
    return masked === value ? line : `${field}${masked}`;
  });
}

function maskEvent(event: CaptureEvent, isSecret: KeyTest, extra: boolean): CaptureEvent {
  const data = maskData(event.data, isSecret, extra);
  if (data === event.data) return event;
  const { raw: _raw, cuts: _cuts, ...rest } = event;
  return { ...rest, data };
}

function maskConnection(c: CaptureConnection, isSecret: KeyTest, extra: boolean): CaptureConnection {
  const events = c.events.map((event) => maskEvent(event, isSecret, extra));
  const blocks = c.blocks.map((block) => {
    const raw = maskRaw(block.raw, isSecret, extra);
    return raw === block.raw ? block : { ...block, raw };
  });
  const changed = events.some((e, i) => e !== c.events[i]) || blocks.some((b, i) => b !== c.blocks[i]);
  const out: CaptureConnection = {
    ...c,
    url: maskUrl(c.url),
    frame: { ...c.frame, url: maskUrl(c.frame.url) },
    events,
    blocks,
  };
  if (c.request) {
    out.request = { ...c.request, headers: maskHeaders(c.request.headers) };
    if (c.request.body !== undefined) out.request.body = maskBody(c.request.body, isSecret);
  }
  if (c.response)
    out.response = { ...c.response, url: maskUrl(c.response.url), headers: maskHeaders(c.response.headers) };
  if (c.http) {
    out.http = { ...c.http, url: maskUrl(c.http.url) };
    if (c.http.headers) out.http.headers = maskHeaders(c.http.headers);
  }
  if (c.worker) out.worker = { ...c.worker, url: maskUrl(c.worker.url) };
  if (changed) {
    out.chunks = [];
    delete out.answer;
    delete out.findings;
  }
  return out;
}

/**
 * The file with its secrets masked: by their names, and in event data also by these JSON field
 * names (any case). Masking a masked file changes nothing.
 */
export function maskSecrets(file: CaptureFile, fieldNames: readonly string[] = []): CaptureFile {
  const extra = new Set(fieldNames.map((k) => k.trim().toLowerCase()).filter(Boolean));
  const isSecret: KeyTest = (key) => isSecretName(key) || extra.has(key.toLowerCase());
  const masked: CaptureFile = {
    ...file,
    secrets: 'masked',
    page: maskUrl(file.page),
    navigations: file.navigations.map((n) => ({ ...n, url: maskUrl(n.url) })),
    connections: file.connections.map((c) => maskConnection(c, isSecret, extra.size > 0)),
  };
  if (extra.size > 0) masked.redacted = { keys: [...extra] };
  return masked;
}
