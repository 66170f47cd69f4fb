/**
 * The panel's progress while a backlog loads (BacklogProgress: relays' `upTo` against the store's
 * cursors) and while a file is read (importParts: the same store as a whole import, in parts).
 */
import { expect, test } from '@playwright/test';
import { BacklogProgress } from '../../src/core/store/backlog-progress';
import { CaptureStore } from '../../src/core/store/capture-store';
import { importCaptureFile, importParts, storeFromImport } from '../../src/files/capture-import';
import { connection, fileOf } from '../support/big-capture';

test('a backlog counts from where its document was to where the relay said it ends', () => {
  const progress = new BacklogProgress();
  const cursors = new Map<string, number>([['a', 100]]);
  const at = (docId: string) => cursors.get(docId) ?? 0;
  expect(progress.tracking).toBe(false);
  expect(progress.progress(at, 0)).toBeUndefined();
  progress.batch('a', 100, 1100, 0);
  expect(progress.tracking).toBe(true);
  expect(progress.progress(at, 10)).toEqual({ done: 0, total: 1000 });
  cursors.set('a', 600);
  expect(progress.progress(at, 20)).toEqual({ done: 500, total: 1000 });
  // A second document's backlog adds up; a later batch of the first moves its end, not its start.
  progress.batch('b', 0, 500, 30);
  progress.batch('a', 600, 1200, 30);
  cursors.set('b', 100);
  expect(progress.progress(at, 40)).toEqual({ done: 600, total: 1600 });
  // The first is in: forgotten; then the second; then there is nothing to show.
  cursors.set('a', 1200);
  expect(progress.progress(at, 50)).toEqual({ done: 100, total: 500 });
  cursors.set('b', 500);
  expect(progress.progress(at, 60)).toBeUndefined();
  expect(progress.tracking).toBe(false);
});

test('a backlog already in, or one no batch came for in 5 s, shows nothing', () => {
  const progress = new BacklogProgress();
  progress.batch('a', 50, 50, 0);
  expect(progress.tracking).toBe(false);
  progress.batch('a', 0, 100, 0);
  expect(progress.progress(() => 40, 5000)).toEqual({ done: 40, total: 100 });
  expect(progress.progress(() => 40, 5001)).toBeUndefined();
});

test('an import in parts tells each part and leaves the store as a whole import does', () => {
  const file = fileOf([connection(1, 25_000), connection(2, 10_000)]);
  const { capture } = importCaptureFile(file);
  const total = capture.documents.reduce((sum, d) => sum + d.records.length, 0);
  const store = new CaptureStore();
  const told: { done: number; total: number }[] = [];
  for (const part of importParts(capture, store, 10_000)) {
    told.push(part);
    // What is in is shown meanwhile, time standing at the file's last record.
    expect(store.events.length).toBeGreaterThan(0);
    expect(store.frozenAt).toBe(Math.max(...file.connections.map((c) => c.endedAt ?? 0)));
    expect(store.paused).toBe(false);
  }
  expect(told.map((t) => t.total)).toEqual(told.map(() => total));
  expect(told.map((t) => t.done)).toEqual([...told.map((t) => t.done)].sort((a, b) => a - b));
  expect(told.length).toBe(Math.ceil(total / 10_000) - 1);
  expect(told.at(-1)?.done).toBeLessThan(total);
  const whole = storeFromImport(importCaptureFile(file).capture);
  expect(store.events.length).toBe(35_000);
  expect(store.events.map((e) => e.id)).toEqual(whole.events.map((e) => e.id));
  expect(store.connections.map((c) => [c.url, c.events, c.state])).toEqual(
    whole.connections.map((c) => [c.url, c.events, c.state]),
  );
  expect(store.paused).toBe(true);
  expect(store.frozenAt).toBe(whole.frozenAt);
});
