/**
 * `npm start`: starts the demo SSE server and a Chromium with SSE Scope loaded and DevTools open
 * on the demo page, showing the SSE panel. Without a display (or with --headless) it runs
 * headless for a few seconds, prints what the panel captured and saves a screenshot of it.
 *
 *   npm start                      a browser window; Ctrl-C stops everything
 *   npm start -- --headless        headless: summary and screenshot, then exit
 *   npm start -- --headless --seconds 10 --screenshot panel.png
 *   npm start -- --lang ko          the browser, and so the panel, in Korean (ru: Russian)
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { showPanelInDevTools } from '../harness/devtools-panel';
import { findChromium, INSTALL_HINT } from '../harness/find-chromium';
import { type ExtensionBrowser, launchWithExtension, tabIdOf } from '../harness/launch';
import { readConnections, readEvents } from '../harness/panel-reader';
import type { SseServer } from '../harness/sse-server';
import { startDemoServer } from './demo-server';

const args = process.argv.slice(2);
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = args.includes('--headless') || !hasDisplay;
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const seconds = Math.min(Math.max(Number(option('--seconds')) || 6, 2), 120);
const SCREENSHOT = resolve(option('--screenshot') ?? 'sse-scope-demo.png');
const PORT = Number(process.env.PORT ?? 8787);

/** What this command tells its user, on standard output. */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function startServer(): Promise<SseServer> {
  try {
    return await startDemoServer(PORT);
  } catch {
    return startDemoServer(0); // the port is taken: any free one
  }
}

async function summarize(extension: ExtensionBrowser, page: Page): Promise<void> {
  const panel = await extension.context.newPage();
  await panel.setViewportSize({ width: 1280, height: 720 });
  await panel.goto(`chrome-extension://${extension.extensionId}/panel.html?tabId=${await tabIdOf(extension, page)}`);
  await panel.waitForFunction(() => document.querySelector('.connections') !== null, null, { timeout: 10_000 });
  // Paused, the table and the connections stand still together: the counts below agree.
  await panel.locator('[data-action="capture"]').click();
  await panel.evaluate(() => new Promise((done) => setTimeout(done, 100)));
  const connections = await readConnections(panel);
  const events = await readEvents(panel);
  print(`\nSSE Scope captured ${connections.length} connections and ${events.length} events:`);
  for (const c of connections) {
    const types = new Map<string, number>();
    for (const e of events) if (e.connection === c.ordinal) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    const byType = [...types].map(([type, n]) => `${type} ×${n}`).join(', ');
    print(
      `  #${c.ordinal} ${c.kind} ${c.url}  [${c.badge}]  ${c.events} events (${byType || 'none'}), ${c.reconnects} reconnects`,
    );
  }
  for (const e of events.slice(-5))
    print(`    ${e.time}  #${e.connection}  ${e.type.padEnd(12)} ${e.data.replace(/\n/g, '⏎')}`);
  // Show the assistant's answer as the panel assembles it from the streamed deltas (or, if the
  // answer is not in yet, the newest chat message as a JSON tree, or the newest event).
  const done = panel.locator('.rows .row', { has: panel.locator('[data-col="data"]', { hasText: /^\[DONE\]$/ }) });
  const chat = panel.locator('.rows .row', { has: panel.locator('[data-col="type"]', { hasText: /^usermessage$/ }) });
  if ((await done.count()) > 0) {
    await done.last().click();
    await panel.locator('.detail [data-tab="response"]').click();
  } else if ((await chat.count()) > 0) await chat.last().click();
  else await panel.locator('.events').press('End');
  await panel.locator('.detail').waitFor();
  await panel.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await panel.screenshot({ path: SCREENSHOT });
  print(`\nScreenshot of the panel: ${SCREENSHOT}`);
}

async function main(): Promise<void> {
  if (!findChromium()) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  const server = await startServer();
  const extension = await launchWithExtension({
    headless,
    args: headless ? [] : ['--auto-open-devtools-for-tabs', '--start-maximized'],
    viewport: headless ? { width: 1280, height: 800 } : null,
    sandbox: !headless && process.getuid?.() !== 0,
    // The browser speaks the user's language unless told another.
    language: option('--lang') ?? 'system',
  });
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    await extension.close().catch(() => undefined);
    await server.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const page = extension.context.pages()[0] ?? (await extension.context.newPage());
  await page.goto(`${server.origin}/`);
  print(`Demo page: ${server.origin}/  (extension ${extension.extensionId})`);

  if (headless) {
    print(`Running headless for ${seconds} s…`);
    await page.waitForTimeout(seconds * 1000);
    await summarize(extension, page);
    await stop();
    return;
  }
  const shown = await showPanelInDevTools(extension.context, extension.extensionId);
  print(shown ? 'DevTools is open on the SSE panel.' : 'Open DevTools (F12) and choose the SSE panel.');
  print('Press Ctrl-C to stop the browser and the demo server.');
  extension.context.on('close', () => void stop());
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
