/**
 * What fetch and XHR hooks share: telling a stream response from the rest by its content type (or
 * a request that asked for `text/event-stream`), describing a request without running page code
 * (only own data properties are read, never getters).
 */

import { LIMITS, utf8Length } from '../core/limits';
import type { StreamFormat } from '../core/model';
import { formatOfEssence } from '../core/stream-format';
import { readBranded } from './brands';
import { accessor, apply, getOwnPropertyDescriptor, read, slice } from './natives';

const toLowerCase = String.prototype.toLowerCase;
const indexOf = String.prototype.indexOf;
const trim = String.prototype.trim;
const ownKeys = Reflect.ownKeys;
const isArray = Array.isArray;
const searchParamsToString = URLSearchParams.prototype.toString;
const blobSize = accessor(Blob.prototype, 'size');
const formDataHas = FormData.prototype.has;
const streamLocked = accessor(ReadableStream.prototype, 'locked');
const isView = ArrayBuffer.isView;
const NativeUint8Array = Uint8Array;
const NativeTextDecoder = TextDecoder;
const decode = TextDecoder.prototype.decode;
const arrayBufferByteLength = accessor(ArrayBuffer.prototype, 'byteLength');
const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
/** A typed array's name, and undefined (not a throw) for anything else. */
const typedArrayTag = getOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag)?.get as (this: unknown) => unknown;
const viewByteLength = getOwnPropertyDescriptor(typedArrayProto, 'byteLength')?.get;
const viewBuffer = getOwnPropertyDescriptor(typedArrayProto, 'buffer')?.get;
const viewByteOffset = getOwnPropertyDescriptor(typedArrayProto, 'byteOffset')?.get;
const dataViewByteLength = getOwnPropertyDescriptor(DataView.prototype, 'byteLength')?.get;
const dataViewBuffer = getOwnPropertyDescriptor(DataView.prototype, 'buffer')?.get;
const dataViewByteOffset = getOwnPropertyDescriptor(DataView.prototype, 'byteOffset')?.get;
const headersHas = Headers.prototype.has;
const headersEntries = Headers.prototype.entries;
const headersIteratorNext = (Object.getPrototypeOf(new Headers().entries()) as { next: () => unknown }).next;

export const lower = (text: string): string => apply(toLowerCase, text, []) as string;
const has = (text: string, part: string): boolean => (apply(indexOf, text, [part]) as number) >= 0;

/** The stream format of a Content-Type (any parameters and case), read with the page's natives. */
function formatOf(contentType: string | null | undefined): StreamFormat | undefined {
  if (!contentType) return undefined;
  const type = lower(apply(trim, contentType, []) as string);
  const semicolon = apply(indexOf, type, [';']) as number;
  const essence = apply(trim, semicolon < 0 ? type : slice(type, 0, semicolon), []) as string;
  return formatOfEssence(essence);
}

/** The response header by which the Vercel AI SDK 4 marks its data stream (served as `text/plain`). */
export const DATA_STREAM_HEADER = 'x-vercel-ai-data-stream';

/**
 * A response's stream format: from its content type, else `data-stream` when the data stream
 * header says `v1`, else SSE when the request asked for `text/event-stream`.
 */
export function streamFormatOf(
  contentType: string | null | undefined,
  dataStreamHeader: () => string | null | undefined,
  wantsEventStream: boolean,
): StreamFormat | undefined {
  const format = formatOf(contentType);
  if (format) return format;
  // Asked for only now: most responses are not streams, and most of those are not `text/plain`.
  const mark = dataStreamHeader();
  if (typeof mark === 'string' && lower(apply(trim, mark, []) as string) === 'v1') return 'data-stream';
  return wantsEventStream ? 'sse' : undefined;
}

function cut(text: string, max: number): string {
  return text.length > max ? slice(text, 0, max) : text;
}

/** Collects header pairs (as the page sent them: the relay keeps them, and masks their secrets wherever they go). */
export class HeaderList {
  readonly pairs: [string, string][] = [];
  accept = '';

  add(name: unknown, value: unknown): void {
    if (typeof name !== 'string' || typeof value !== 'string' || this.pairs.length >= LIMITS.headers) return;
    if (lower(name) === 'accept') this.accept = lower(value);
    this.pairs[this.pairs.length] = [cut(name, LIMITS.shortTextChars), cut(value, LIMITS.shortTextChars)];
  }

  /** From a native Headers object (its native iterator: no page code runs). */
  addHeaders(headers: Headers): void {
    const iterator = apply(headersEntries, headers, []);
    for (let i = 0; i < LIMITS.headers; i++) {
      const step = apply(headersIteratorNext, iterator, []) as { done: boolean; value: [string, string] };
      if (step.done) return;
      this.add(step.value[0], step.value[1]);
    }
  }

  /** From what `fetch` accepts as `init.headers`: Headers, pairs, or a record (own data properties only). */
  addInit(init: unknown): void {
    if (isHeaders(init)) {
      this.addHeaders(init);
      return;
    }
    if (typeof init !== 'object' || init === null) return;
    if (isArray(init)) {
      for (let i = 0; i < init.length && i < LIMITS.headers; i++) {
        const pair = ownValue(init, `${i}`);
        if (isArray(pair) && pair.length === 2) this.add(ownValue(pair, '0'), ownValue(pair, '1'));
      }
      return;
    }
    const keys = ownKeys(init);
    for (let i = 0; i < keys.length && i < LIMITS.headers; i++) {
      const key = keys[i];
      if (typeof key === 'string') this.add(key, ownValue(init, key));
    }
  }

  get wantsEventStream(): boolean {
    return has(this.accept, 'text/event-stream');
  }
}

/**
 * Whether `init.headers` is a Headers object. A record of headers has own keys and a Headers object
 * has none, so the brand check (which throws, slowly, for anything else) is tried only on an
 * object without any (a Headers object the page gave properties of its own is read as a record).
 */
function isHeaders(init: unknown): init is Headers {
  if (typeof init !== 'object' || init === null || isArray(init) || ownKeys(init).length > 0) return false;
  return readBranded(headersHas, init, ['accept']) !== undefined;
}

/** An own data property's value; undefined for accessors (reading them would run page code). */
export function ownValue(target: object, key: string): unknown {
  const descriptor = getOwnPropertyDescriptor(target, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

function decodePreview(bytes: Uint8Array): string {
  const decoder = new NativeTextDecoder();
  return apply(decode, decoder, [bytes]) as string;
}

/** A preview of a request body and its size, without consuming it or running page code. */
export function describeBody(body: unknown): { preview?: string; size?: number } {
  if (body === undefined || body === null) return {};
  if (typeof body === 'string')
    return { preview: cut(body, LIMITS.requestBodyChars), size: body.length < 1 << 20 ? utf8Length(body) : undefined };
  if (typeof body !== 'object') return {};
  if (isView(body)) {
    const dataView = read(typedArrayTag, body) === undefined;
    const size = apply((dataView ? dataViewByteLength : viewByteLength) as () => number, body, []) as number;
    const buffer = apply((dataView ? dataViewBuffer : viewBuffer) as () => ArrayBuffer, body, []) as ArrayBuffer;
    const offset = apply((dataView ? dataViewByteOffset : viewByteOffset) as () => number, body, []) as number;
    return {
      preview: decodePreview(
        new NativeUint8Array(buffer, offset, size < LIMITS.requestBodyChars ? size : LIMITS.requestBodyChars),
      ),
      size,
    };
  }
  // Each kind by its brand (a native method or getter that throws for any other object).
  const params = readBranded<string>(searchParamsToString, body);
  if (params !== undefined) return { preview: cut(params, LIMITS.requestBodyChars), size: params.length };
  const bufferSize = readBranded<number>(arrayBufferByteLength, body);
  if (bufferSize !== undefined) {
    const length = bufferSize < LIMITS.requestBodyChars ? bufferSize : LIMITS.requestBodyChars;
    return { preview: decodePreview(new NativeUint8Array(body as ArrayBuffer, 0, length)), size: bufferSize };
  }
  const blob = readBranded<number>(blobSize, body);
  if (blob !== undefined) return { preview: `[Blob, ${blob} bytes]`, size: blob };
  if (readBranded(formDataHas, body, ['']) !== undefined) return { preview: '[FormData]' };
  if (readBranded(streamLocked, body) !== undefined) return { preview: '[ReadableStream]' };
  return {};
}
