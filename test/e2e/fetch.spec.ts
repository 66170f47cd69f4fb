/**
 * Streams read over fetch and XHR: every reading style gives the page the same result with the
 * extension as without; the panel's events equal a reference parse of the bytes the server sent,
 * with the chunk boundaries; aborts, cancels and errors are recorded as such; JSON and binary
 * downloads are left alone.
 */
import { createParser } from 'eventsource-parser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASIC_BYTES, BASIC_CHUNKS } from '../fixtures/stream-routes';

import { expect, test } from '../support/fixtures';
import { runFresh, waitUntilDone } from '../support/page-log';
import { eventCount, openPanel, readConnections, readEvents, tabIdOf } from '../support/panel';

/** The page's log and what the server saw (methods, paths, Accept headers, bodies). */
async function runFreshPage(owner: Browser | BrowserContext, path: string, inspect?: (page: Page) => Promise<void>) {
  const { log, requests } = await runFresh(owner, path, inspect);
  return { log, requests: requests.map(({ method, path, accept, body }) => ({ method, path, accept, body })) };
}

/** The reference: the bytes as sent, decoded as the spec says and parsed by eventsource-parser. */
function referenceEvents(bytes: Uint8Array) {
  const events: { type: string; data: string }[] = [];
  createParser({ onEvent: (m) => events.push({ type: m.event ?? 'message', data: m.data }) }).feed(
    new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
  );
  return events;
}

const STYLES = [
  'reader',
  'byob',
  'forawait',
  'decoderstream',
  'pipeto',
  'text',
  'json',
  'arraybuffer',
  'blob',
  'clone',
  'bodythentext',
  'lockedtext',
  'tee',
  'response',
];

const BASIC_TEXT = new TextDecoder().decode(BASIC_BYTES);

test('every fetch reading style: the page sees the same, the panel its events', async ({ extension, plain }) => {
  // One page reads the stream once in each style, in turn: connection n is STYLES[n - 1].
  const path = `/pages/fetch-read.html?styles=${STYLES.join(',')}`;
  const without = await runFreshPage(plain, path);
  const expected = referenceEvents(BASIC_BYTES);
  // The run with the extension is also the one whose capture is checked.
  const withExtension = await runFreshPage(extension.context, path, async (page) => {
    const panel = await openPanel(extension, await tabIdOf(extension, page));
    await expect.poll(async () => (await readConnections(panel)).length).toBe(STYLES.length);
    // Every style but lockedtext (the page never read the body) gives the events.
    await expect.poll(() => eventCount(panel)).toBe(expected.length * (STYLES.length - 1));
    const events = await readEvents(panel);
    const connections = await readConnections(panel);
    STYLES.forEach((style, i) => {
      const seen = events.filter((e) => e.connection === i + 1).map(({ type, data }) => ({ type, data }));
      expect(seen, style).toEqual(style === 'lockedtext' ? [] : expected);
      if (style !== 'lockedtext') expect(connections[i]?.state, style).toBe('closed');
    });
    await panel.close();
  });
  expect(withExtension).toEqual(without);
  for (const style of STYLES)
    if (style !== 'lockedtext' && style !== 'json')
      expect((without.log[style] as { text?: string }).text, style).toBe(BASIC_TEXT);
});

test('the panel shows the chunks the page read, and each block’s chunk boundaries', async ({ extension, server }) => {
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/fetch-read.html?style=reader`);
  await waitUntilDone(page);
  const pageChunks = await page.evaluate(() => (window as unknown as { __chunkSizes: number[] }).__chunkSizes);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(6);
  expect(pageChunks.reduce((a, b) => a + b, 0)).toBe(BASIC_BYTES.byteLength);

  // The event split across two chunks: its raw block shows the cut.
  await panel.locator('.rows .row', { hasText: 'hello' }).click();
  const detail = panel.locator('.detail');
  await detail.locator('[data-tab="raw"]').click();
  await expect(detail.locator('[data-raw-label]')).toHaveText(/^Exact text as received/);
  // The server writes `id: 1\ndata: hel` and `lo\n\n` 25 ms apart; on a loaded machine the network
  // may still deliver them as one chunk, and then there is no boundary to show.
  const oneChunkPerWrite = pageChunks.join() === BASIC_CHUNKS.map((c) => c.byteLength).join();
  if (oneChunkPerWrite) {
    await expect(detail.locator('pre.raw')).toHaveText('id: 1\ndata: hel┊lo\n\n');
    await expect(detail.locator('pre.raw .cut')).toHaveCount(1);
  } else {
    expect((await detail.locator('pre.raw').textContent())?.replaceAll('┊', '')).toBe('id: 1\ndata: hello\n\n');
  }

  // The chunks, exactly as the page read them: sizes, and the split rocket's bytes in hex.
  await detail.locator('[data-tab="stream"]').click();
  const sizes = await detail
    .locator('tr[data-chunk]')
    .evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.size)));
  expect(sizes).toEqual(pageChunks);
  const contents = await detail.locator('tr[data-chunk] code').allTextContents();
  // The rocket shows as hex where a chunk boundary split it, whole where the network merged the writes.
  expect(
    contents
      .join('')
      .replace(/⟨[^⟩]*⟩/g, '')
      .replace('🚀', '')
      .replaceAll('␍', '\r'),
  ).toBe(new TextDecoder().decode(BASIC_BYTES).replace('🚀', ''));
  if (oneChunkPerWrite) {
    // The server's writes arrived one chunk each (the usual case): the rocket is split 2 + 2 bytes.
    expect(contents[4]).toMatch(/⟨f0 9f⟩$/);
    expect(contents[5]).toMatch(/^⟨9a 80⟩/);
  }
  // The CRLF event shows its carriage returns.
  await panel.locator('.rows .row', { hasText: 'CRLF' }).click();
  await detail.locator('[data-tab="raw"]').click();
  await expect(detail.locator('pre.raw')).toHaveText('event: tick␍\nid: 2␍\ndata: CRLF␍\n␍\n');
});
