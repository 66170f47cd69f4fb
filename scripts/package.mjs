// npm run package: what the stores take, for the version in package.json, into dist/ (or --out DIR):
//   sse-scope-chrome-VERSION.zip    the Chrome Web Store's upload: the Chrome build, its manifest
//                                   without `key` (the store refuses it and gives its own id)
//   sse-scope-firefox-VERSION.zip   addons.mozilla.org's upload: the Firefox build
//   sse-scope-source-VERSION.zip    the sources AMO's reviewers rebuild the Firefox build from
//                                   (BUILDING.md says how)
//   sse-scope-VERSION.sha256        the three zips' SHA-256, as `sha256sum -c` reads it
// Each build is a fresh release build into a folder of its own, so nothing a development build
// left in extension/ (source maps) gets in. The zips are byte-identical from one commit (zip.mjs).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { zip } from './zip.mjs';

const root = new URL('../', import.meta.url).pathname;
const outArg = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : undefined;
const out = resolve(outArg ?? join(root, 'dist'));

/**
 * What AMO's reviewers need to rebuild the Firefox build, and nothing else: the sources, the static
 * files, the build, the manifest, the pinned dependencies. Tests, docs and pictures stay out.
 */
const SOURCES = [
  'BUILDING.md',
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'SECURITY.md',
  'build.mjs',
  'extension',
  'manifest.json',
  'package-lock.json',
  'package.json',
  'scripts',
  'src',
  'tsconfig.json',
];
/** What builds write into extension/ (.gitignore's list): built, so not a source. */
const BUILT = /^extension\/([^/]+\.js|[^/]+\.js\.map|manifest\.json)$/;

/** Every file under `dir`, as paths relative to `base` with `/` separators. */
async function filesUnder(dir, base = dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? filesUnder(join(dir, entry.name), base)
        : [relative(base, join(dir, entry.name)).split(sep).join('/')],
    ),
  );
  return nested.flat();
}

/** The entries of a built extension in `dir`; `manifest` rewrites its manifest. */
async function builtEntries(dir, manifest = (m) => m) {
  const names = (await filesUnder(dir)).filter((name) => !name.endsWith('.map'));
  return Promise.all(
    names.map(async (name) => {
      const data = await readFile(join(dir, name));
      if (name !== 'manifest.json') return { name, data };
      return { name, data: Buffer.from(`${JSON.stringify(manifest(JSON.parse(data.toString())), null, 2)}\n`) };
    }),
  );
}

async function sourceEntries() {
  const names = [];
  for (const path of SOURCES) {
    const full = join(root, path);
    names.push(
      ...((await stat(full)).isDirectory() ? (await filesUnder(full)).map((name) => `${path}/${name}`) : [path]),
    );
  }
  const kept = names.filter((name) => !BUILT.test(name));
  return Promise.all(kept.map(async (name) => ({ name, data: await readFile(join(root, name)) })));
}

const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const manifestVersion = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8')).version;
if (manifestVersion !== version) {
  throw new Error(`package.json says ${version}, manifest.json ${manifestVersion}: run npm version, not an edit`);
}

const staging = await mkdtemp(join(tmpdir(), 'sse-scope-package-'));
try {
  const build = (dir, ...flags) =>
    execFileSync(process.execPath, [join(root, 'build.mjs'), ...flags, '--out', dir], { cwd: root, stdio: 'ignore' });
  build(join(staging, 'chrome'));
  build(join(staging, 'firefox'), '--firefox');
  const withoutKey = ({ key, ...manifest }) => manifest;
  const zips = {
    [`sse-scope-chrome-${version}.zip`]: zip(await builtEntries(join(staging, 'chrome'), withoutKey)),
    [`sse-scope-firefox-${version}.zip`]: zip(await builtEntries(join(staging, 'firefox'))),
    [`sse-scope-source-${version}.zip`]: zip(await sourceEntries()),
  };
  await mkdir(out, { recursive: true });
  const sums = [];
  for (const [name, data] of Object.entries(zips)) {
    await writeFile(join(out, name), data);
    sums.push(`${createHash('sha256').update(data).digest('hex')}  ${name}\n`);
    console.log(`${relative(process.cwd(), join(out, name))}  ${(data.length / 1024).toFixed(0)} kB`);
  }
  await writeFile(join(out, `sse-scope-${version}.sha256`), sums.join(''));
} finally {
  await rm(staging, { recursive: true, force: true });
}
