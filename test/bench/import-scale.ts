/** B4's import: a capture file of N events taken by the panel's file picker, timed to its first rows and to all. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExtensionBrowser, tabIdOf } from '../harness/launch';
import type { SseServer } from '../harness/sse-server';
import { connection, fileOf } from '../support/big-capture';
import { shownAfter } from './panel-probes';
import { median } from './stats';

export interface ImportRow {
  events: number;
  fileMB: number;
  firstMs: number;
  shownMs: number;
  runs: number[];
}

/** A capture file of `count` events imported by the file picker: first rows and all shown, medians of 3. */
export async function measureImport(extension: ExtensionBrowser, server: SseServer, count: number): Promise<ImportRow> {
  const dir = mkdtempSync(join(tmpdir(), 'sse-scope-import-'));
  const path = join(dir, 'capture.json');
  const text = JSON.stringify(fileOf([connection(1, count)]));
  writeFileSync(path, text);
  const page = await extension.context.newPage();
  await page.goto(`${server.origin}/pages/index.html`);
  const tabId = await tabIdOf(extension, page);
  const first: number[] = [];
  const shown: number[] = [];
  try {
    for (let round = 0; round < 3; round++) {
      const panel = await extension.context.newPage();
      await panel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}`);
      await panel.waitForSelector('[data-action="import"]', { state: 'attached' });
      const started = Date.now();
      await panel.locator('[data-action="import"]').setInputFiles(path);
      const times = await shownAfter(panel, count, started);
      first.push(times.first);
      shown.push(times.all);
      await panel.close();
    }
  } finally {
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { events: count, fileMB: text.length / 1e6, firstMs: median(first), shownMs: median(shown), runs: shown };
}
