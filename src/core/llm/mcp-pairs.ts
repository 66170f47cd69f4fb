/**
 * Pairs an MCP stream's JSON-RPC messages: each request with the result or error that answers it
 * (same id, the other direction), so the view can say what answered what, and how long it took.
 */
import type { McpMessage } from './response';

export interface McpPairs {
  /** For each message's index: the index of its partner (request ↔ answer), if any. */
  partner: Map<number, number>;
}

export function pairMessages(messages: readonly McpMessage[]): McpPairs {
  const partner = new Map<number, number>();
  const open = new Map<string, number>();
  messages.forEach((message, index) => {
    if (message.rpcId === undefined) return;
    if (message.kind === 'request') open.set(`${message.direction} ${message.rpcId}`, index);
    else {
      const asked = message.direction === 'received' ? 'sent' : 'received';
      const request = open.get(`${asked} ${message.rpcId}`);
      if (request === undefined) return;
      open.delete(`${asked} ${message.rpcId}`);
      partner.set(index, request);
      partner.set(request, index);
    }
  });
  return { partner };
}
