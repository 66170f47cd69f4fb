/**
 * Importing the text formats SSE Scope exports, which carry less than the capture file: NDJSON
 * (one event a line: the events and their connections, no lifecycle, chunks or requests) and a
 * connection's raw stream (`.sse`: its bytes only, parsed again). Each becomes a capture file, and
 * says which format it was, for the panel to tell the user what that format could not carry.
 */
import { toBase64 } from '../core/base64';
import { LIMITS } from '../core/limits';
import { isObject } from '../core/plain-object';
import { originOf } from '../core/stream-parser';
import { CAPTURE_FORMAT, CAPTURE_VERSION } from './capture-file';
import { ImportError } from './import-error';

/** A capture file built from a text export, and what the export could not carry. */
export interface TextImport {
  file: unknown;
  /** Which text format it was: NDJSON or a raw stream carry less than a capture file, each its own part. */
  format: 'ndjson' | 'sse';
}

/** A capture file around connections made from a text export. */
function fileOf(tool: string, connections: unknown[], now: number) {
  return {
    format: CAPTURE_FORMAT,
    version: CAPTURE_VERSION,
    exportedAt: new Date(now).toISOString(),
    tool,
    page: '',
    navigations: [],
    connections,
  };
}

/** Whether a text looks like NDJSON: its first line is a JSON object (and the whole is not one JSON value). */
export function looksLikeNdjson(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0] ?? '';
  if (!first.startsWith('{')) return false;
  try {
    return isObject(JSON.parse(first));
  } catch {
    return false;
  }
}

/** Whether a text looks like a raw event stream: its first line is a field or a comment. */
export function looksLikeEventStream(text: string): boolean {
  return /^(\uFEFF)?(:|data(:|\r?\n)|event:|id(:|\r?\n)|retry:)/.test(text);
}

/** NDJSON as SSE Scope writes it: one event a line (`connection`, `url`, `kind`, `timestamp`, `type`, `id`, `data`). */
export function ndjsonToCaptureFile(text: string, now = Date.now()): TextImport {
  const connections = new Map<number, Record<string, unknown> & { events: Record<string, unknown>[] }>();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ImportError('line-not-json', { line: i + 1 });
    }
    // A stream's answer line is derived from its events: the import folds them again.
    if (!isObject(value) || value.answer !== undefined) return;
    const id = Number(value.connection);
    const time = Number(value.timestamp);
    if (!Number.isSafeInteger(id) || !Number.isFinite(time) || typeof value.data !== 'string')
      throw new ImportError('line-not-event', { line: i + 1 });
    const url = typeof value.url === 'string' ? value.url : '';
    let connection = connections.get(id);
    if (!connection) {
      connection = {
        id,
        kind: value.kind,
        url,
        frame: { id: 0, url: '' },
        withCredentials: false,
        createdAt: time,
        lifecycle: [
          { state: 'connecting', time },
          { state: 'open', time },
        ],
        listening: [],
        events: [],
        blocks: [],
        chunks: [],
        dropped: 0,
      };
      connections.set(id, connection);
    }
    connection.events.push({
      time,
      type: typeof value.type === 'string' ? value.type : 'message',
      data: value.data,
      lastEventId: typeof value.id === 'string' ? value.id : '',
      origin: originOf(url),
    });
  });
  return {
    file: fileOf('NDJSON', [...connections.values()], now),
    format: 'ndjson',
  };
}

/** Bytes in chunks no larger than a capture's. */
function piecesOf(bytes: Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.byteLength; at += LIMITS.chunkBytes)
    pieces.push(bytes.subarray(at, at + LIMITS.chunkBytes));
  return pieces.length > 0 ? pieces : [bytes];
}

/** A connection's raw stream (`.sse`): its bytes, parsed as a stream read at the moment of import. */
export function eventStreamToCaptureFile(name: string, bytes: Uint8Array, now = Date.now()): TextImport {
  const url = `file:///${encodeURIComponent(name)}`;
  return {
    file: fileOf(
      '.sse',
      [
        {
          id: 1,
          kind: 'fetch',
          url,
          frame: { id: 0, url: '' },
          withCredentials: false,
          createdAt: now,
          endedAt: now,
          lifecycle: [
            { state: 'connecting', time: now },
            { state: 'open', time: now },
            { state: 'closed', time: now },
          ],
          endReason: 'complete',
          listening: [],
          response: {
            time: now,
            url,
            status: 200,
            statusText: 'OK',
            headers: [['content-type', 'text/event-stream']],
            format: 'sse',
          },
          events: [],
          blocks: [],
          chunks: piecesOf(bytes).map((piece) => ({ time: now, size: piece.byteLength, base64: toBase64(piece) })),
          dropped: 0,
        },
      ],
      now,
    ),
    format: 'sse',
  };
}
