/**
 * One smoke test through the real DevTools panel (it reaches into DevTools internals, so only
 * one): DevTools has a panel titled "SSE", and inside DevTools it takes its tab from
 * chrome.devtools.inspectedWindow and shows that tab's capture.
 */

import { evaluateIn, showPanelInDevTools } from '../harness/devtools-panel';
import { launchWithExtension } from '../harness/launch';
import { expect, test } from '../support/fixtures';
import { waitUntilDone } from '../support/page-log';

test('the SSE panel inside DevTools shows the inspected page’s connections', async ({ server }) => {
  const extension = await launchWithExtension({ args: ['--auto-open-devtools-for-tabs'] });
  try {
    const page = extension.context.pages()[0] ?? (await extension.context.newPage());
    await page.goto(`${server.origin}/pages/messages.html`);
    await waitUntilDone(page);
    expect(await showPanelInDevTools(extension.context, extension.extensionId)).toBe(true);

    const browser = extension.context.browser();
    if (!browser) throw new Error('no browser for a CDP session');
    const cdp = await browser.newBrowserCDPSession();
    const panelTarget = async () => {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { targetId: string; url: string }[];
      };
      return targetInfos.find((t) => t.url === `chrome-extension://${extension.extensionId}/panel.html`);
    };
    await expect.poll(async () => (await panelTarget()) !== undefined).toBe(true);
    const target = (await panelTarget()) as { targetId: string };
    const read = () =>
      evaluateIn(
        cdp,
        target.targetId,
        // The panel may still be loading (chrome.devtools not there yet): say so, and poll again.
        `(() => { try { return JSON.stringify({
          summary: document.querySelector('[data-summary]')?.textContent,
          urls: [...document.querySelectorAll('.connections .url')].map((cell) => cell.title),
          data: [...document.querySelectorAll('.rows [data-col="data"]')].map((cell) => cell.textContent),
          inspected: chrome.devtools.inspectedWindow.tabId > 0,
          theme: chrome.devtools.panels.themeName === 'dark' ? 'dark' : 'light',
          applied: document.documentElement.dataset.theme,
        }); } catch (error) { return 'not ready: ' + error; } })()`,
      );
    await expect.poll(read).toBe(
      JSON.stringify({
        summary: '1 connection, 3 events',
        urls: [`${server.origin}/sse/messages`],
        data: ['one', 'two', 'three'],
        inspected: true,
        theme: 'light',
        applied: 'light',
      }),
    );
  } finally {
    await extension.close();
  }
});
