/**
 * Captures past what a call's arguments can carry (V8 overflows its stack near 125,000 spread
 * arguments): 150,000 connections, and one connection of 200,000 events, export to HAR, NDJSON and
 * capture JSON and import back whole, and the panel's store shows a page over that many events.
 */
import { expect, test } from '@playwright/test';
import type { CaptureRecord } from '../../src/core/model';
import { CaptureStore } from '../../src/core/store/capture-store';
import { type CaptureFile, sourceOf, toCaptureFile } from '../../src/files/capture-file';
import { type ImportedCapture, importCaptureFile } from '../../src/files/capture-import';
import { toHar, toNdjson } from '../../src/files/formats';
import { harToCaptureFile } from '../../src/files/har-import';
import { ndjsonToCaptureFile } from '../../src/files/text-import';
import { findingSummary } from '../../src/ui/text/findings';
import { connection, fileOf, ORIGIN, T0 } from '../support/big-capture';

/**
 * The file in each export format, read back as the panel's import reads it (the JSON text in
 * between, the engine's own `JSON.stringify` and `JSON.parse`, is left out for time).
 */
function exportedAndImported(file: CaptureFile): Record<'har' | 'ndjson' | 'json', ImportedCapture> {
  const read = (input: unknown) => {
    const { capture, skipped } = importCaptureFile(input);
    expect(skipped).toBe(0);
    return capture;
  };
  return {
    har: read(harToCaptureFile(toHar(file, '0'))),
    ndjson: read(ndjsonToCaptureFile(toNdjson(file)).file),
    json: read(file),
  };
}

const countOf = (capture: ImportedCapture, kind: CaptureRecord['kind']) =>
  capture.documents.reduce((n, d) => n + d.records.filter((r) => r.kind === kind).length, 0);

test('150,000 connections export to HAR, NDJSON and capture JSON, and each imports back whole', () => {
  test.setTimeout(60_000);
  const file = fileOf(Array.from({ length: 150_000 }, (_, i) => connection(i + 1, 1)));
  for (const [format, capture] of Object.entries(exportedAndImported(file))) {
    expect(countOf(capture, 'connection'), format).toBe(150_000);
    expect(countOf(capture, 'event'), format).toBe(150_000);
  }
});

test('a connection of 200,000 events: the store shows its page, exports, and each format imports back whole', () => {
  test.setTimeout(60_000);
  const [imported] = importCaptureFile(fileOf([connection(1, 200_000)])).capture.documents;
  if (!imported) throw new Error('no document');
  // A frame's document reported before its page's: the page, once shown, keeps the frame's events.
  const store = new CaptureStore();
  const frame = { docId: 'frame', url: `${ORIGIN}/f`, top: false, activatedAt: T0 + 1, frameId: 1 };
  store.addDocument(frame);
  store.addRecords(frame.docId, imported.records);
  store.addDocument({ docId: 'page', url: `${ORIGIN}/`, top: true, activatedAt: T0, frameId: 0 });
  expect(store.events.length).toBe(200_000);
  const file = toCaptureFile(sourceOf(store, findingSummary), 'test');
  expect(file.connections[0]?.events.length).toBe(200_000);
  for (const [format, capture] of Object.entries(exportedAndImported(file)))
    expect(countOf(capture, 'event'), format).toBe(200_000);
});

test('a file with as many navigations as connections (60,000 each, out of time order) imports in one pass, each connection on the page begun before it', () => {
  test.setTimeout(60_000);
  const count = 60_000;
  const file = fileOf(Array.from({ length: count }, (_, i) => connection(2 * (i + 1), 0)));
  // A navigation just before each connection, listed backwards.
  file.navigations = Array.from({ length: count }, (_, i) => ({
    time: T0 + 2 * (count - i) - 1,
    url: `${ORIGIN}/${count - i}`,
  }));
  const { capture, skipped } = importCaptureFile(file);
  expect(skipped).toBe(0);
  const pages = capture.documents.filter((d) => d.doc.top && d.records.length > 0);
  expect(pages).toHaveLength(count);
  // The connection made at T0 + 2n is on the page of navigation n, begun at T0 + 2n - 1.
  const last = pages.at(-1);
  expect([last?.doc.url, last?.records[0]?.kind === 'connection' ? last.records[0].url : '']).toEqual([
    `${ORIGIN}/${count}`,
    `${ORIGIN}/s/${2 * count}`,
  ]);
});
