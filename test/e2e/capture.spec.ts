/**
 * Each scenario runs a fixture page to its end, then opens the panel (so every one of these is
 * also "a panel opened after the events happened") and requires it to show exactly what the page
 * itself saw: the same events per connection, in order, nothing missing and nothing extra.
 */
import type { SseServer } from '../harness/sse-server';
import { capture } from '../support/capture';
import { expect, test } from '../support/fixtures';
import { eventsByUrl, runPage } from '../support/page-log';
import { openPanel, panelEventsByUrl, readConnections, tabIdOf } from '../support/panel';

const url = (server: SseServer, path: string) => server.origin + path;

/** What /sse/named dispatches to a page listening for ping, update, message and done. */
const NAMED_TYPES = ['ping', 'update', 'message', 'ping', 'done'];

test('unnamed messages', async ({ extension, server }) => {
  const { log, connections } = await capture(extension, server, '/pages/messages.html');
  expect(log.filter((e) => e.what === 'event').map((e) => [e.type, e.data, e.id])).toEqual([
    ['message', 'one', ''],
    ['message', 'two', ''],
    ['message', 'three', ''],
  ]);
  expect(connections).toEqual([
    expect.objectContaining({
      ordinal: 1,
      url: url(server, '/sse/messages'),
      state: 'closed',
      frame: 'top',
      events: '3',
    }),
  ]);
});

test('named events the page listens for, and not the type nobody listens for', async ({ extension, server }) => {
  const { log, connections } = await capture(extension, server, '/pages/named.html');
  expect(log.filter((e) => e.what === 'event').map((e) => e.type)).toEqual(NAMED_TYPES);
  expect(connections[0]?.listening).toBe('ping, update, done');
});

test("messages named open and error are events, not the connection's open or error", async ({ extension, server }) => {
  const { log, connections } = await capture(extension, server, '/pages/named-lifecycle.html');
  expect(log.map((e) => [e.what, e.type, e.data, e.id])).toEqual([
    ['created', undefined, undefined, undefined],
    ['open', undefined, undefined, undefined],
    ['event', 'open', 'a message named open', 'o1'],
    ['event', 'error', 'a message named error', 'o1'],
    ['event', 'message', 'end', 'o1'],
  ]);
  expect(connections).toEqual([expect.objectContaining({ state: 'closed', events: '3', reconnects: 0 })]);
});

test('multi-line data, empty data lines, CRLF and CR line endings, Unicode', async ({ extension, server }) => {
  const { log } = await capture(extension, server, '/pages/multiline.html');
  expect(log.filter((e) => e.what === 'event').map((e) => e.data)).toEqual([
    'first line\nsecond line\nthird line',
    '\nafter an empty data line',
    ' two spaces: one is kept',
    'crlf one\ncrlf two',
    'cr only\nstill the same event',
    'unicode: héllo — 日本語 — 🚀 — \u2028',
    '{"nested":{"json":[1,2,3]},"text":"with\\nescapes"}',
    'end',
  ]);
});

test('comments are not events', async ({ extension, server }) => {
  const { log, connections } = await capture(extension, server, '/pages/comments.html');
  expect(log.filter((e) => e.what === 'event').map((e) => e.data)).toEqual(['first', 'with a comment inside', 'last']);
  expect(connections[0]?.events).toBe('3');
});

test('after the server ends a stream the browser resumes with Last-Event-ID', async ({ extension, server }) => {
  const { log, connections } = await capture(extension, server, '/pages/resume.html');
  expect(log.filter((e) => e.what === 'event').map((e) => `${e.id}:${e.data}`)).toEqual([
    '1:a',
    '2:b',
    '3:c',
    '4:d',
    '5:e',
  ]);
  expect(server.requests.filter((r) => r.path === '/sse/resume').map((r) => r.lastEventId)).toEqual([
    undefined,
    '3',
    '5',
  ]);
  expect(connections[0]).toEqual(expect.objectContaining({ state: 'failed', reconnects: 2 }));
});

test('retry sets the reconnection delay', async ({ extension, server }) => {
  const { connections } = await capture(extension, server, '/pages/retry.html');
  const [first, second] = server.requests.filter((r) => r.path === '/sse/retry');
  // A lower bound only: the browser waits at least `retry: 400` before reconnecting.
  expect((second?.at ?? 0) - (first?.endedAt ?? Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(350);
  expect(connections[0]).toEqual(expect.objectContaining({ state: 'failed', reconnects: 1, events: '1' }));
});

test('204, 404 and a wrong content type fail the connection without reconnecting', async ({ extension, server }) => {
  const { connections } = await capture(extension, server, '/pages/status.html');
  expect(connections.map((c) => [c.url, c.state, c.reconnects, c.events])).toEqual([
    [url(server, '/sse/no-content'), 'failed', 0, '0'],
    [url(server, '/sse/not-found'), 'failed', 0, '0'],
    [url(server, '/sse/wrong-type'), 'failed', 0, '0'],
  ]);
  for (const path of ['/sse/no-content', '/sse/not-found', '/sse/wrong-type']) {
    expect(
      server.requests.filter((r) => r.path === path),
      path,
    ).toHaveLength(1);
  }
});

test('close() by the page', async ({ extension, server }) => {
  const { connections, panel } = await capture(extension, server, '/pages/close.html');
  expect(connections[0]).toEqual(expect.objectContaining({ state: 'closed', events: '2' }));
  await expect(panel.locator('.badge.closed')).toHaveAttribute('title', /called close\(\)/);
});

test('a page that only sets onmessage, onopen and onerror as properties', async ({ extension, server }) => {
  const { connections } = await capture(extension, server, '/pages/onmessage.html');
  expect(connections[0]).toEqual(expect.objectContaining({ state: 'closed', events: '3' }));
});

test('connections in iframes: same-origin, srcdoc and about:blank', async ({ extension, server }) => {
  const { connections } = await capture(extension, server, '/pages/frames.html');
  // Numbered in the order they were created, whichever frame reported first (the top page
  // creates its own and the about:blank one before either loaded frame starts).
  expect(connections.slice(0, 2).map((c) => c.url)).toEqual([
    url(server, '/sse/count?i=top'),
    url(server, '/sse/count?i=blank'),
  ]);
  const frameOf = (name: string) => connections.find((c) => c.url === url(server, `/sse/count?i=${name}`))?.frame;
  expect(frameOf('top')).toBe('top');
  expect(frameOf('child')).toMatch(/^frame \d+: .*\/pages\/frame-child\.html$/);
  expect(frameOf('srcdoc')).toMatch(/^frame \d+: about:srcdoc$/);
  expect(frameOf('blank')).toMatch(/^frame \d+: about:blank$/);
  expect(connections.every((c) => c.state === 'closed' && c.events === '2')).toBe(true);
});

test('20 connections at once', async ({ extension, server }) => {
  const { connections } = await capture(extension, server, '/pages/many.html');
  expect(connections).toHaveLength(20);
  expect(connections.map((c) => c.ordinal)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(connections.every((c) => c.state === 'closed' && c.events === '3')).toBe(true);
});

test('a page patching built-ins after us neither sees us nor breaks the capture', async ({ extension, server }) => {
  const { log, page } = await runPage(extension.context, url(server, '/pages/patched.html'));
  expect(log.filter((e) => e.what === 'event').map((e) => e.type)).toEqual(NAMED_TYPES);
  expect(await page.evaluate(() => (window as { __ours?: string[] }).__ours)).toEqual([]);
  // Its EventSource, its fetch stream and its XHR stream are all captured (5 + 6 + 6 events).
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  const shown = await panelEventsByUrl(panel, 17);
  expect(shown.get(url(server, '/sse/named'))).toEqual(eventsByUrl(log).get(url(server, '/sse/named')));
  expect((await readConnections(panel)).map((c) => c.kind)).toEqual(['EventSource', 'fetch POST', 'XHR GET']);
});

test('a 3 MiB event reaches the page whole; the panel keeps 1 Mi chars and says so', async ({ extension, server }) => {
  const { page, log } = await runPage(extension.context, `${server.origin}/pages/large.html`);
  const total = 3 * 1024 * 1024;
  expect(log).toEqual([
    { length: total, head: 'start:', tail: ':end', id: 'big' },
    { length: 5, head: 'after', tail: 'fter', id: 'big' },
  ]);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(async () => (await readConnections(panel))[0]?.events).toBe('2');
  // Decimal units, as DevTools writes them: 3 MiB is 3.1 MB.
  expect((await readConnections(panel))[0]?.bytes).toBe('3.1 MB');
  await panel.locator('.rows .row').first().click();
  await expect(panel.locator('.detail header')).toContainText('too large: kept the first 1,048,576 characters');
  await expect(panel.locator('.detail header')).toContainText('3.1 MB');
  const shown = await panel.locator('.detail pre.data').textContent();
  expect(shown).toBe(`start:${'x'.repeat(1024 * 1024 - 6)}`);
});
