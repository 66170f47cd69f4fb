/** What the panel calls each protocol the Response view reads: product names, the same in every language. */

import type { ProtocolId } from '../core/llm/response';
import { t } from '../ui/text/catalogue';

const PRODUCT_NAMES: Readonly<Record<Exclude<ProtocolId, 'text'>, string>> = {
  'openai-chat': 'OpenAI Chat Completions', // not-ui-text: a product name
  'openai-responses': 'OpenAI Responses', // not-ui-text: a product name
  anthropic: 'Anthropic Messages', // not-ui-text: a product name
  gemini: 'Gemini',
  cohere: 'Cohere Chat v2', // not-ui-text: a product name
  ollama: 'Ollama',
  'ai-sdk-v4': 'AI SDK data stream (v4)', // not-ui-text: a product name
  'ai-sdk-v5': 'AI SDK UI message stream (v5)', // not-ui-text: a product name
  langgraph: 'LangGraph / LangChain',
  mcp: 'MCP (Streamable HTTP)', // not-ui-text: a product name
  'ag-ui': 'AG-UI',
  a2a: 'A2A',
  tgi: 'Hugging Face TGI', // not-ui-text: a product name
  'llama-cpp': 'llama.cpp /completion', // not-ui-text: a product name
  'deepseek-web': 'DeepSeek web chat', // not-ui-text: a product name
  'bedrock-converse': 'Amazon Bedrock (ConverseStream)', // not-ui-text: a product name
};

export function protocolTitle(id: ProtocolId): string {
  return id === 'text' ? t('protocol_plain_text') : PRODUCT_NAMES[id];
}
