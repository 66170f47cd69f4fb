/**
 * Firefox for tests and the demo: puppeteer-core drives it over WebDriver BiDi and installs
 * dist/firefox/ (`npm run build:firefox`) as a temporary add-on, no signing needed. The add-on's
 * UUID is fixed, so its pages are moz-extension://UUID/….
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_EXTENSION_DIR = fileURLToPath(new URL('../../dist/firefox/', import.meta.url));
export const EXTENSION_UUID = '5c3e7d0a-1b2c-4d5e-8f90-a1b2c3d4e5f6';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];

export const FIREFOX_HINT = [
  'No Firefox found for the Firefox tests. Install one of:',
  '  Debian/Ubuntu:  sudo apt-get install firefox-esr',
  'or point FIREFOX_PATH at a Firefox 142 or later.',
].join('\n');

export function findFirefox(): string | undefined {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

/** Firefox with the built add-on installed, or without it (to compare a page's behaviour). */
export async function launchFirefox(options: {
  extension: boolean;
  prefs?: Record<string, unknown>;
}): Promise<Browser> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_HINT);
  const manifest = JSON.parse(readFileSync(`${FIREFOX_EXTENSION_DIR}manifest.json`, 'utf8'));
  const geckoId: string = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      // Localhost only: no update checks, no telemetry, no remote settings.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      ...options.prefs,
    },
  });
  if (options.extension) await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return browser;
}

/**
 * Opens one of the add-on's pages (`panel.html?tabId=N`, `popup.html?…`) in a new tab. Over BiDi,
 * `goto` to a moz-extension:// page never resolves: start it, then wait for the page to be there.
 */
export async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `moz-extension://${EXTENSION_UUID}/${path}`;
  void page.goto(url).catch(() => undefined);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const href = await page.evaluate(() => location.href).catch(() => '');
    if (href === url && (await page.evaluate(() => document.readyState).catch(() => '')) === 'complete') return page;
    if (Date.now() > deadline) throw new Error(`${url} did not open`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The tab id of a page as the add-on knows it, found by its URL through an add-on page. */
export async function firefoxTabIdOf(browser: Browser, page: Page): Promise<number> {
  const helper = await openExtensionPage(browser, 'popup.html?tabId=0');
  try {
    const url = page.url();
    const id = await helper.evaluate(async (wanted) => {
      const api = (
        globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }
      ).browser;
      return (await api.tabs.query({})).find((tab) => tab.url === wanted)?.id;
    }, url);
    if (id === undefined) throw new Error(`no tab shows ${url}`);
    return id;
  } finally {
    await helper.close();
  }
}
