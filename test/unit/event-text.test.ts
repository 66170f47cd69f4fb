import { expect, test } from '@playwright/test';
import { curlOf, fetchOf } from '../../src/core/copy-as';
import { prettyJson, rebuildBlock } from '../../src/core/event-text';
import { parseJson } from '../../src/core/json';
import { newConnectionView } from '../../src/core/store/views';
import {
  eventRate,
  formatBytes,
  formatDuration,
  formatRelative,
  middleCut,
  typeColor,
  urlName,
} from '../../src/ui/text/format';
import { speak } from '../support/messages';

speak();

/** The spec's field parsing, enough to read a rebuilt block back (one block). */
function parseBlock(text: string) {
  const event = { type: 'message', data: [] as string[], id: undefined as string | undefined };
  for (const line of text.replace(/\n\n$/, '').split('\n')) {
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event.type = value;
    if (field === 'data') event.data.push(value);
    if (field === 'id') event.id = value;
  }
  return { type: event.type, data: event.data.join('\n'), id: event.id };
}

test('a rebuilt block parses back to the same event', () => {
  const cases = [
    { type: 'message', data: 'plain', lastEventId: '', idChanged: false },
    { type: 'tick', data: 'two\nlines', lastEventId: '7', idChanged: true },
    { type: 'message', data: ' leading space\n\n', lastEventId: '', idChanged: true },
    { type: ' odd type', data: '', lastEventId: 'x y', idChanged: true },
  ];
  expect(rebuildBlock(cases[1] as never)).toBe('event: tick\nid: 7\ndata: two\ndata: lines\n\n');
  expect(rebuildBlock(cases[2] as never)).toBe('id\ndata:  leading space\ndata: \ndata: \n\n');
  for (const event of cases) {
    expect(parseBlock(rebuildBlock(event))).toEqual({
      type: event.type,
      data: event.data,
      id: event.idChanged ? event.lastEventId : undefined,
    });
  }
});

test('only objects and arrays count as JSON data', () => {
  expect(parseJson(' {"a":[1,{"b":null}]}')).toEqual({ value: { a: [1, { b: null }] } });
  expect(parseJson('[]')).toEqual({ value: [] });
  expect(parseJson('42')).toBeUndefined();
  expect(parseJson('"text"')).toBeUndefined();
  expect(parseJson('{broken')).toBeUndefined();
  expect(prettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
});

test('times, durations and rates read the way the panel shows them', () => {
  expect(formatRelative(0)).toBe('+0.000 s');
  expect(formatRelative(1234.5)).toBe('+1.234 s');
  expect(formatRelative(-250)).toBe('−0.250 s');
  expect(formatRelative(187_215)).toBe('+3:07.215');
  expect(formatDuration(850)).toBe('850 ms');
  expect(formatDuration(12_340)).toBe('12.3 s');
  expect(formatDuration(245_000)).toBe('4 min 05 s');
  expect(formatDuration(7_380_000)).toBe('2 h 03 min');
  // Sizes in decimal units, as DevTools writes them.
  expect([999, 1000, 1536, 999_949, 3_145_728].map(formatBytes)).toEqual([
    '999 B',
    '1.0 kB',
    '1.5 kB',
    '999.9 kB',
    '3.1 MB',
  ]);
  // A rate is a fraction of a byte now and then: whole bytes all the same.
  expect(formatBytes(67.639_391_830_524_06)).toBe('68 B');
  expect(eventRate([1000, 5000, 9000, 10_500, 11_000], 11_001)).toBe(0.4);
  expect(eventRate([], 5)).toBe(0);
  expect(typeColor('message')).toBe('#1a73e8');
  // From the name alone: the same in any order, live or imported; common types apart.
  const common = ['tick', 'alert', 'status', 'ping', 'update', 'error'];
  const colours = common.map(typeColor);
  expect([...common].reverse().map(typeColor)).toEqual([...colours].reverse());
  expect(colours).not.toContain('#1a73e8');
  expect(new Set(colours).size).toBe(common.length);
  // A page's type named like an Object property is a name like any.
  expect(['constructor', '__proto__', 'toString'].map(typeColor).every((c) => c.startsWith('#'))).toBe(true);
});

test('URLs: named by their last path segment and query (what tells streams apart), and cut in the middle', () => {
  expect(urlName('https://api.example.com:8443/v1/chat?x=1#f')).toEqual({
    lead: 'https://api.example.com:8443/v1/',
    name: 'chat?x=1#f',
  });
  // A query's slashes are the query's; a trailing slash stays with its segment.
  expect(urlName('http://a/v1/stream?next=/b/c')).toEqual({ lead: 'http://a/v1/', name: 'stream?next=/b/c' });
  expect(urlName('http://a/v1/chat/')).toEqual({ lead: 'http://a/v1/', name: 'chat/' });
  // No segment: the whole URL is the name.
  expect(urlName('http://a/?x=1')).toEqual({ lead: '', name: 'http://a/?x=1' });
  expect(urlName('http://a')).toEqual({ lead: '', name: 'http://a' });
  expect(urlName('blob:https://a/123')).toEqual({ lead: 'blob:https://a/', name: '123' });
  expect(middleCut('https://example.com/a/very/long/path/to/stream', 20)).toBe('https://ex…to/stream');
  expect(middleCut('short', 20)).toBe('short');
});

test('copy as cURL and as fetch: an EventSource asks for the stream (resuming from its last id); a fetch repeats its method, headers and body, masked headers left out and said so', () => {
  const base = { key: 'd/1', docId: 'd', frameId: 0, frameUrl: 'http://a/', gone: false };
  const es = newConnectionView({ ...base, kind: 'eventsource', url: "http://a/sse?q=it's", withCredentials: true }, 1);
  es.lastEventId = '42';
  expect(curlOf(es)).toBe(
    "curl 'http://a/sse?q=it'\\''s' \\\n  --globoff \\\n  -N \\\n  -H 'Accept: text/event-stream' \\\n  -H 'Cache-Control: no-cache' \\\n  -H 'Last-Event-ID: 42'",
  );
  expect(fetchOf(es)).toBe('new EventSource("http://a/sse?q=it\'s", { withCredentials: true });');
  const chat = newConnectionView({ ...base, kind: 'fetch', url: 'http://a/v1/chat', withCredentials: false }, 1);
  chat.request = {
    method: 'POST',
    headers: [
      ['Content-Type', 'application/json'],
      ['Authorization', 'Bearer ••••'],
    ],
    body: '{"q":"hi"}',
  };
  expect(curlOf(chat)).toBe(
    "# Left out, masked by SSE Scope: Authorization\ncurl 'http://a/v1/chat' \\\n  --globoff \\\n  -N \\\n  -X 'POST' \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '{\"q\":\"hi\"}'",
  );
  expect(fetchOf(chat)).toBe(
    '// Left out, masked by SSE Scope: Authorization\nfetch("http://a/v1/chat", {\n  "method": "POST",\n  "headers": {\n    "Content-Type": "application/json"\n  },\n  "body": "{\\"q\\":\\"hi\\"}"\n});',
  );
});
