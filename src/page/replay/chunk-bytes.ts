/**
 * A replay chunk as the network would deliver it: bytes (text as UTF-8, or its base64 bytes), and
 * as text for a reader that decodes (a stand-in EventSource, XHR): a decoder per response, in
 * stream mode, so a character split across chunks comes out whole.
 */
import type { ReplayChunk } from '../../core/replay-rule';
import { apply, construct } from '../natives';

const NativeTextEncoder = TextEncoder;
const NativeTextDecoder = TextDecoder;
const NativeUint8Array = Uint8Array;
const encode = TextEncoder.prototype.encode;
const decode = TextDecoder.prototype.decode;
const nativeAtob = globalThis.atob;
const charCodeAt = String.prototype.charCodeAt;
const encoder = new NativeTextEncoder();

export function chunkBytes(chunk: ReplayChunk): Uint8Array {
  if (chunk.text !== undefined) return apply(encode, encoder, [chunk.text]) as Uint8Array;
  const binary = apply(nativeAtob, globalThis, [chunk.base64 ?? '']) as string;
  const bytes = construct(NativeUint8Array, [binary.length]) as Uint8Array;
  for (let i = 0; i < binary.length; i++) bytes[i] = apply(charCodeAt, binary, [i]) as number;
  return bytes;
}

/** A response's chunks as text, joined where a character was split. */
export function chunkDecoder(): { text(chunk: ReplayChunk): string; end(): string } {
  const decoder = construct(NativeTextDecoder, []) as TextDecoder;
  const stream = { stream: true };
  return {
    text: (chunk) => apply(decode, decoder, [chunkBytes(chunk), stream]) as string,
    end: () => apply(decode, decoder, []) as string,
  };
}
