/**
 * Reads SSE out of a HAR file: entries with `_eventSourceMessages` (cypress-har-generator's
 * convention, and what SSE Scope writes), and entries whose response is `text/event-stream` (or
 * NDJSON) with the stream in `content.text`, parsed as the relay parses live bytes. The result is a
 * capture file, which the importer then checks like any other.
 */

import { chunkParserFor } from '../core/chunk-parser';
import type { BlockRecord, EventRecord, StreamFormat } from '../core/model';
import { isObject } from '../core/plain-object';
import { formatOf } from '../core/stream-format';
import { originOf } from '../core/stream-parser';
import {
  CAPTURE_FORMAT,
  CAPTURE_VERSION,
  type CaptureConnection,
  type CaptureEvent,
  type CaptureFile,
} from './capture-file';
import { ImportError } from './import-error';

const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const encoder = new TextEncoder();
const text = (x: unknown): string => (typeof x === 'string' ? x : '');

function pairs(x: unknown): [string, string][] {
  return list(x)
    .filter(isObject)
    .map((h): [string, string] => [text(h.name), text(h.value)]);
}

/** Seconds since the epoch (the convention), or milliseconds from writers that use them. */
const messageTime = (time: unknown, fallback: number): number => {
  const value = Number(time);
  if (!Number.isFinite(value) || value <= 0) return fallback;
  return value < 1e11 ? value * 1000 : value;
};

/** The body as text, or as bytes for a binary format (the AWS event stream) that came base64-encoded. */
function bodyOf(content: Record<string, unknown>, format: StreamFormat): string | Uint8Array {
  const raw = text(content.text);
  if (content.encoding !== 'base64') return raw;
  const binary = atob(raw);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return format === 'aws-eventstream' ? bytes : new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** A HAR `httpVersion` (`HTTP/1.1`, `http/2.0`, `h2`, `h3`…) as an ALPN id, when it names one. */
function alpnOf(version: string): string | undefined {
  const v = version.toLowerCase();
  if (v === 'http/1.1' || v === 'http/1.0') return v;
  if (v === 'h2' || v === 'http/2' || v === 'http/2.0') return 'h2';
  if (v.startsWith('h3') || v === 'http/3' || v === 'http/3.0') return 'h3';
  return undefined;
}

export function harToCaptureFile(input: unknown): CaptureFile {
  const log = isObject(input) && isObject(input.log) ? input.log : undefined;
  if (!log || !Array.isArray(log.entries)) throw new ImportError('not-har');
  const connections: CaptureConnection[] = [];
  for (const entry of log.entries.filter(isObject)) {
    const request = isObject(entry.request) ? entry.request : {};
    const response = isObject(entry.response) ? entry.response : {};
    const content = isObject(response.content) ? response.content : {};
    const messages = list(entry._eventSourceMessages).filter(isObject);
    const format = formatOf(text(content.mimeType));
    if (messages.length === 0 && !(format && text(content.text) !== '')) continue;
    const url = text(request.url);
    const createdAt = Date.parse(text(entry.startedDateTime)) || Date.now();
    const duration = Number(entry.time);
    const endedAt = createdAt + (Number.isFinite(duration) && duration > 0 ? duration : 0);
    const timings = isObject(entry.timings) ? entry.timings : {};
    const wait = Number(timings.wait);
    const openedAt = createdAt + (Number.isFinite(wait) && wait > 0 ? wait : 0);
    const status = Number(response.status) || 0;
    const kind = entry._resourceType === 'fetch' || entry._resourceType === 'xhr' ? entry._resourceType : 'eventsource';
    const origin = originOf(url);
    let events: CaptureEvent[];
    let blocks: CaptureConnection['blocks'] = [];
    if (messages.length > 0) {
      events = messages.map((m) => ({
        time: messageTime(m.time, openedAt),
        type: text(m.eventName) || 'message',
        data: text(m.data),
        lastEventId: text(m.eventId),
        origin,
        size: encoder.encode(text(m.data)).byteLength,
      }));
    } else {
      const parser = chunkParserFor(1, format as StreamFormat, origin);
      const records = [...parser.push(openedAt, bodyOf(content, format as StreamFormat)), ...parser.end(endedAt)];
      events = records
        .filter((r): r is EventRecord => r.kind === 'event')
        .map(({ kind: _kind, conn: _conn, ...event }) => ({
          ...event,
          size: encoder.encode(event.data).byteLength,
        }));
      blocks = records
        .filter((r): r is BlockRecord => r.kind === 'block')
        .map(({ kind: _kind, conn: _conn, ...frame }) => frame);
    }
    const connection: CaptureConnection = {
      id: connections.length + 1,
      kind,
      url,
      frame: { id: 0, url: '' },
      withCredentials: false,
      createdAt,
      endedAt,
      lifecycle: [
        { state: 'connecting', time: createdAt },
        ...(status === 200 ? [{ state: 'open' as const, time: openedAt }] : []),
        { state: status === 200 ? 'closed' : 'failed', time: endedAt },
      ],
      listening: [],
      events,
      blocks,
      chunks: [],
      dropped: 0,
    };
    if (kind !== 'eventsource') {
      connection.request = { method: text(request.method) || 'GET', headers: pairs(request.headers) };
      const post = isObject(request.postData) ? request.postData : undefined;
      if (post && typeof post.text === 'string') connection.request.body = post.text;
      connection.response = {
        time: openedAt,
        url,
        status,
        statusText: text(response.statusText),
        headers: pairs(response.headers),
        format: format ?? 'sse',
      };
    } else if (status > 0) {
      connection.http = {
        time: openedAt,
        url,
        status,
        contentType: text(content.mimeType),
        headers: pairs(response.headers),
      };
    }
    const version = alpnOf(text(response.httpVersion));
    if (version !== undefined) connection.protocol = version;
    // Checked as every replay record is, when the capture file is imported.
    if (isObject(entry._replay)) connection.replay = entry._replay as unknown as CaptureConnection['replay'];
    connections.push(connection);
  }
  const pages = list(log.pages).filter(isObject);
  return {
    format: CAPTURE_FORMAT,
    version: CAPTURE_VERSION,
    exportedAt: new Date().toISOString(),
    tool: 'HAR',
    page: text(pages[0]?.title),
    navigations: [],
    connections,
  };
}
