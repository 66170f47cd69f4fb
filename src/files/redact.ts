/**
 * Redaction before export. Header secrets are masked at capture and stay masked; this also masks
 * data fields by JSON key (`token`, `apiKey`, …) in event data and request bodies. Masked data no
 * longer matches the bytes on the wire, so raw blocks, chunks and non-event blocks are left out
 * of a redacted file (its `.sse` export is then the events encoded again).
 */
import { parseJson } from '../core/json';
import type { CaptureFile } from './capture-file';

export const DEFAULT_SECRET_KEYS = [
  'token',
  'apiKey',
  'api_key',
  'password',
  'secret',
  'authorization',
  'access_token',
];
export const MASK = '••••';

function maskValue(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => maskValue(item, keys));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    out[key] = keys.has(key.toLowerCase()) ? MASK : maskValue(item, keys);
  return out;
}

/** JSON text with the values of these keys masked, at any depth; other text unchanged. */
function maskJsonText(text: string, keys: ReadonlySet<string>): string {
  const json = parseJson(text);
  return json ? JSON.stringify(maskValue(json.value, keys)) : text;
}

export function redact(file: CaptureFile, keyList: readonly string[]): CaptureFile {
  const keys = new Set(keyList.map((k) => k.trim().toLowerCase()).filter(Boolean));
  if (keys.size === 0) return file;
  return {
    ...file,
    redacted: { keys: [...keys] },
    connections: file.connections.map((c) => ({
      ...c,
      request: c.request && {
        ...c.request,
        ...(c.request.body === undefined ? {} : { body: maskJsonText(c.request.body, keys) }),
      },
      events: c.events.map(({ raw: _raw, cuts: _cuts, comments: _comments, notes: _notes, ...event }) => ({
        ...event,
        data: maskJsonText(event.data, keys),
      })),
      blocks: [],
      chunks: [],
      // The answer is the data joined, and a finding's summary may quote it: both would carry what was masked.
      answer: undefined,
      findings: undefined,
    })),
  };
}
