/**
 * Runs code in our content script's world (the relay's isolated world) in a page's top frame, as a
 * compromised renderer could: over a CDP (DevTools protocol) session on the page, in the execution
 * context Chromium made there for the extension (its origin is the extension's).
 */
import type { Page } from 'playwright-core';

interface ContextDescription {
  id: number;
  origin: string;
  auxData?: { frameId?: string; isDefault?: boolean };
}

export async function inRelayWorld<T>(page: Page, extensionId: string, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: ContextDescription[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context as ContextDescription));
    await cdp.send('Runtime.enable');
    const top = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
    const ours = contexts.find(
      (c) => c.origin === `chrome-extension://${extensionId}` && c.auxData?.frameId === top && !c.auxData.isDefault,
    );
    if (!ours) throw new Error('no content script world in the page’s top frame');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: ours.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
