/**
 * An event the user injects into a live stream (a fault): its type and data as typed in the panel,
 * written as one well-formed block. It travels panel → worker only, never from a page.
 */

export interface Injection {
  /** The event's type; empty means the default, `message`. */
  type: string;
  data: string;
}

/** How long an injected event's data may be, in UTF-8 bytes. */
export const INJECTION_MAX_BYTES = 64 * 1024;
/** How long its type may be, in characters. */
export const INJECTION_TYPE_CHARS = 256;

/** Why an injection cannot be written as one block, if it cannot. */
export function injectionProblem(injection: Injection): 'too-long' | 'type-line' | undefined {
  if (new TextEncoder().encode(injection.data).byteLength > INJECTION_MAX_BYTES) return 'too-long';
  // A line break in the type would start a field of its own: the block would say something else.
  if (injection.type.length > INJECTION_TYPE_CHARS || /[\r\n]/.test(injection.type)) return 'type-line';
  return undefined;
}

/**
 * The block: `event:` when a type is given, then one `data:` line per line of the data (any of
 * the spec's line endings splits it), and the blank line that dispatches it.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function injectedBlock({ type, data }: Injection): string {
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`);
  return `${type ? `event: ${type}\n` : ''}${lines.join('')}\n`;
}
