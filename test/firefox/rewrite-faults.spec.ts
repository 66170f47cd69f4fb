/**
 * Faults that write into a live stream in Firefox (network capture on): an event the user typed
 * injected between the server's, the next block cut mid-line (the page drops the incomplete block
 * and resumes with the last whole event's id), and the next multi-byte character split across two
 * chunks (the page's decoder joins them). rewrites.html logs what its EventSource dispatched; the
 * server writes its second and third events once the test opens the gate. The control runs the
 * same page without a fault: the server's one write of each block is one chunk.
 */
import type { Browser } from 'puppeteer-core';
import { fromBase64 } from '../../src/core/base64';
import { MULTI_BYTE, REWRITE_BLOCKS } from '../fixtures/routes';
import { eventCount } from '../harness/panel-reader';
import { diagnose } from '../support/firefox-driver';
import { waitUntilDone } from '../support/page-log';
import { expect, exportedCapture, setNetworkCapture, test, watchedWithNetworkCapture } from './fixtures';

const [A, B, C] = REWRITE_BLOCKS;
const bytesOf = (chunks: { base64: string }[]) => Uint8Array.from(chunks.flatMap((c) => [...fromBase64(c.base64)]));
const textOf = (chunks: { base64: string }[]) => new TextDecoder().decode(bytesOf(chunks));

async function openRewrites(browser: Browser) {
  const { server, page, panel } = await watchedWithNetworkCapture(browser);
  await page.goto(`${server.origin}/pages/rewrites.html`);
  await expect.poll(() => eventCount(panel)).toBe(1);
  const menu = async (item: string) => {
    await panel.click('tr[data-connection="1"]', { button: 'right' });
    await panel.click(`[data-menu-item="fault-${item}"]`);
  };
  /** Arms a fault that waits for the next chunk, then lets the server write. */
  const armThenGo = async (item: string) => {
    await menu(item);
    await expect.poll(async () => (await diagnose(panel, 'networkCapture')).faultsWaiting).toBe(1);
    server.open('rewrites-go');
    await waitUntilDone(page);
  };
  /** What the page's EventSource dispatched: type, data, lastEventId; and its opens and errors. */
  const steps = () =>
    page.evaluate(() =>
      (
        window as unknown as {
          __log: { what: string; type?: string; data?: string; id?: string; readyState?: number }[];
        }
      ).__log
        .filter((e) => e.what !== 'created')
        .map((e) => (e.what === 'event' ? [e.type, e.data, e.id] : [e.what, e.readyState])),
    );
  const lastEventIds = () => server.requests.filter((r) => r.path === '/sse/rewrites').map((r) => r.lastEventId ?? '');
  const lifecycle = () =>
    expect.poll(() =>
      panel.evaluate(
        () => document.querySelector('[data-lifecycle="fault"] [data-lifecycle-col="detail"]')?.textContent,
      ),
    );
  /** The connection as exported, and its first response's chunks. */
  const exported = async () => {
    const [connection] = (await exportedCapture(panel)).connections;
    const begins = connection.chunks.flatMap((c: { begins?: true }, i: number) => (c.begins ? [i] : []));
    return { connection, first: connection.chunks.slice(0, begins[1]) as { base64: string }[] };
  };
  const close = async () => {
    server.open('rewrites-go');
    await setNetworkCapture(panel, false);
    await panel.close();
    await page.close();
    await server.close();
  };
  return { server, page, panel, menu, armThenGo, steps, lastEventIds, lifecycle, exported, close };
}

test('inject: the typed event reaches the page between the server events', async ({ withAddon }) => {
  const run = await openRewrites(withAddon);
  try {
    await run.menu('inject');
    await run.panel.waitForSelector('[data-inject-form]');
    // Over 64 KiB: said plainly, and nothing is sent.
    await run.panel.$eval('[data-field="inject-data"]', (box) => {
      (box as HTMLTextAreaElement).value = 'x'.repeat(70_000);
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await run.panel.click('[data-action="inject"]');
    expect(await run.panel.$eval('[data-inject-problem]', (e) => e.textContent)).toContain('64 KiB');
    await run.panel.$eval('[data-field="inject-data"]', (box) => {
      (box as HTMLTextAreaElement).value = '';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await run.panel.type('[data-field="inject-type"]', 'note');
    await run.panel.type('[data-field="inject-data"]', '<b>one</b>\ntwo');
    await run.panel.click('[data-action="inject"]');
    expect(await run.panel.$('[data-inject-form]')).toBeNull();
    await run.lifecycle().toBe('event injected by SSE Scope');
    run.server.open('rewrites-go');
    await waitUntilDone(run.page);
    expect(await run.steps()).toEqual([
      ['open', 1],
      ['message', 'a', '1'],
      ['note', '<b>one</b>\ntwo', '1'],
      ['message', MULTI_BYTE, '2'],
      ['message', 'c', '3'],
      ['error', 0],
      ['error', 2],
    ]);
    expect(run.lastEventIds()).toEqual(['', '3']);
    const { connection, first } = await run.exported();
    const note = connection.events.find((e: { type: string }) => e.type === 'note');
    expect(note).toMatchObject({ data: '<b>one</b>\ntwo', raw: 'event: note\ndata: <b>one</b>\ndata: two\n\n' });
    expect(textOf(first)).toBe(`${A}event: note\ndata: <b>one</b>\ndata: two\n\n${B}${C}`);
    expect(connection.faults).toEqual([{ time: expect.any(Number), fault: 'inject' }]);
  } finally {
    await run.close();
  }
});

test('cut mid-line: no partial event, and it resumes after the last whole one', async ({ withAddon }) => {
  const run = await openRewrites(withAddon);
  try {
    await run.armThenGo('cut-mid-line');
    expect(await run.steps()).toEqual([
      ['open', 1],
      ['message', 'a', '1'],
      ['error', 0],
      ['open', 1],
      ['message', MULTI_BYTE, '2'],
      ['message', 'c', '3'],
      ['error', 0],
      ['error', 2],
    ]);
    expect(run.lastEventIds()).toEqual(['', '1', '3']);
    await run.lifecycle().toBe('block cut mid-line by SSE Scope, then dropped');
    // The page got half of the block's first line (`id: 2`), and then the stream's end.
    const { connection, first } = await run.exported();
    expect(textOf(first)).toBe(`${A}id`);
    expect(connection.faults).toEqual([{ time: expect.any(Number), fault: 'cut-mid-line' }]);
  } finally {
    await run.close();
  }
});

test('split char: the page gets the same text, the block in two chunks', async ({ withAddon }) => {
  const run = await openRewrites(withAddon);
  try {
    await run.armThenGo('split-char');
    expect(await run.steps()).toEqual([
      ['open', 1],
      ['message', 'a', '1'],
      ['message', MULTI_BYTE, '2'],
      ['message', 'c', '3'],
      ['error', 0],
      ['error', 2],
    ]);
    expect(run.lastEventIds()).toEqual(['', '3']);
    await run.lifecycle().toBe('a character split across two chunks by SSE Scope');
    const { connection, first } = await run.exported();
    const sizes = first.map((chunk) => fromBase64(chunk.base64).byteLength);
    const block = new TextEncoder().encode(B);
    // The first byte after `é`'s first: the split is inside the character.
    const inside = block.findIndex((byte, i) => i > 0 && (byte & 0xc0) === 0x80);
    expect(sizes).toEqual([A.length, inside, block.byteLength - inside, C.length]);
    expect(textOf(first)).toBe(A + B + C);
    expect(connection.faults).toEqual([{ time: expect.any(Number), fault: 'split-char' }]);
  } finally {
    await run.close();
  }
});

test('control: without a fault each block the server wrote is one chunk', async ({ withAddon }) => {
  const run = await openRewrites(withAddon);
  try {
    run.server.open('rewrites-go');
    await waitUntilDone(run.page);
    expect(await run.steps()).toEqual([
      ['open', 1],
      ['message', 'a', '1'],
      ['message', MULTI_BYTE, '2'],
      ['message', 'c', '3'],
      ['error', 0],
      ['error', 2],
    ]);
    const { connection, first } = await run.exported();
    expect(first.map((chunk) => fromBase64(chunk.base64).byteLength)).toEqual([
      A.length,
      new TextEncoder().encode(B).byteLength,
      C.length,
    ]);
    expect(connection.faults).toBeUndefined();
  } finally {
    await run.close();
  }
});
