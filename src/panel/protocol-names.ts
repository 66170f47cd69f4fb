/** What the panel calls each protocol the Response view reads. */
import type { ProtocolId } from '../core/llm/response';

export const PROTOCOL_NAMES: Readonly<Record<ProtocolId, string>> = {
  'openai-chat': 'OpenAI Chat Completions',
  'openai-responses': 'OpenAI Responses',
  anthropic: 'Anthropic Messages',
  gemini: 'Gemini',
  cohere: 'Cohere Chat v2',
  ollama: 'Ollama',
  'ai-sdk-v4': 'AI SDK data stream (v4)',
  'ai-sdk-v5': 'AI SDK UI message stream (v5)',
  langgraph: 'LangGraph / LangChain',
  mcp: 'MCP (Streamable HTTP)',
  text: 'plain text',
};
