/**
 * Shows the SSE panel inside a real DevTools window (opened by --auto-open-devtools-for-tabs).
 * DevTools offers no API for it, so this reaches into the DevTools front end over CDP; it leans on
 * DevTools internals and is used only by `npm start` and one smoke test.
 */
import type { BrowserContext, CDPSession } from 'playwright-core';

const PANEL_TITLE = 'SSE';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** Runs an expression in a target through a non-flat session (DevTools front ends need one). */
export async function evaluateIn(cdp: CDPSession, targetId: string, expression: string): Promise<unknown> {
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as {
    sessionId: string;
  };
  try {
    return await new Promise((resolve, reject) => {
      const id = 1;
      const onMessage = (event: { sessionId: string; message: string }) => {
        if (event.sessionId !== sessionId) return;
        const reply = JSON.parse(event.message) as {
          id?: number;
          result?: { result?: { value?: unknown }; exceptionDetails?: { text: string } };
        };
        if (reply.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        if (reply.result?.exceptionDetails) reject(new Error(reply.result.exceptionDetails.text));
        else resolve(reply.result?.result?.value);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      const message = JSON.stringify({
        id,
        method: 'Runtime.evaluate',
        params: { expression, awaitPromise: true, returnByValue: true },
      });
      cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(reject);
    });
  } finally {
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

/** Selects the SSE panel in every open DevTools window; resolves whether one was shown. */
export async function showPanelInDevTools(
  context: BrowserContext,
  extensionId: string,
  timeoutMs = 10_000,
): Promise<boolean> {
  const browser = context.browser();
  if (!browser) return false;
  const cdp = await browser.newBrowserCDPSession();
  const panelId = `chrome-extension://${extensionId}${PANEL_TITLE}`;
  const expression = `(async () => {
    const { InspectorView } = await import('./ui/legacy/legacy.js');
    const view = InspectorView.InspectorView.maybeGetInspectorViewInstance();
    if (!view || !view.hasPanel(${JSON.stringify(panelId)})) return false;
    await view.showPanel(${JSON.stringify(panelId)});
    return true;
  })()`;
  const until = Date.now() + timeoutMs;
  try {
    while (Date.now() < until) {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
      const windows = targetInfos.filter((t) => t.url.startsWith('devtools://'));
      let shown = false;
      for (const target of windows)
        shown = (await evaluateIn(cdp, target.targetId, expression).catch(() => false)) === true || shown;
      if (shown) return true;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return false;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
