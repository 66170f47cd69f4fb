// Part of `npm run lint`: every value a module under src/ exports is used by another module (src or
// test). An export nobody imports is dead code, or a name that should be private to its file. Types
// are left out: a module exports the types its signatures use.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx|mjs)$/.test(name) ? [path] : [];
  });
}

const sources = files(join(root, 'src'));
const everything = [...sources, ...files(join(root, 'test')), join(root, 'build.mjs')];
const texts = new Map(everything.map((file) => [file, readFileSync(file, 'utf8')]));
const EXPORT = /^export\s+(?:async\s+)?(?:const|let|function\*?|class|enum)\s+([A-Za-z_$][\w$]*)/gm;

const unused: string[] = [];
for (const file of sources) {
  const text = texts.get(file) ?? '';
  for (const match of text.matchAll(EXPORT)) {
    const name = match[1] as string;
    const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
    const used = everything.some((other) => other !== file && word.test(texts.get(other) ?? ''));
    if (!used) unused.push(`${relative(root, file)}: ${name}`);
  }
}
if (unused.length > 0) {
  console.error(`Exported but used by no other module (remove it, or drop the export):\n  ${unused.join('\n  ')}`);
  process.exit(1);
}
console.log(`unused-exports: every export of ${sources.length} modules under src/ is used elsewhere`);
