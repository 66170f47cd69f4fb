/**
 * A connection of a capture file as a replay rule (../core/replay-rule): its recorded responses
 * (./recorded-stream), played at the recorded cadence to the page's requests for the same address,
 * with any query. A connection with nothing to play, or whose address was masked (a pattern with
 * `••••` in it would never match the page's real request), makes no rule: the reason comes back.
 */
import { toBase64 } from '../core/base64';
import { REPLAY_LIMITS, type ReplayChunk, type ReplayResponse, type ReplayRule } from '../core/replay-rule';
import { MASK } from '../core/secrets';
import type { CaptureConnection } from './capture-file';
import { recordedStream } from './recorded-stream';

/** Why a connection makes no rule. */
export type NoRule = { noRule: 'empty' | 'masked' };

export const isNoRule = (x: ReplayRule | NoRule): x is NoRule => 'noRule' in x;

/** Whether a URL's address (without its query) was masked: no request of the page's would match it. */
export const addressMasked = (url: string): boolean => (url.split(/[?#]/)[0] ?? '').includes(MASK);

const chunkOf = (at: number, value: string | Uint8Array): ReplayChunk =>
  typeof value === 'string' ? { at, text: value } : { at, base64: toBase64(value) };

/** A rule (on, at the recorded pace) that plays `connection` again; `id` is the caller's random one. */
export function replayRuleFrom(connection: CaptureConnection, id: string): ReplayRule | NoRule {
  const stream = recordedStream(connection);
  if (addressMasked(connection.url)) return { noRule: 'masked' };
  const responses = stream.responses.map((recorded): ReplayResponse => {
    const response: ReplayResponse = {
      status: recorded.status,
      contentType: recorded.contentType.slice(0, REPLAY_LIMITS.typeChars),
      chunks: recorded.chunks.map(({ at, value }) => chunkOf(at, value)),
    };
    if (recorded.end) response.end = { at: recorded.end.at, how: recorded.end.value };
    return response;
  });
  if (responses.every((response) => response.chunks.length === 0)) return { noRule: 'empty' };
  const rule: ReplayRule = {
    id,
    name: stream.address.slice(0, REPLAY_LIMITS.nameChars),
    on: true,
    match: stream.address,
    pace: 'x1',
    responses: responses.slice(0, REPLAY_LIMITS.responses),
  };
  if (stream.inferredRetry !== undefined) rule.retry = stream.inferredRetry;
  return rule;
}
