/**
 * One AWS message of the AWS event stream (`application/vnd.amazon.eventstream`, as Bedrock's
 * `ConverseStream` and `InvokeModelWithResponseStream` answer): a 12-byte prelude (total length
 * and headers length, big-endian uint32, then the CRC32 of those 8 bytes), the headers (each a
 * 1-byte name length, the name, a 1-byte type and a value of that type), the payload, and the
 * CRC32 of everything before it. "AWS message" is the spec's "message", named apart from the
 * messages between the extension's contexts.
 *
 * @see https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html (Event stream encoding)
 * @see https://github.com/smithy-lang/smithy-typescript/tree/main/packages/eventstream-codec
 */

/** The prelude (8 bytes and its CRC). */
export const PRELUDE_BYTES = 12;
/** A prelude and the message CRC: an AWS message with no headers and no payload. */
const MIN_MESSAGE_BYTES = PRELUDE_BYTES + 4;
/** The largest AWS message read (AWS's own limit on a message is 16 MiB of payload plus 128 KiB of headers). */
export const MAX_MESSAGE_BYTES = (1 << 24) + (1 << 17) + MIN_MESSAGE_BYTES;
const MAX_HEADER_BYTES = 1 << 17;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (the gzip one, reflected polynomial 0xEDB88320) of `bytes[from, to)`. */
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = from; i < to; i++) crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export type HeaderValue = string | number | boolean | bigint | Uint8Array;

export interface AwsHeader {
  name: string;
  /** The type's name, as the reference codec calls it: `boolean`, `byte`, `short`, `integer`, `long`, `binary`, `string`, `timestamp`, `uuid`. */
  type: string;
  value: HeaderValue;
}

export interface AwsMessage {
  headers: AwsHeader[];
  payload: Uint8Array;
}

/** Why bytes are not an AWS message; `fatal` when the length cannot be trusted, so nothing after it can be read. */
export class AwsMessageError extends Error {
  constructor(
    message: string,
    readonly fatal: boolean,
  ) {
    super(message);
  }
}

/** The total length the prelude at `bytes[0, 12)` claims, checked against its CRC and the caps. */
export function messageLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, PRELUDE_BYTES);
  const total = view.getUint32(0);
  const headers = view.getUint32(4);
  const expected = view.getUint32(8);
  const actual = crc32(bytes, 0, 8);
  if (expected !== actual)
    throw new AwsMessageError(
      `prelude CRC mismatch: the prelude says ${hex(expected)}, its bytes give ${hex(actual)}`,
      true,
    );
  if (total < MIN_MESSAGE_BYTES || headers > total - MIN_MESSAGE_BYTES)
    throw new AwsMessageError(`bad prelude: a message of ${total} bytes cannot hold ${headers} bytes of headers`, true);
  if (total > MAX_MESSAGE_BYTES || headers > MAX_HEADER_BYTES)
    throw new AwsMessageError(
      `too large: the prelude claims a message of ${total.toLocaleString('en-US')} bytes (at most ${MAX_MESSAGE_BYTES.toLocaleString('en-US')} are read)`,
      true,
    );
  return total;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/** One whole AWS message (`bytes` is exactly its length, its prelude checked by {@link messageLength}). */
export function decodeMessage(bytes: Uint8Array): AwsMessage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.byteLength - 4;
  const expected = view.getUint32(end);
  const actual = crc32(bytes, 0, end);
  if (expected !== actual)
    throw new AwsMessageError(
      `message CRC mismatch: the message says ${hex(expected)}, its bytes give ${hex(actual)}`,
      false,
    );
  const headersEnd = PRELUDE_BYTES + view.getUint32(4);
  return { headers: decodeHeaders(bytes, view, PRELUDE_BYTES, headersEnd), payload: bytes.subarray(headersEnd, end) };
}

const utf8 = new TextDecoder('utf-8');

function decodeHeaders(bytes: Uint8Array, view: DataView, from: number, to: number): AwsHeader[] {
  const headers: AwsHeader[] = [];
  let at = from;
  const need = (n: number) => {
    if (at + n > to) throw new AwsMessageError('bad headers: a header runs past the headers length', false);
  };
  while (at < to) {
    need(1);
    const nameLength = view.getUint8(at++);
    need(nameLength + 1);
    const name = utf8.decode(bytes.subarray(at, at + nameLength));
    at += nameLength;
    const code = view.getUint8(at++);
    let type: string;
    let value: HeaderValue;
    switch (code) {
      case 0:
      case 1:
        type = 'boolean';
        value = code === 0;
        break;
      case 2:
        need(1);
        [type, value] = ['byte', view.getInt8(at)];
        at += 1;
        break;
      case 3:
        need(2);
        [type, value] = ['short', view.getInt16(at)];
        at += 2;
        break;
      case 4:
        need(4);
        [type, value] = ['integer', view.getInt32(at)];
        at += 4;
        break;
      case 5:
      case 8:
        need(8);
        [type, value] = code === 5 ? ['long', view.getBigInt64(at)] : ['timestamp', Number(view.getBigInt64(at))];
        at += 8;
        break;
      case 6:
      case 7: {
        need(2);
        const length = view.getUint16(at);
        at += 2;
        need(length);
        const raw = bytes.subarray(at, at + length);
        [type, value] = code === 6 ? ['binary', raw] : ['string', utf8.decode(raw)];
        at += length;
        break;
      }
      case 9:
        need(16);
        [type, value] = ['uuid', bytes.subarray(at, at + 16)];
        at += 16;
        break;
      default:
        throw new AwsMessageError(`bad headers: header ${JSON.stringify(name)} has unknown type ${code}`, false);
    }
    headers.push({ name, type, value });
  }
  return headers;
}
