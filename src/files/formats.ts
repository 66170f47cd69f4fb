/**
 * The other export formats, all derived from the capture file: NDJSON (one event a line, for
 * `jq`), HAR 1.2 (each connection an entry, its events under `_eventSourceMessages` as
 * cypress-har-generator writes them, its stream text in `content.text`, the replay rule that
 * answered it in `_replay`), and a connection's raw
 * `text/event-stream` (`.sse`): its bytes as received when they are known, otherwise the events encoded
 * again so that parsing the file gives them back.
 */

import { fromBase64, toBase64 } from '../core/base64';
import { rebuildBlock } from '../core/event-text';
import { headerValue } from '../core/headers';
import { httpVersionName } from '../core/http-version';
import type { CaptureConnection, CaptureFile } from './capture-file';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toNdjson(file: CaptureFile): string {
  const lines: string[] = [];
  const events = file.connections.flatMap((c) => c.events.map((e) => ({ c, e })));
  events.sort((a, b) => a.e.time - b.e.time);
  for (const { c, e } of events) {
    lines.push(
      JSON.stringify({
        time: new Date(e.time).toISOString(),
        timestamp: e.time,
        connection: c.id,
        url: c.url,
        kind: c.kind,
        type: e.type,
        id: e.lastEventId,
        data: e.data,
        // Not the server's: a replay rule of the user's answered the connection.
        ...(c.replay ? { replayedBy: c.replay.name } : {}),
      }),
    );
  }
  // Then each stream's answer (LLM and tool protocols), one line a connection.
  for (const c of file.connections)
    if (c.answer) lines.push(JSON.stringify({ connection: c.id, url: c.url, kind: c.kind, answer: c.answer }));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** A connection's stream as bytes: the chunks exactly, or the events encoded again. */
export function toSse(connection: CaptureConnection): Uint8Array {
  const exact = connection.chunks.length > 0 && connection.chunks.every((c) => c.base64 !== undefined);
  if (exact) {
    const parts = connection.chunks.map((c) => fromBase64(c.base64 as string));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.byteLength;
    }
    return all;
  }
  if (connection.chunks.length > 0 && connection.chunks.every((c) => c.text !== undefined))
    return encoder.encode(connection.chunks.map((c) => c.text).join(''));
  let previous = '';
  const text = connection.events
    .map((e) => {
      const block = rebuildBlock({ ...e, idChanged: e.lastEventId !== previous });
      previous = e.lastEventId;
      return block;
    })
    .join('');
  return encoder.encode(text);
}

const iso = (ms: number) => new Date(ms).toISOString();

function queryString(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

const headers = (pairs: readonly [string, string][] | undefined) =>
  (pairs ?? []).map(([name, value]) => ({ name, value }));

export function toHar(file: CaptureFile, version: string): unknown {
  let started = Date.now();
  for (const c of file.connections) if (c.createdAt < started) started = c.createdAt;
  return {
    log: {
      version: '1.2',
      creator: { name: 'SSE Scope', version }, // not-ui-text: the tool, as files name it
      pages: [
        {
          startedDateTime: iso(started),
          id: 'page_1',
          title: file.page,
          pageTimings: { onContentLoad: -1, onLoad: -1 },
        },
      ],
      entries: file.connections.map((c) => {
        const end = c.endedAt ?? c.events.at(-1)?.time ?? c.createdAt;
        const responseAt = c.response?.time ?? c.lifecycle.find((s) => s.state === 'open')?.time ?? c.createdAt;
        const body = toSse(c);
        // The AWS event stream is binary: its bytes go in base64, as HAR allows (`encoding`).
        const binary = c.response?.format === 'aws-eventstream' && c.chunks.every((k) => k.base64 !== undefined);
        const text = binary ? toBase64(body) : decoder.decode(body);
        const status = c.response?.status ?? c.http?.status ?? (c.lifecycle.some((s) => s.state === 'open') ? 200 : 0);
        const mimeType =
          c.response?.format === 'ndjson'
            ? (headerValue(c.response.headers, 'content-type') ?? 'application/x-ndjson')
            : binary
              ? 'application/vnd.amazon.eventstream'
              : 'text/event-stream';
        const httpVersion = httpVersionName(c.protocol) ?? 'HTTP/1.1';
        const request: Record<string, unknown> = {
          method: c.request?.method ?? 'GET',
          url: c.url,
          httpVersion,
          cookies: [],
          headers: headers(c.request?.headers),
          queryString: queryString(c.url),
          headersSize: -1,
          bodySize: c.request?.bodySize ?? (c.request?.body === undefined ? 0 : -1),
        };
        if (c.request?.body !== undefined) {
          const type = headerValue(c.request.headers, 'content-type') ?? 'text/plain';
          request.postData = { mimeType: type, text: c.request.body };
        }
        return {
          pageref: 'page_1',
          startedDateTime: iso(c.createdAt),
          time: Math.max(0, end - c.createdAt),
          request,
          response: {
            status,
            statusText: c.response?.statusText ?? (status === 200 ? 'OK' : ''),
            httpVersion,
            cookies: [],
            headers: headers(c.response?.headers ?? c.http?.headers),
            content: binary
              ? { size: body.byteLength, mimeType, text, encoding: 'base64' }
              : { size: encoder.encode(text).byteLength, mimeType, text },
            redirectURL: '',
            headersSize: -1,
            bodySize: -1,
          },
          cache: {},
          timings: {
            blocked: -1,
            dns: -1,
            connect: -1,
            ssl: -1,
            send: 0,
            wait: Math.max(0, responseAt - c.createdAt),
            receive: Math.max(0, end - responseAt),
          },
          _resourceType: c.kind === 'eventsource' ? 'eventsource' : c.kind,
          _eventSourceMessages: c.events.map((e) => ({
            time: e.time / 1000,
            eventName: e.type,
            eventId: e.lastEventId,
            data: e.data,
          })),
          // A replay rule of the user's answered it, not the server (a custom field, as HAR allows).
          ...(c.replay ? { _replay: { ...c.replay } } : {}),
        };
      }),
    },
  };
}
