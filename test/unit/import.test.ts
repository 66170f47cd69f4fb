/** Imports: what is refused and why (a typed error the panel words), version 1 files, HAR bodies as text, SSE Scope's own NDJSON and .sse. */
import { expect, test } from '@playwright/test';
import type { CaptureFile } from '../../src/files/capture-file';
import { importCaptureFile, storeFromImport } from '../../src/files/capture-import';
import { toNdjson, toSse } from '../../src/files/formats';
import { harToCaptureFile } from '../../src/files/har-import';
import { ImportError } from '../../src/files/import-error';
import {
  eventStreamToCaptureFile,
  looksLikeEventStream,
  looksLikeNdjson,
  ndjsonToCaptureFile,
} from '../../src/files/text-import';
import { t } from '../../src/ui/text/catalogue';
import { importErrorText, TEXT_IMPORT_NOTES } from '../../src/ui/text/imports';
import { speak } from '../support/messages';

import { exported, richStore } from '../support/rich-capture';

speak();

/** Why `read` refused its input: the typed error's kind, and the sentence the panel shows for it. */
function refusal(read: () => unknown): { kind: string; text: string } {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return { kind: (error as ImportError).kind, text: importErrorText(error) };
  }
  throw new Error('not refused'); // not-ui-text
}

test('a capture file that is not one, or of another version, is refused with a message; bad connections are left out', () => {
  const notOne = refusal(() => importCaptureFile({ log: {} }));
  expect(notOne.kind).toBe('not-capture');
  expect(notOne.text).toContain('not an SSE Scope capture file');
  const other = refusal(() => importCaptureFile({ format: 'sse-scope/capture', version: 9 }));
  expect(other.kind).toBe('version');
  expect(other.text).toMatch(/version 9 is not supported/);
  const file = exported(richStore()) as unknown as { connections: Record<string, unknown>[] };
  (file.connections[1] as Record<string, unknown>).kind = 'websocket';
  ((file.connections[0] as { events: Record<string, unknown>[] }).events[0] as Record<string, unknown>).data = 42;
  const { capture, skipped } = importCaptureFile(file);
  expect(skipped).toBe(2);
  expect(storeFromImport(capture).connections.map((c) => c.url)).toEqual(['http://a/v1/chat']);
});

test('a version 1 file (blocks as `frames`, comments and retry as notes) imports into the typed fields', () => {
  const connection = {
    id: 1,
    kind: 'eventsource',
    url: 'http://a/sse',
    frame: { id: 0, url: 'http://a/page' },
    withCredentials: false,
    createdAt: 1010,
    lifecycle: [
      { state: 'connecting', time: 1010 },
      { state: 'open', time: 1020 },
    ],
    listening: [],
    events: [
      {
        time: 1030,
        type: 'message',
        data: 'x',
        lastEventId: '',
        origin: 'http://a',
        size: 1,
        raw: ': hi\nretry: 70\ndata: x\n\n',
        notes: ['comment: hi', 'retry: 70 ms'],
      },
    ],
    frames: [{ time: 1025, raw: ': a: b\n\nfoo: 1\n\n', notes: ['comment: a: b', 'Unknown field "foo"'] }],
    chunks: [],
    dropped: 0,
  };
  const v1 = {
    format: 'sse-scope/capture',
    version: 1,
    page: 'http://a/page',
    navigations: [],
    connections: [connection],
  };
  const { capture, skipped } = importCaptureFile(v1);
  expect(skipped).toBe(0);
  const [imported] = storeFromImport(capture).connections;
  expect(imported?.blocks.map((b) => [b.raw, b.comments, b.retry, b.notes])).toEqual([
    [': a: b\n\nfoo: 1\n\n', ['a: b'], undefined, ['Unknown field "foo"']],
  ]);
  expect(imported?.comments).toBe(2);
  expect(imported?.retry).toBe(70);
  const file = exported(storeFromImport(capture));
  expect(file.version).toBe(3);
  expect(file.connections[0]?.events[0]).toMatchObject({ comments: ['hi'], retry: 70 });
  expect(file.connections[0]?.events[0]?.notes).toBeUndefined();
});

test('HAR whose SSE body sits in content.text is parsed like a live stream', () => {
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'Chrome', version: '1' },
      entries: [
        {
          startedDateTime: '2026-11-21T12:00:00.000Z',
          time: 50,
          request: { method: 'GET', url: 'http://b/stream', headers: [] },
          response: {
            status: 200,
            statusText: 'OK',
            headers: [],
            content: { mimeType: 'text/event-stream; charset=utf-8', text: 'id: 9\ndata: x\n\n: note\n\ndata: y\n\n' },
          },
          timings: { wait: 10 },
        },
        {
          startedDateTime: '2026-11-21T12:00:00.000Z',
          time: 5,
          request: { method: 'GET', url: 'http://b/app.js' },
          response: { status: 200, content: { mimeType: 'text/javascript', text: 'x' } },
        },
      ],
    },
  };
  const file = harToCaptureFile(har);
  expect(file.connections).toHaveLength(1);
  const store = storeFromImport(importCaptureFile(file).capture);
  expect(store.events.map((e) => [e.data, e.lastEventId, e.raw])).toEqual([
    ['x', '9', 'id: 9\ndata: x\n\n'],
    ['y', '9', 'data: y\n\n'],
  ]);
  const notHar = refusal(() => harToCaptureFile({ nope: 1 }));
  expect(notHar.kind).toBe('not-har');
  expect(notHar.text).toContain('not a HAR file');
});

test('NDJSON and .sse files SSE Scope wrote import again, saying what their format could not carry; other text is refused with a sentence', () => {
  const file = exported(richStore());
  const seen = (c: CaptureFile) =>
    c.connections.map((k) => [k.url, k.events.map((e) => [e.type, e.data, e.lastEventId])]);
  const fromNdjson = ndjsonToCaptureFile(toNdjson(file));
  expect(t(TEXT_IMPORT_NOTES[fromNdjson.format])).toContain('events only');
  const again = exported(storeFromImport(importCaptureFile(fromNdjson.file).capture));
  expect(seen(again)).toEqual(seen(file));
  const fetched = file.connections[2] as CaptureFile['connections'][number];
  const fromSse = eventStreamToCaptureFile('chat.sse', toSse(fetched));
  expect(t(TEXT_IMPORT_NOTES[fromSse.format])).toContain('bytes');
  const [stream] = exported(storeFromImport(importCaptureFile(fromSse.file).capture)).connections;
  expect(stream?.events.map((e) => [e.type, e.data, e.lastEventId])).toEqual(
    fetched.events.map((e) => [e.type, e.data, e.lastEventId]),
  );
  expect(stream?.blocks.map((b) => b.raw)).toEqual(fetched.blocks.map((b) => b.raw));
  const notJson = refusal(() => ndjsonToCaptureFile('{"connection":1,"timestamp":1,"data":"a"}\nnot json\n'));
  expect(notJson.kind).toBe('line-not-json');
  expect(notJson.text).toContain('line 2 is not JSON, so this is not an NDJSON export');
  expect(looksLikeNdjson(toNdjson(file))).toBe(true);
  expect(looksLikeEventStream(new TextDecoder().decode(toSse(fetched)))).toBe(true);
  expect(looksLikeEventStream('<html>')).toBe(false);
});
