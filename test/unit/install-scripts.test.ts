/**
 * npm asks a project to decide, in package.json's allowScripts, which dependencies may run install
 * scripts; without a decision `npm install` ends with a warning (and npm 12 skips the script).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/** The installed packages whose package.json has an install script, by name. */
function withInstallScripts(root: string): string[] {
  const found: string[] = [];
  const visit = (dir: string, name: string) => {
    let manifest: { scripts?: Record<string, string> };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      return;
    }
    if (INSTALL_SCRIPTS.some((s) => manifest.scripts?.[s])) found.push(name);
  };
  for (const entry of readdirSync(root)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      for (const inner of readdirSync(join(root, entry))) visit(join(root, entry, inner), `${entry}/${inner}`);
    } else visit(join(root, entry), entry);
  }
  return found.sort();
}

test('every dependency with an install script has a recorded decision in allowScripts', () => {
  const project = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts?: Record<string, boolean> };
  const decided = Object.keys(project.allowScripts ?? {}).map((key) => key.replace(/(.)@.*$/, '$1'));
  const needing = withInstallScripts('node_modules');
  expect(needing).toContain('esbuild');
  expect(needing.filter((name) => !decided.includes(name))).toEqual([]);
});
