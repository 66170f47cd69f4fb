/**
 * Finds a Chromium that loads unpacked extensions. Branded Google Chrome (137 and later) ignores
 * --load-extension, so it is never chosen; Chromium and Chrome for Testing (Playwright's) work.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CANDIDATES = [
  '/usr/lib/chromium/chromium', // Debian's real binary (/usr/bin/chromium is a wrapper adding flags)
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const INSTALL_HINT = [
  'No Chromium found that can load the extension. Install one of:',
  '  Debian/Ubuntu:  sudo apt-get install chromium',
  '  anywhere:       npx playwright install chromium',
  'or point CHROMIUM_PATH at a Chromium or Chrome for Testing binary (branded Google Chrome cannot load unpacked extensions from the command line).',
].join('\n');

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  for (const candidate of CANDIDATES) if (existsSync(candidate)) return candidate;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own installed.
  }
  return undefined;
}

export function requireChromium(): string {
  const found = findChromium();
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}
