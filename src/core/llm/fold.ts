/**
 * Recognises a stream's protocol and folds its events into a response, as they arrive. The first
 * events are held until one protocol claims the stream (by the shape of an event or of the
 * request); then they and every later event are folded by that protocol, one at a time. A stream
 * no protocol claims within its first few events is left alone (the view joins its plain text).
 */
import { parseJson } from '../json';
import type { LlmEvent, LlmRequest, Protocol } from './protocol';
import { a2a } from './protocols/a2a';
import { agUi } from './protocols/ag-ui';
import { aiSdkV4 } from './protocols/ai-sdk-v4';
import { aiSdkV5 } from './protocols/ai-sdk-v5';
import { anthropic } from './protocols/anthropic';
import { bedrockConverse } from './protocols/bedrock-converse';
import { cohere } from './protocols/cohere';
import { deepSeekWeb } from './protocols/deepseek-web';
import { gemini } from './protocols/gemini';
import { langGraph } from './protocols/langgraph';
import { llamaCpp } from './protocols/llama-cpp';
import { mcp } from './protocols/mcp';
import { ollama } from './protocols/ollama';
import { openAiChat } from './protocols/openai-chat';
import { openAiResponses } from './protocols/openai-responses';
import { tgi } from './protocols/tgi';
import { type LlmResponse, newResponse, type Piece, type ProtocolId } from './response';

/** In the order they are tried: the most specific shapes first. */
const PROTOCOLS: readonly (readonly [Exclude<ProtocolId, 'text'>, Protocol])[] = [
  // Claims only the AWS event stream, whose event types others might share.
  ['bedrock-converse', bedrockConverse],
  ['ai-sdk-v4', aiSdkV4],
  ['ag-ui', agUi],
  // Before MCP, which would claim any JSON-RPC stream.
  ['a2a', a2a],
  ['mcp', mcp],
  ['openai-responses', openAiResponses],
  ['anthropic', anthropic],
  ['cohere', cohere],
  ['ai-sdk-v5', aiSdkV5],
  ['gemini', gemini],
  ['ollama', ollama],
  ['tgi', tgi],
  ['llama-cpp', llamaCpp],
  ['deepseek-web', deepSeekWeb],
  ['langgraph', langGraph],
  ['openai-chat', openAiChat],
];

/** Events looked at before giving up on a stream no protocol claims. */
const LOOK_AT = 8;

/** An event as the fold sees it; `piece` is set to what the event gave, for the table's preview. */
export interface FoldedEvent extends LlmEvent {
  piece?: Piece;
}

export class ResponseFolder {
  response: LlmResponse | undefined;
  private protocol: Protocol | undefined;
  private held: FoldedEvent[] = [];
  private gaveUp = false;

  /** `request` is asked when an event first needs it (the response's headers come after the connection). */
  constructor(private readonly request: () => LlmRequest) {}

  /** Whether a protocol claimed the stream, or it was given up on: no more waiting. */
  get settled(): boolean {
    return this.protocol !== undefined || this.gaveUp;
  }

  push(event: FoldedEvent): void {
    if (this.protocol) {
      this.fold(this.protocol, event, parseJson(event.data)?.value);
      return;
    }
    if (this.gaveUp) return;
    const json = parseJson(event.data)?.value;
    const request = this.request();
    const found = PROTOCOLS.find(([, protocol]) => protocol.detect(event, json, request));
    if (!found) {
      this.held.push(event);
      if (this.held.length >= LOOK_AT) {
        this.gaveUp = true;
        this.held = [];
      }
      return;
    }
    const [id, protocol] = found;
    this.protocol = protocol;
    this.response = newResponse(id);
    const held = this.held;
    this.held = [];
    protocol.start?.(this.response, request, held[0]?.time ?? event.time);
    for (const earlier of held) this.fold(protocol, earlier, parseJson(earlier.data)?.value);
    this.fold(protocol, event, json);
  }

  private fold(protocol: Protocol, event: FoldedEvent, json: unknown): void {
    const response = this.response as LlmResponse;
    const piece = protocol.fold(response, event, json);
    if (piece) {
      response.used++;
      if (piece.text !== '') event.piece = piece;
    } else {
      response.unused++;
      response.unusedTypes[event.type] = (response.unusedTypes[event.type] ?? 0) + 1;
    }
  }
}
