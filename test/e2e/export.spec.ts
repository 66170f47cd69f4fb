/**
 * Export from the panel (capture JSON, NDJSON, HAR, .sse; everything or what the filters show;
 * redaction), checked on disk; import by file picker and by drag and drop, shown read-only; and
 * capture → export → import → export gives the same file.
 */
import { createParser } from 'eventsource-parser';
import type { Page } from 'playwright-core';
import { expect, test } from '../support/fixtures';
import { harErrors } from '../support/har-schema';
import { runPage, waitUntilDone } from '../support/page-log';
import { eventCount, exported, openPanel, readConnections, readEvents, tabIdOf } from '../support/panel';

/** Clicks an export button and returns the downloaded file's name and text. */
test('export writes capture JSON, NDJSON, HAR and .sse, of all or of what is shown', async ({ extension, server }) => {
  const { page } = await runPage(extension.context, `${server.origin}/pages/feed.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(8);

  const json = await exported(panel, '[data-export="json"]');
  expect(json.name).toMatch(/^sse-scope-127\.0\.0\.1_\d+-\d{4}-\d\d-\d\d-\d{6}\.json$/);
  const capture = JSON.parse(json.text);
  expect(capture).toEqual(expect.objectContaining({ format: 'sse-scope/capture', version: 3 }));
  expect(capture.page).toBe(`${server.origin}/pages/feed.html`);
  expect(
    capture.connections.map((c: { url: string; events: unknown[] }) => [new URL(c.url).pathname, c.events.length]),
  ).toEqual([
    ['/sse/feed', 6],
    ['/sse/status', 2],
    ['/sse/not-found', 0],
  ]);

  const ndjson = await exported(panel, '[data-export="ndjson"]');
  const lines = ndjson.text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines.map((l) => l.data)).toEqual((await readEvents(panel)).map((e) => e.data));

  const har = JSON.parse((await exported(panel, '[data-export="har"]')).text);
  expect(harErrors(har)).toEqual([]);
  expect(har.log.entries[0]._eventSourceMessages.map((m: { eventName: string }) => m.eventName)).toEqual([
    'message',
    'tick',
    'alert',
    'tick',
    'message',
    'tick',
  ]);

  // The feed's raw stream, encoded again from its events: parsing it gives them back.
  const sse = await exported(panel, '[data-export-sse="1"]');
  expect(sse.name).toMatch(/-1\.sse$/);
  const parsed: { type: string; data: string }[] = [];
  createParser({ onEvent: (m) => parsed.push({ type: m.event ?? 'message', data: m.data }) }).feed(sse.text);
  expect(parsed).toEqual(
    capture.connections[0].events.map(({ type, data }: { type: string; data: string }) => ({ type, data })),
  );

  // What the filters show: the status connection only.
  await panel.keyboard.press('Escape');
  await panel.locator('tr[data-connection="2"]').click();
  await panel.locator('[data-action="export"]').click();
  await panel.locator('[data-scope="filtered"]').check();
  const filtered = JSON.parse((await exported(panel, '[data-export="json"]')).text);
  expect(
    filtered.connections.map((c: { id: number; events: { data: string }[] }) => [c.id, c.events.map((e) => e.data)]),
  ).toEqual([[2, ['green', 'amber']]]);
});

test('redaction masks named fields and request secrets, and drops changed raw bytes', async ({ extension, server }) => {
  const { page } = await runPage(extension.context, `${server.origin}/pages/llm.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(panel)).toBe(12);
  await panel.locator('[data-action="export"]').click();
  await panel.locator('[data-option="keys"]').fill('content, model');
  const file = await exported(panel, '[data-export="json"]');
  const capture = JSON.parse(file.text);
  const [llm] = capture.connections;
  expect(capture.redacted).toEqual({ keys: ['content', 'model'] });
  expect(JSON.parse(llm.events[1].data).choices[0].delta.content).toBe('••••');
  expect(JSON.parse(llm.request.body)).toEqual({
    model: '••••',
    stream: true,
    messages: [{ role: 'user', content: '••••' }],
  });
  expect(llm.request.headers).toContainEqual(['Authorization', 'Bearer ••••']);
  expect(capture.secrets).toBe('masked');
  expect(llm.chunks).toEqual([]);
  expect(file.text).not.toContain('Explain SSE');
  expect(file.text).not.toContain('sk-secret');
});

test('an imported file, by picker or drop, is read-only and exports as it was', async ({ extension, server }) => {
  const { page } = await runPage(extension.context, `${server.origin}/pages/fetch-read.html?style=reader`);
  const live = await openPanel(extension, await tabIdOf(extension, page));
  await expect.poll(() => eventCount(live)).toBe(6);
  const first = await exported(live, '[data-export="json"]');
  const harFile = await exported(live, '[data-export="har"]');

  const blank = await extension.context.newPage();
  await blank.goto(`${server.origin}/pages/index.html`);
  const panel = await openPanel(extension, await tabIdOf(extension, blank));
  await expect(panel.getByRole('status')).toContainText('No SSE connections yet');
  await panel.locator('[data-action="import"]').setInputFiles(first.path);
  await expect(panel.locator('[data-imported]')).toContainText('read-only');
  await expect.poll(() => eventCount(panel)).toBe(6);
  expect(await readEvents(panel)).toEqual(await readEvents(live));
  await expect(panel.locator('[data-action="capture"]')).toHaveCount(0);
  // The bytes came along: the raw block with its chunk boundaries, as the live panel shows it.
  const rawOf = async (view: Page) => {
    await view.locator('.rows .row', { hasText: 'hello' }).click();
    await view.locator('.detail [data-tab="raw"]').click();
    return view.locator('.detail pre.raw').textContent();
  };
  const liveRaw = await rawOf(live);
  expect(liveRaw?.replace('┊', '')).toBe('id: 1\ndata: hello\n\n');
  expect(await rawOf(panel)).toBe(liveRaw);
  const second = await exported(panel, '[data-export="json"]');
  const strip = (text: string) => ({ ...JSON.parse(text), exportedAt: undefined });
  expect(strip(second.text)).toEqual(strip(first.text));
  await panel.screenshot({ path: test.info().outputPath('imported.png') });

  // Back to live (an empty tab), then a HAR dropped on the panel.
  await panel.locator('[data-action="back-to-live"]').click();
  await expect(panel.getByRole('status')).toContainText('No SSE connections yet');
  const dataTransfer = await panel.evaluateHandle(
    ({ text, name }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'application/json' }));
      return transfer;
    },
    { text: harFile.text, name: 'capture.har' },
  );
  await panel.dispatchEvent('main.panel', 'drop', { dataTransfer });
  await expect(panel.locator('[data-imported]')).toContainText('capture.har');
  await expect.poll(() => eventCount(panel)).toBe(6);
  expect((await readEvents(panel)).map((e) => e.data)).toEqual((await readEvents(live)).map((e) => e.data));
  expect((await readConnections(panel))[0]?.kind).toBe('fetch GET');

  // Not a capture: said so, and the view is unchanged.
  await panel
    .locator('[data-action="import"]')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
  await expect(panel.locator('[data-import-error]')).toHaveText(
    'Could not import notes.json: not an SSE Scope capture file',
  );
  await expect.poll(() => eventCount(panel)).toBe(6);
  await panel
    .locator('[data-action="import"]')
    .setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<!doctype html><p>hi') });
  await expect(panel.locator('[data-import-error]')).toHaveText(
    'Could not import page.html: not a file SSE Scope can read: a capture file (.json), a HAR (.har), an NDJSON export (.ndjson) or a raw stream (.sse)',
  );

  // SSE Scope's NDJSON and raw stream come back too, saying what their format does not carry.
  for (const [button, note] of [
    ['[data-export="ndjson"]', 'NDJSON carries the events only'],
    ['[data-export-sse="1"]', 'one stream'],
  ] as const) {
    const file = await exported(live, button);
    await panel.locator('[data-action="import"]').setInputFiles(file.path);
    await expect(panel.locator('[data-import-note]')).toContainText(note);
    await expect.poll(() => eventCount(panel)).toBe(6);
    expect((await readEvents(panel)).map((e) => [e.type, e.data, e.id])).toEqual(
      (await readEvents(live)).map((e) => [e.type, e.data, e.id]),
    );
  }
});

/** The table's rows that are not events (navigation marks, the connections' lifecycle), each as its text, in order. */
function marksOf(panel: Page): Promise<string[]> {
  return panel.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('.scroller');
    if (!scroller) return [];
    const marks = new Map<number, string>();
    for (let top = 0; top <= scroller.scrollHeight; top += scroller.clientHeight) {
      scroller.scrollTop = top;
      scroller.dispatchEvent(new Event('scroll'));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (const row of scroller.querySelectorAll<HTMLElement>('.rows > :not([data-row])'))
        marks.set(Number.parseFloat(row.style.top), row.textContent ?? '');
    }
    return [...marks.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
  });
}

test('a capture with everything in it makes an exact round trip', async ({ extension, server }) => {
  test.slow();
  const storage = (mib: number | undefined) =>
    extension.worker.evaluate(async (value) => {
      const local = (
        globalThis as unknown as {
          chrome: { storage: { local: { set(v: object): Promise<void>; remove(k: string): Promise<void> } } };
        }
      ).chrome.storage.local;
      if (value === undefined) await local.remove('captureCapMiB');
      else await local.set({ captureCapMiB: value });
    }, mib);
  // A cap of 1 MiB, so that the last page's 1.6 MB are not all kept.
  await storage(1);
  try {
    const page = await extension.context.newPage();
    await page.goto(`${server.origin}/pages/index.html`);
    const live = await openPanel(extension, await tabIdOf(extension, page));
    await live.locator('[data-action="preserve-log"]').check();
    await page.goto(`${server.origin}/pages/feed.html`);
    await expect.poll(() => eventCount(live)).toBe(8);
    for (const path of ['resume.html', 'many-frames.html', 'bulk.html?n=400&size=4096']) {
      await page.goto(`${server.origin}/pages/${path}`);
      await waitUntilDone(page, 40_000);
    }
    await expect(live.locator('[data-dropped]')).toContainText('events not kept');
    // Everything has arrived when the last page's 400 events are all counted, kept or not.
    const bulk = async () => (await readConnections(live)).find((c) => c.url.includes('/sse/bulk'))?.events ?? '';
    await expect.poll(bulk).toMatch(/^\d+ \(\+\d+ not kept\)$/);
    await expect
      .poll(async () => (/^(\d+) \(\+(\d+)/.exec(await bulk()) ?? []).slice(1).reduce((a, b) => a + Number(b), 0))
      .toBe(401);
    const liveConnections = await readConnections(live);
    // The capture has what this test is about: connections gone with their frames, reconnects, failures.
    expect(liveConnections.filter((c) => c.gone).length).toBeGreaterThanOrEqual(7);
    expect(liveConnections.some((c) => c.reconnects > 0)).toBe(true);
    expect(liveConnections.map((c) => c.badge)).toContain('failed (404)');
    const first = await exported(live, '[data-export="json"]');
    const file = JSON.parse(first.text);
    expect(file.navigations.length).toBe(4);

    const blank = await extension.context.newPage();
    await blank.goto(`${server.origin}/pages/index.html`);
    const viewer = await openPanel(extension, await tabIdOf(extension, blank));
    await viewer.locator('[data-action="import"]').setInputFiles(first.path);
    await expect(viewer.locator('[data-imported]')).toContainText('read-only');
    await expect.poll(() => eventCount(viewer)).toBe(await eventCount(live));
    // The same panel: every connection as it was (gone ones gone, failures with their reasons), the
    // same events, the same rows with navigation marks and lifecycle marks among them, the same counts.
    expect(await readConnections(viewer)).toEqual(liveConnections);
    // (A panel in the background draws no frames: each is brought to the front to be read.)
    const viewed = await readEvents(viewer);
    const viewedMarks = await marksOf(viewer);
    await live.bringToFront();
    expect(viewed).toEqual(await readEvents(live));
    expect(viewedMarks).toEqual(await marksOf(live));
    expect(viewedMarks.filter((m) => m.startsWith('Navigated to'))).toHaveLength(4);
    expect(viewedMarks.filter((m) => m.includes('events not kept'))).toHaveLength(1);
    const rowsOf = (panel: Page) => panel.locator('.events').getAttribute('data-rows');
    expect(await rowsOf(viewer)).toBe(await rowsOf(live));
    await expect(viewer.locator('[data-dropped]')).toHaveText(
      (await live.locator('[data-dropped]').textContent()) ?? '',
    );
    await expect(viewer.locator('[data-summary]')).toHaveText(
      (await live.locator('[data-summary]').textContent()) ?? '',
    );
    // And the same file.
    await viewer.bringToFront();
    const second = await exported(viewer, '[data-export="json"]');
    const strip = (text: string) => ({ ...JSON.parse(text), exportedAt: undefined });
    expect(strip(second.text)).toEqual(strip(first.text));
    await live.locator('[data-action="preserve-log"]').uncheck();
    await page.close();
  } finally {
    await storage(undefined);
  }
});
