/**
 * Privacy and the extension pages' policy: the extension makes no network request of its own, and
 * its pages run under a strict content security policy.
 */

import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGES_DIR, routes } from '../fixtures/routes';
import { launchPlain, launchWithExtension } from '../harness/launch';
import { startSseServer } from '../harness/sse-server';
import { expect, test } from '../support/fixtures';
import { waitUntilDone } from '../support/page-log';
import { openPanel, panelEventsByUrl, tabIdOf } from '../support/panel';

/** Every http(s) URL in a Chromium net log, without its query. */
function requestedIn(netLog: string): { urls: Set<string>; fromExtension: number } {
  const text = readFileSync(netLog, 'utf8');
  rmSync(netLog, { force: true });
  const urls = new Set([...text.matchAll(/"url":"((?:https?|wss?):[^"?#]+)/g)].map((m) => m[1] as string));
  return { urls, fromExtension: text.match(/"initiator":"chrome-extension:/g)?.length ?? 0 };
}

test('the extension makes no network request of its own', async () => {
  test.setTimeout(90_000);
  const netLog = (name: string) => join(tmpdir(), `sse-scope-netlog-${process.pid}-${name}.json`);
  // Chromium's own housekeeping (update checks and the like), from a browser without the extension.
  const bare = await launchPlain([`--log-net-log=${netLog('plain')}`]);
  await (await bare.newPage()).goto('about:blank');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await bare.close();
  const chromiumHosts = new Set([...requestedIn(netLog('plain')).urls].map((url) => new URL(url).host));

  const server = await startSseServer({ routes, pagesDir: PAGES_DIR });
  const extension = await launchWithExtension({ args: [`--log-net-log=${netLog('extension')}`] });
  try {
    // EventSource, fetch and XHR streams, with the panel and the popup open on them.
    const page = await extension.context.newPage();
    await page.goto(`${server.origin}/pages/patched.html`);
    await waitUntilDone(page);
    const tabId = await tabIdOf(extension, page);
    const panel = await openPanel(extension, tabId);
    await panelEventsByUrl(panel, 17);
    const popup = await extension.context.newPage();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`);
    await expect(popup.locator('body')).toContainText('/sse/named');
  } finally {
    await extension.close();
    await server.close();
  }
  // Chromium writes the net log as it closes: every URL it requested is in it.
  const { urls, fromExtension } = requestedIn(netLog('extension'));
  const ours = [...urls].filter((url) => url.startsWith(`${server.origin}/`));
  expect(ours).toEqual(expect.arrayContaining([`${server.origin}/sse/named`, `${server.origin}/sse/fetch-basic`]));
  expect(
    [...urls].filter((url) => !url.startsWith(`${server.origin}/`) && !chromiumHosts.has(new URL(url).host)),
  ).toEqual([]);
  expect(fromExtension).toBe(0);
});

test('extension pages run under a strict content security policy', async ({ extension }) => {
  const manifest = JSON.parse(readFileSync(new URL('../../extension/manifest.json', import.meta.url), 'utf8'));
  const policy: string = manifest.content_security_policy.extension_pages;
  for (const directive of ["script-src 'self'", "object-src 'none'", "connect-src 'none'", "base-uri 'none'"])
    expect(policy).toContain(directive);
  expect(policy).not.toContain('unsafe');
  const panel = await extension.context.newPage();
  const violations: string[] = [];
  panel.on('console', (message) => {
    if (/Content Security Policy/.test(message.text())) violations.push(message.text());
  });
  await panel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=1`);
  await expect(panel.locator('.toolbar')).toBeVisible();
  // The panel itself loads with no violation; what a bug could inject is refused.
  expect(violations).toEqual([]);
  const refused = await panel.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.head.append(script);
    let fetched = 'sent';
    await fetch('http://127.0.0.1:9/').catch((error: Error) => {
      fetched = error.name;
    });
    return { inline: (window as { __inline?: number }).__inline ?? 0, fetched };
  });
  expect(refused).toEqual({ inline: 0, fetched: 'TypeError' });
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
});
