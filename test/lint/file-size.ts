// Part of `npm run lint`: a file owns one job, and a long file usually owns two. A source or test
// file over LIMIT lines is refused unless a comment among its first lines says why it is long
// (`Long because: …`), so that the reason is read, and questioned, by whoever opens it next.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const LIMIT = 300;
/** How far down the file the reason may be written: its opening comment. */
const HEAD = 15;
const REASON = /^\s*(?:\/\/|\*|\/\*\*?)\s*Long because: \S/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx|mjs)$/.test(name) ? [path] : [];
  });
}

const long: string[] = [];
for (const file of [...files(join(root, 'src')), ...files(join(root, 'test')), join(root, 'build.mjs')]) {
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length <= LIMIT || lines.slice(0, HEAD).some((line) => REASON.test(line))) continue;
  long.push(`${relative(root, file)}: ${lines.length} lines`);
}

if (long.length) {
  console.error(
    `Files over ${LIMIT} lines, with no "Long because: …" comment in their first ${HEAD} lines (split them, or say why not):\n${long.join('\n')}`,
  );
  process.exit(1);
}
