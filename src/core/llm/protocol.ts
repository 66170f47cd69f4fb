/**
 * What every protocol module offers: `detect` looks at a stream's first JSON event (and the
 * request that opened it) and says whether the stream speaks this protocol; `fold` takes one event
 * into the response and says what it gave, or undefined when the protocol has no use for it.
 * Recognition is by the shape of events and requests, never by host name.
 */
import { headerValue } from '../headers';
import type { StreamFormat } from '../model';
import type { LlmResponse, Piece } from './response';

export interface LlmEvent {
  type: string;
  data: string;
  time: number;
  /** The SSE id this event's block set, if it had an `id:` line. */
  blockId?: string;
}

/** The request that opened the stream, and its response's framing. */
export interface LlmRequest {
  url: string;
  method?: string;
  body?: string;
  format?: StreamFormat;
  /** Response headers, names in lower case. */
  headers?: readonly (readonly [string, string])[];
}

export interface Protocol {
  detect(event: LlmEvent, json: unknown, request: LlmRequest): boolean;
  /** `json` is the event's data parsed, or undefined when it is not JSON. */
  fold(response: LlmResponse, event: LlmEvent, json: unknown): Piece | undefined;
  /** The request's body, for protocols whose answer pairs with it (MCP). */
  start?(response: LlmResponse, request: LlmRequest, time: number): void;
}

export function header(request: LlmRequest, name: string): string | undefined {
  return headerValue(request.headers, name);
}
