/** `npm run package` into a folder of the test's own, and what it wrote, read back. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZip, type ZipEntry } from './zip-reader';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

export const ZIPS = [
  `sse-scope-chrome-${VERSION}.zip`,
  `sse-scope-firefox-${VERSION}.zip`,
  `sse-scope-source-${VERSION}.zip`,
] as const;

/** Runs the package script into a new folder (`env` added to the environment) and returns the folder. */
export function packageOnce(env: Record<string, string> = {}): string {
  const out = mkdtempSync(join(tmpdir(), 'sse-scope-packaged-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--out', out], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  return out;
}

export const entriesOf = (dir: string, zip: string): ZipEntry[] => readZip(readFileSync(join(dir, zip)));

/** An entry's bytes by name, or undefined. */
export const fileIn = (entries: ZipEntry[], name: string): Buffer | undefined =>
  entries.find((entry) => entry.name === name)?.data;
