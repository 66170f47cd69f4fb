// Part of `npm run lint`: layers point one way (docs/architecture.md). Each folder under src/ may
// import only what its line below allows, so a new folder may import nothing until it is given a
// line here, and a module that reaches upwards or sideways is named with the line it broke.
// An import is `import … from`, `export … from`, a side-effect `import '…'` or `import('…')`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const src = join(root, 'src');

const PREACT = ['preact', 'preact/hooks', 'preact/jsx-runtime', '@preact/signals'];
const CATALOGUES = 'extension/_locales/';
/** What each folder of src/ may import: folders of src/ (its own always), packages, and paths from the root ending in `/`. */
export const ALLOWED: Record<string, string[]> = {
  core: ['eventsource-parser'],
  protocol: ['core'],
  files: ['core'],
  platform: ['webextension-polyfill'],
  page: ['core', 'protocol'],
  relay: ['core', 'protocol', 'platform'],
  background: ['core', 'protocol', 'platform'],
  ui: ['core', 'protocol', 'files', 'platform', CATALOGUES, ...PREACT],
  panel: ['ui', 'core', 'protocol', 'files', 'platform', ...PREACT],
  popup: ['ui', 'core', 'protocol', 'files', 'platform', ...PREACT],
  devtools: ['platform'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The src/ folder or package an import names, seen from `file`. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const path = resolve(dirname(file), specifier);
  const inSrc = relative(src, path);
  if (inSrc.startsWith('..')) return relative(root, path);
  return inSrc.split('/')[0] as string;
}

const broken: string[] = [];
for (const file of files(src)) {
  const folder = relative(src, file).split('/')[0] as string;
  const allowed = ALLOWED[folder];
  const where = relative(root, file);
  if (!allowed) {
    broken.push(`${where}: src/${folder} has no line in test/lint/layers.ts, so it may import nothing`);
    continue;
  }
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const specifier = (match[1] ?? match[2] ?? match[3]) as string;
    const to = target(file, specifier);
    if (to === folder || allowed.some((entry) => entry === to || (entry.endsWith('/') && to.startsWith(entry))))
      continue;
    broken.push(`${where}: imports ${specifier}; src/${folder} may import ${[folder, ...allowed].join(', ')}`);
  }
}

if (broken.length) {
  console.error(`Imports against the layers (docs/architecture.md):\n${broken.join('\n')}`);
  process.exit(1);
}
