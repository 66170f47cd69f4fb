/**
 * The health checks, rule by rule: each fed the records of a connection that triggers it and of
 * one that does not, through the capture store as a live panel would.
 */
import { expect, test } from '@playwright/test';
import type { StoredRecord } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import type { ConnectionView } from '../../src/core/store/views';
import {
  capture,
  context,
  event,
  type Input,
  only,
  open,
  reconnecting,
  rules,
  URL_,
  withId,
  wordedFindings,
} from '../support/health-capture';
import { speak } from '../support/messages';

speak();

test('connection-limit: warns from five live streams to one origin over HTTP/1.x, errs when one is stuck connecting; none over HTTP/2', () => {
  const store = new CaptureStore();
  store.addDocument({ docId: 'd', url: 'http://127.0.0.1:9/', top: true, activatedAt: 0, frameId: 0 });
  const records: StoredRecord[] = [];
  for (let conn = 1; conn <= 7; conn++) {
    records.push({
      kind: 'connection',
      time: 0,
      conn,
      type: 'eventsource',
      url: `${URL_}?n=${conn}`,
      withCredentials: false,
    });
    if (conn <= 6) records.push({ kind: 'lifecycle', time: 10, conn, state: 'open' });
  }
  store.addRecords(
    'd',
    records.map((r, i) => ({ ...r, seq: i + 1 })),
  );
  const all = store.connections;
  const stuck = all[6] as ConnectionView;
  // The version not known yet: said so, and a warning only where one is stuck.
  let found = wordedFindings(stuck, context(5000, all));
  expect(found.map((f) => [f.rule, f.severity])).toEqual([['connection-limit', 'error']]);
  expect(found[0]?.summary).toBe(
    'Stuck connecting for 5.0 s while 7 streams to http://127.0.0.1:9 are live across tabs; over HTTP/1.x the browser allows 6 connections per origin, so this one may be waiting for one to close (which HTTP version it speaks to this origin is not known yet).',
  );
  const first = all[0] as ConnectionView;
  expect(wordedFindings(first, context(5000, all.slice(0, 5))).map((f) => [f.rule, f.severity])).toEqual([
    ['connection-limit', 'info'],
  ]);
  // The relay learns the version from resource timing: HTTP/1.1 names it.
  store.addRecords(
    'd',
    all.map((_c, i) => ({
      kind: 'http-version',
      time: 20,
      conn: i + 1,
      httpVersion: 'http/1.1',
      seq: records.length + i + 1,
    })),
  );
  expect(stuck.httpVersion).toBe('http/1.1');
  found = wordedFindings(stuck, context(5000, all));
  expect(found[0]?.summary).toBe(
    'Stuck connecting for 5.0 s while 7 streams to http://127.0.0.1:9 are live across tabs; the browser speaks HTTP/1.1 to it, which allows 6 connections per origin, so this one waits for one to close.',
  );
  expect(wordedFindings(first, context(5000, all.slice(0, 5)))).toMatchObject([
    {
      rule: 'connection-limit',
      severity: 'warning',
      summary:
        '5 streams to http://127.0.0.1:9 are live across tabs; the browser speaks HTTP/1.1 to it, which allows 6 connections per origin.',
    },
  ]);
  expect(wordedFindings(first, context(5000, all.slice(0, 4)))).toEqual([]);
  // HTTP/2 (or 3): every stream shares one connection, no limit to warn of.
  for (const c of all) c.httpVersion = 'h2';
  expect(wordedFindings(stuck, context(5000, all))).toEqual([]);
});

test('buffered-delivery: clumps after a silence, no Cache-Control; none for a paced, clean stream', () => {
  const store = new CaptureStore();
  const clumped = capture(
    [open(0), event(10), event(1000), event(1001), event(1001), event(1002), event(1002)],
    'eventsource',
    store,
  );
  // The evidence is the clump's first event.
  expect(only(clumped, 'buffered-delivery')).toMatchObject({
    severity: 'warning',
    summary: '1 time several events arrived at once after a silence.',
    evidence: { count: 1, eventIds: [store.events[1]?.id] },
  });
  expect(store.events[1]?.time).toBe(1000);
  const paced = capture([open(0), event(10), event(1000), event(1100), event(1200), event(1300), event(1400)]);
  expect(only(paced, 'buffered-delivery')).toBeUndefined();
  const headers = (h: [string, string][]) =>
    capture(
      [{ kind: 'response', time: 1, url: URL_, status: 200, statusText: 'OK', headers: h, format: 'sse' } as Input],
      'fetch',
    );
  expect(
    only(
      headers([
        ['content-type', 'text/event-stream'],
        ['content-encoding', 'gzip'],
      ]),
      'buffered-delivery',
    )?.summary,
  ).toBe('the response has no Cache-Control: no-cache.');
  expect(
    only(
      headers([
        ['content-type', 'text/event-stream'],
        ['cache-control', 'no-cache'],
      ]),
      'buffered-delivery',
    ),
  ).toBeUndefined();
});

test('silent-stream: quiet past proxy idle timeouts, or far past its usual gap, with no heartbeat; not with comments', () => {
  const quiet = capture([open(0), event(100), event(200)]);
  expect(only(quiet, 'silent-stream', 40_000)?.summary).toBe(
    'Nothing for 40 s, and no heartbeat SSE Scope can see (EventSource hides comment lines; network capture shows them).',
  );
  expect(only(quiet, 'silent-stream', 20_000)).toBeUndefined();
  // Twelve events 100 ms apart: 5 s of quiet is 50 times the usual gap (20 times is enough).
  const steady = capture([open(0), ...Array.from({ length: 12 }, (_, i) => event(100 * (i + 1)))]);
  expect(only(steady, 'silent-stream', 1200 + 5000)?.summary).toMatch(
    /^Nothing for 5\.0 s \(its gaps are usually under 0\.1 s\), and no heartbeat/,
  );
  expect(only(steady, 'silent-stream', 1200 + 1500)).toBeUndefined();
  const heartbeat = capture([
    open(0),
    event(100),
    { kind: 'block', time: 150, raw: ': hi\n\n', notes: [], comments: ['hi'] } as Input,
  ]);
  expect(only(heartbeat, 'silent-stream', 40_000)).toBeUndefined();
});

test('not-resumable and resume checks: no ids across a reconnect; ids replayed; ids skipped; a clean resume', () => {
  const noIds = capture([open(0), event(10), reconnecting(20), open(3020), event(3030)]);
  expect(only(noIds, 'not-resumable')?.summary).toBe('1 reconnect, and none of its 2 events had an id.');
  const replayed = capture([open(0), withId(10, '1'), withId(20, '2'), reconnecting(30), open(100), withId(110, '1')]);
  expect(only(replayed, 'resume-replayed')?.summary).toBe('Reconnected after id 2; the server went on with id 1.');
  const skipped = capture([open(0), withId(10, '1'), withId(20, '2'), reconnecting(30), open(100), withId(110, '7')]);
  expect(only(skipped, 'resume-skipped')?.summary).toBe('Reconnected after id 2; the server went on with id 7.');
  const clean = capture([open(0), withId(10, '1'), withId(20, '2'), reconnecting(30), open(100), withId(110, '3')]);
  const found = rules(clean);
  expect([found['not-resumable'], found['resume-replayed'], found['resume-skipped']]).toEqual([
    undefined,
    undefined,
    undefined,
  ]);
});

test('reconnect-storm: three reconnects within ten seconds, or a retry under a second; not for reconnects far apart', () => {
  const storm = capture([open(0), reconnecting(100), open(200), reconnecting(300), open(400), reconnecting(500)]);
  expect(only(storm, 'reconnect-storm')?.summary).toBe('3 reconnects within 10 s.');
  const calm = capture([
    open(0),
    reconnecting(100),
    open(200),
    reconnecting(20_000),
    open(20_100),
    reconnecting(40_000),
  ]);
  expect(only(calm, 'reconnect-storm')).toBeUndefined();
  const lowRetry = capture([
    open(0),
    { kind: 'block', time: 5, raw: 'retry: 100\n\n', notes: [], retry: 100 } as Input,
  ]);
  expect(only(lowRetry, 'reconnect-storm')).toMatchObject({
    severity: 'info',
    summary: 'the server set retry: 100 ms.',
  });
});

test('content-type: a fetch stream read as SSE but served as text/plain, a charset other than UTF-8, an EventSource failed for its type', () => {
  const response = (type: string) =>
    capture(
      [
        {
          kind: 'response',
          time: 1,
          url: URL_,
          status: 200,
          statusText: 'OK',
          headers: [
            ['content-type', type],
            ['cache-control', 'no-cache'],
          ],
          format: 'sse',
        } as Input,
      ],
      'fetch',
    );
  expect(only(response('text/plain'), 'content-type')?.summary).toBe(
    'read as an event stream because the request asked for one, but served as "text/plain".',
  );
  expect(only(response('text/event-stream; charset=iso-8859-1'), 'content-type')?.summary).toMatch(
    /^charset=iso-8859-1, not UTF-8/,
  );
  expect(only(response('text/event-stream; charset=utf-8'), 'content-type')).toBeUndefined();
  const failed = capture([
    { kind: 'http', time: 5, url: URL_, status: 200, contentType: 'text/html' } as Input,
    { kind: 'lifecycle', time: 6, state: 'failed' } as Input,
  ]);
  expect(only(failed, 'content-type')).toMatchObject({
    severity: 'error',
    summary: 'EventSource failed: served as "text/html".',
  });
});

test('spec-anomaly: unknown fields, invalid retry, JSON that does not parse, an unterminated block, a BOM, CR-only lines, a huge event', () => {
  const c = capture(
    [
      {
        kind: 'response',
        time: 1,
        url: URL_,
        status: 200,
        statusText: 'OK',
        headers: [
          ['cache-control', 'no-cache'],
          ['content-type', 'text/event-stream'],
        ],
        format: 'sse',
      } as Input,
      event(2, 'a', { raw: '\ufeffdata: a\n\n', blockId: '1', lastEventId: '1' }),
      event(3, '{"a":', { raw: 'data: {"a":\r\r', blockId: '1', lastEventId: '1', notes: ['Unknown field "foo"'] }),
      { kind: 'block', time: 4, raw: 'retry: soon\n\n', notes: ['Invalid `retry` value: "soon"'] } as Input,
      event(5, 'x', { size: 2 << 20, originalSize: 2 << 20 }),
      {
        kind: 'block',
        time: 6,
        raw: 'data: tail',
        notes: ['incomplete: the stream ended inside this block, so it was not dispatched'],
      } as Input,
    ],
    'fetch',
  );
  expect(only(c, 'spec-anomaly')?.summary).toBe(
    '1 × a byte order mark at the start (stripped once; a second one stays in the data); 1 × a field the spec does not define (ignored by browsers); 1 × lines ended by a lone CR (legal, but many hand-written parsers miss it); 1 × data that starts like JSON and does not parse; 1 × a `retry` that is not a whole number of milliseconds (ignored); 1 × an event over 1 MiB; 1 × a last block with no blank line after it, which the browser discards.',
  );
  expect(
    only(capture([open(0), event(1, '{"ok":true}'), withId(2, '1'), withId(3, '2')]), 'spec-anomaly'),
  ).toBeUndefined();
});

test('in-band-error: an error event, or an LLM error object, in a stream that ended complete', () => {
  const text = `data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hal"}}]}\n\ndata: {"error":{"message":"Overloaded","type":"overloaded"}}\n\n`;
  const llm = capture(
    [
      {
        kind: 'response',
        time: 1,
        url: URL_,
        status: 200,
        statusText: 'OK',
        headers: [
          ['cache-control', 'no-cache'],
          ['content-type', 'text/event-stream'],
        ],
        format: 'sse',
      } as Input,
      { kind: 'chunk', time: 2, size: text.length, text } as Input,
      { kind: 'lifecycle', time: 3, state: 'closed', reason: 'complete' } as Input,
    ],
    'fetch',
  );
  expect(only(llm, 'in-band-error')).toMatchObject({
    severity: 'error',
    summary: '1 error in the stream: Overloaded. The stream still ended as complete.',
  });
  const named = capture([open(0), event(1, 'boom', { type: 'error' })]);
  expect(only(named, 'in-band-error')?.evidence.count).toBe(1);
  expect(only(capture([open(0), event(1, 'fine')]), 'in-band-error')).toBeUndefined();
});
