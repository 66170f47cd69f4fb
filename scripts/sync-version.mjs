// npm version's `version` step: npm has written the new version into package.json and
// package-lock.json; this writes it into manifest.json (the Firefox manifest is made from that one
// by build.mjs) and stages it, so the version commit and tag npm makes carry all three.
//   node scripts/sync-version.mjs           write package.json's version into manifest.json
//   node scripts/sync-version.mjs --check   only say whether they agree (exit 1 if not)
import { readFile, writeFile } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const { version } = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const manifestUrl = new URL('manifest.json', root);
const text = await readFile(manifestUrl, 'utf8');
const current = JSON.parse(text).version;

if (process.argv.includes('--check')) {
  if (current !== version) {
    console.error(`package.json says ${version}, manifest.json ${current}`);
    process.exit(1);
  }
} else if (current !== version) {
  // Only the version's line changes: the rest of the file keeps its formatting.
  const updated = text.replace(/^(\s*"version":\s*)"[^"]*"/m, `$1${JSON.stringify(version)}`);
  if (JSON.parse(updated).version !== version) throw new Error('manifest.json: no top-level "version" line');
  await writeFile(manifestUrl, updated);
  console.log(`manifest.json: ${current} → ${version}`);
}
