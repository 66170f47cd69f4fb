/**
 * The same add-on in Firefox (ESR 153 here), from the same sources: each page runs without and
 * with the add-on and must log the same and send the same requests; the panel must show exactly
 * what the page saw; the popup lists the tab's connections; export writes the capture.
 */
import { EXTENSION_UUID, firefoxTabIdOf, openExtensionPage } from '../harness/firefox';
import { eventCount, readConnections, readEvents } from '../harness/panel-reader';
import { waitWatched } from '../support/firefox-driver';
import { eventsByUrl, runPage } from '../support/page-log';
import { expectPanelShowsPage } from '../support/panel';
import { expect, exportedCapture, runFresh, test } from './fixtures';

/** EventSource pages (dispatch, parsing, reconnects, failures, frames, a hostile page) and fetch and XHR streams. */
const PAGES = [
  'messages',
  'named',
  'multiline',
  'comments',
  'resume',
  'status',
  'close',
  'onmessage',
  'frames',
  'hostile',
  'spec',
  'fetch-read.html?style=reader&',
  'fetch-read.html?style=forawait&',
  'llm',
  'xhr',
  'workers',
  'secrets',
  'hijack.html?attack=0&',
  // Hardening: malformed streams, odd frames (sandboxed, srcdoc, about:blank, data:), 1,000 connections, 15 frames.
  'bad-streams',
  'odd-frames',
  'crowd',
  'many-frames',
];
const pathOf = (name: string) => `/pages/${name.includes('.html') ? name : `${name}.html`}`;
/** A page's name in a title: `fetch-read style=reader`. */
const labelOf = (name: string) => name.replace('.html?', ' ').replace(/&$/, '');

for (const name of PAGES) {
  test(`${labelOf(name)}: the same with the add-on, and the panel shows it`, async ({ withAddon, withoutAddon }) => {
    // Hundreds of connections, six at a time: a slow machine needs more than the usual minute.
    test.slow(name === 'crowd' || name === 'many-frames');
    const without = await runFresh(withoutAddon, pathOf(name));
    // The run with the add-on is also the one the panel is checked against.
    const withExtension = await runFresh(withAddon, pathOf(name), async (page, log) => {
      const panel = await openExtensionPage(withAddon, `panel.html?tabId=${await firefoxTabIdOf(withAddon, page)}`);
      // EventSource pages log each event; fetch and XHR pages log what they read.
      if (Array.isArray(log) && eventsByUrl(log).size > 0) await expectPanelShowsPage(panel, log);
      else if (name === 'workers') {
        // Workers' streams are the network's to show (network capture, off here): none is the page's.
        await waitWatched(panel, await firefoxTabIdOf(withAddon, page));
        expect(await readConnections(panel)).toEqual([]);
      } else {
        // Fetch and XHR pages log what they read, not events: the panel has the stream's events.
        await expect.poll(() => eventCount(panel)).toBeGreaterThan(0);
      }
      await panel.close();
    });
    expect(Object.keys(without.log as object).length).toBeGreaterThan(0);
    expect(withExtension.log).toEqual(without.log);
    expect(withExtension.requests).toEqual(without.requests);
  });
}

type LoggedError = { label: string; stack?: string; own?: string[] };

test('a page spying on hasInstance and Proxy traps sees no call of ours', async ({ withAddon, withoutAddon }) => {
  type Run = { log: Record<string, LoggedError[]>; requests: string[] };
  const without = (await runFresh(withoutAddon, '/pages/traces.html')) as Run;
  const withExtension = (await runFresh(withAddon, '/pages/traces.html')) as Run;
  expect(without.log['errors 1']).toHaveLength(29);
  expect(without.log.spies).toEqual([{ conn: 'spies', counts: {} }]);
  // No spy saw a call of ours, and the page's prepareStackTrace saw the same errors.
  expect(withExtension.log.spies).toEqual(without.log.spies);
  // What stays different in Firefox, exactly. An error a native rejected with inside one of our
  // traps keeps our trap's frame (Firefox writes our script as `<anonymous code>`): SpiderMonkey
  // gives an error another stack only as an own property, and our frames cannot be told by URL. One
  // thrown at once gets the page's call sites from Error.captureStackTrace, as an own `stack` property.
  const ours = /^apply@<anonymous code>:\d+:\d+\n/;
  for (const phase of ['errors 1', 'errors 2']) {
    const errors = withExtension.log[phase] ?? [];
    expect(errors.filter((e) => ours.test(e.stack ?? '')).map((e) => e.label)).toEqual([
      ...(phase === 'errors 1' ? ['FormData body'] : []),
      'bad URL',
      'bad method',
      'bad header',
      'refused',
      'wrong this',
      'already aborted',
      'text() twice',
      'register cross-origin',
      'register bad URL',
    ]);
    const restacked = ['Worker bad URL', 'SharedWorker bad URL'];
    expect(errors.filter((e) => e.own?.includes('stack')).map((e) => e.label)).toEqual(restacked);
    withExtension.log[phase] = errors.map((e) => ({
      ...e,
      stack: e.stack?.replace(ours, ''),
      own: e.own?.filter((name) => name !== 'stack' || !restacked.includes(e.label)),
    }));
  }
  // And a Proxy cannot hide this: another frame's toString prints our wrappers without their name.
  const printed = (run: Run) => (run.log['another frame']?.[0] as { printed?: string[] } | undefined)?.printed;
  const native = ['fetch', 'EventSource', 'text'].map((name) => `function ${name}() {\n    [native code]\n}`);
  expect(printed(without)).toEqual(native);
  expect(printed(withExtension)).toEqual(native.map(() => 'function () {\n    [native code]\n}'));
  withExtension.log['another frame'] = without.log['another frame'] ?? [];
  expect(withExtension.log).toEqual(without.log);
  expect(withExtension.requests).toEqual(without.requests);
});

test('the popup lists the tab’s connections; export writes the capture file', async ({ withAddon, server }) => {
  const { page, log } = await runPage(withAddon, `${server.origin}/pages/feed.html`);
  const tabId = await firefoxTabIdOf(withAddon, page);
  const popup = await openExtensionPage(withAddon, `popup.html?tabId=${tabId}`);
  await expect
    .poll(() =>
      popup.evaluate(() => Array.from(document.querySelectorAll('.connections li .url'), (e) => e.textContent)),
    )
    .toEqual([`${server.origin}/sse/feed`, `${server.origin}/sse/status`, `${server.origin}/sse/not-found`]);
  await popup.close();

  const panel = await openExtensionPage(withAddon, `panel.html?tabId=${tabId}`);
  const count = [...eventsByUrl(log).values()].reduce((sum, events) => sum + events.length, 0);
  await expect.poll(() => eventCount(panel)).toBe(count);
  // The 404 came before the panel watched: Firefox's resource timing tells it (a moment after it came).
  await expect
    .poll(async () => (await readConnections(panel)).map((c) => c.badge))
    .toEqual(['open', 'open', 'failed (404)']);
  const file = await exportedCapture(panel);
  expect(file.connections).toHaveLength(3);
  const events = await readEvents(panel);
  expect(events.map((e) => e.data)).toEqual(log.filter((entry) => entry.what === 'event').map((entry) => entry.data));
  expect(EXTENSION_UUID).toMatch(/^[0-9a-f-]{36}$/);
  await panel.close();
  await page.close();
});
