/** Starts Chromium with the unpacked extension loaded, for tests, `npm start` and benchmarks. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { requireChromium } from './find-chromium';

export const EXTENSION_DIR =
  process.env.SSE_SCOPE_EXTENSION_DIR ?? fileURLToPath(new URL('../../extension/', import.meta.url));

/** Flags that keep Chromium off the network (only 127.0.0.1 is reachable here) and quiet. */
/** Playwright turns the back/forward cache off; users' browsers have it, and so do our tests. */
const KEEP_BFCACHE = ['--disable-back-forward-cache'];

const QUIET_FLAGS = [
  '--no-first-run',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The background service worker (after a restart the handle points at the new instance). */
  worker: Worker;
  close(): Promise<void>;
}

export async function launchWithExtension(
  options: {
    headless?: boolean;
    args?: string[];
    viewport?: { width: number; height: number } | null;
    /** Keep Chromium's sandbox (a user's browser window); it cannot run as root, as CI does. */
    sandbox?: boolean;
    /**
     * The browser's UI language, which the extension's UI follows: English unless a test asks for
     * another; `system` leaves it to the user's environment (`npm start`).
     */
    language?: string;
  } = {},
): Promise<ExtensionBrowser> {
  const language = options.language ?? 'en-US';
  const userDataDir = mkdtempSync(join(tmpdir(), 'sse-scope-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: requireChromium(),
    headless: options.headless ?? true,
    chromiumSandbox: options.sandbox ?? false,
    ignoreDefaultArgs: KEEP_BFCACHE,
    viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...QUIET_FLAGS,
      ...(language === 'system' ? [] : [`--lang=${language}`]),
      ...(options.args ?? []),
    ],
    // Chromium on Linux takes its UI language from LANGUAGE (with Debian's chromium-l10n), elsewhere
    // from --lang; Playwright's test runner also sets each page's locale (en-US unless told).
    ...(language === 'system'
      ? {}
      : { env: { ...process.env, LANGUAGE: language.replace('-', '_') }, locale: language }),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    worker,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A Chromium without the extension, to compare what a page does with and without it. */
export function launchPlain(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    ignoreDefaultArgs: KEEP_BFCACHE,
    args: [...QUIET_FLAGS, ...args],
  });
}

/**
 * A Chromium without the extension, launched as `launchWithExtension` launches it (a persistent
 * profile, the same flags), for benchmarks: a page's cost there and with the extension then differs
 * by the extension alone. (A browser from `launchPlain`, with a fresh context per page, runs the
 * same page measurably slower here.)
 */
export async function launchPlainProfile(
  args: string[] = [],
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sse-scope-plain-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: requireChromium(),
    headless: true,
    chromiumSandbox: false,
    ignoreDefaultArgs: KEEP_BFCACHE,
    viewport: { width: 1280, height: 800 },
    args: [...QUIET_FLAGS, '--lang=en-US', ...args],
    env: { ...process.env, LANGUAGE: 'en_US' },
    locale: 'en-US',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The part of the extension API called inside the extension's pages and worker. */
export interface ChromeGlobal {
  chrome: {
    runtime: { connect(): unknown };
    tabs: { query(query: object): Promise<{ id?: number }[]> };
    storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
  };
}

/** The tab id of a page, as the extension knows it: bring it to front, ask the worker. */
export async function tabIdOf(extension: Pick<ExtensionBrowser, 'worker'>, page: Page): Promise<number> {
  await page.bringToFront();
  return extension.worker.evaluate(async () => {
    const query = { active: true, lastFocusedWindow: true };
    const [tab] = await (globalThis as unknown as ChromeGlobal).chrome.tabs.query(query);
    return tab?.id ?? -1;
  });
}
