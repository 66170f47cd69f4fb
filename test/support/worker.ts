/**
 * Stops the extension's service worker the way MV3 does when it idles. Playwright keeps workers
 * alive and CDP cannot stop them; the Stop button of chrome://serviceworker-internals can.
 */
import { expect } from '@playwright/test';
import type { ChromeGlobal, ExtensionBrowser } from '../harness/launch';

type Marked = { __stopMarker?: number };

/**
 * Resolves the worker's marker, or 'asleep' if the worker does not answer: stopped and not woken,
 * or restarting under the call (Playwright then rejects with "Service worker restarted").
 */
function markerOf(extension: ExtensionBrowser): Promise<number | undefined | 'asleep'> {
  return Promise.race([
    extension.worker.evaluate(() => (globalThis as Marked).__stopMarker).catch(() => 'asleep' as const),
    new Promise<'asleep'>((resolve) => setTimeout(() => resolve('asleep'), 500)),
  ]);
}

export async function stopServiceWorker(extension: ExtensionBrowser): Promise<void> {
  await wakeServiceWorker(extension);
  const marker = Math.random();
  await extension.worker.evaluate((value) => {
    (globalThis as Marked).__stopMarker = value;
  }, marker);
  const internals = await extension.context.newPage();
  try {
    await internals.goto('chrome://serviceworker-internals/');
    const scope = `chrome-extension://${extension.extensionId}/`;
    const registration = internals.locator('.serviceworker-registration').filter({ hasText: scope });
    await registration.locator('[data-command="stop"]').click();
    // Stopped: either still asleep, or already woken again (by a panel reconnecting) as a new instance.
    await expect.poll(() => markerOf(extension), { message: 'the worker instance was stopped' }).not.toBe(marker);
  } finally {
    await internals.close();
  }
}

/** Wakes the worker (if MV3 stopped it) the way any extension page does: by connecting a port. */
export async function wakeServiceWorker(extension: ExtensionBrowser): Promise<void> {
  const page = await extension.context.newPage();
  try {
    await page.goto(`chrome-extension://${extension.extensionId}/devtools.html`);
    await page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.runtime.connect());
    await expect.poll(async () => (await markerOf(extension)) !== 'asleep').toBe(true);
  } finally {
    await page.close();
  }
}
