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
/**
 * What each folder of src/ may import: folders of src/ (its own always), packages, and paths from
 * the root ending in `/`. A subfolder with a line of its own follows that line, not its parent's.
 */
const ALLOWED: Record<string, string[]> = {
  core: ['eventsource-parser'],
  messages: ['core'],
  files: ['core'],
  platform: ['webextension-polyfill'],
  page: ['core', 'messages'],
  relay: ['core', 'messages', 'platform'],
  background: ['core', 'messages', 'platform'],
  ui: ['core', 'messages', 'files', 'platform', CATALOGUES, ...PREACT],
  /** The UI's words: pure, so that they load in unit tests as in the panel. */
  'ui/text': ['core', 'files', CATALOGUES],
  panel: ['ui', 'core', 'messages', 'files', 'platform', ...PREACT],
  popup: ['ui', 'core', 'messages', 'files', 'platform', ...PREACT],
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

/** What an import names, seen from `file`: a path under src/, a package, or a path from the root. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const path = resolve(dirname(file), specifier);
  const inSrc = relative(src, path);
  return inSrc.startsWith('..') ? relative(root, path) : inSrc;
}

/** Whether `path` is in `area` (a folder of src/, a package, or a root path ending in `/`). */
const within = (path: string, area: string) => path === area || path.startsWith(area.endsWith('/') ? area : `${area}/`);

/** The deepest folder with a line in ALLOWED that holds `path`. */
const areaOf = (path: string) =>
  Object.keys(ALLOWED)
    .filter((area) => within(path, area))
    .sort((a, b) => b.length - a.length)[0];

const broken: string[] = [];
for (const file of files(src)) {
  const path = relative(src, file);
  const area = areaOf(path);
  const where = relative(root, file);
  if (area === undefined) {
    broken.push(`${where}: src/${path.split('/')[0]} has no line in test/lint/layers.ts, so it may import nothing`);
    continue;
  }
  const allowed = ALLOWED[area] as string[];
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const specifier = (match[1] ?? match[2] ?? match[3]) as string;
    const to = target(file, specifier);
    if (within(to, area) || allowed.some((entry) => within(to, entry))) continue;
    broken.push(`${where}: imports ${specifier}; src/${area} may import ${[area, ...allowed].join(', ')}`);
  }
}

if (broken.length) {
  console.error(`Imports against the layers (docs/architecture.md):\n${broken.join('\n')}`);
  process.exit(1);
}
