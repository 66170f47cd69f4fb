/** Network capture in Chromium: a tab watched by a panel that turned it on, and what the worker says it follows. */
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../harness/launch';
import { tabIdOf } from './panel';

/** What `networkCapture()` in the worker tells (src/background/index.ts). */
export interface NetworkCaptureState {
  debugging: number[];
  sharedWorkers: { tabId: number; url: string }[];
  /** Faults armed for a tab's next request, waiting for it. */
  faultsWaiting: number;
}

export const networkCapture = (extension: ExtensionBrowser): Promise<NetworkCaptureState> =>
  extension.worker.evaluate(() =>
    (globalThis as unknown as { networkCapture(): NetworkCaptureState }).networkCapture(),
  );

/** The worker's view: which tabs the debugger is attached to. */
export const debugging = async (extension: ExtensionBrowser): Promise<number[]> =>
  (await networkCapture(extension)).debugging;

/**
 * A tab on `start` (the blank page by default), watched by a panel that turned network capture on,
 * once the debugger is attached to it (and to the tabs attached before).
 */
export async function watchWithNetworkCapture(extension: ExtensionBrowser, start: string) {
  const before = await debugging(extension);
  const page = await extension.context.newPage();
  await page.goto(start);
  const tabId = await tabIdOf(extension, page);
  const panel = await extension.context.newPage();
  await panel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${tabId}&network=1`);
  await expect.poll(async () => (await debugging(extension)).sort()).toEqual([...before, tabId].sort());
  return { page, tabId, panel };
}

/** The connections the panel holds: URL, frame, and the bytes network capture gave (as text). */
export async function capturedBytes(panel: Page): Promise<{ url: string; frame: number; text: string }[]> {
  return panel.evaluate(() => {
    type Connection = { url: string; frameId: number; chunks: { base64?: string }[] };
    const { connections } = (
      globalThis as unknown as { sseScope: { store: { capture: { connections: Connection[] } } } }
    ).sseScope.store.capture;
    return connections.map((c) => ({
      url: c.url,
      frame: c.frameId,
      text: new TextDecoder().decode(
        Uint8Array.from(c.chunks.flatMap((chunk) => [...atob(chunk.base64 ?? '')].map((ch) => ch.charCodeAt(0)))),
      ),
    }));
  });
}

/** The events of the test's workers' EventSource (/sse/worker), as the network delivered them: type, data, id. */
export const WORKER_STREAM_EVENTS = [
  ['update', 'one', '1'],
  ['nobody', 'not heard by the worker', '1'],
  ['message', 'two', '2'],
  ['message', 'three', '2'],
];
