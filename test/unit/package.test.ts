/**
 * npm run package as the stores' reviewers check it: packaging one commit twice (into another
 * folder, in another time zone) gives the same bytes, the checksum list is right, every entry has
 * the same time and mode, and the source archive alone rebuilds the Firefox zip file for file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { entriesOf, packageOnce, ROOT, VERSION, ZIPS } from '../support/packaged';
import { readZip } from '../support/zip-reader';

const DOS_1980_01_01 = (1 << 5) | 1;
let first = '';
let second = '';

test.beforeAll(() => {
  first = packageOnce();
  second = packageOnce({ TZ: 'Pacific/Kiritimati', LANG: 'ru_RU.UTF-8' });
});

test.afterAll(() => {
  for (const dir of [first, second]) rmSync(dir, { recursive: true, force: true });
});

test('two packagings of one commit are byte-identical, and the checksum list is theirs', () => {
  const sums = `sse-scope-${VERSION}.sha256`;
  const differing = [...ZIPS, sums].filter(
    (name) => !readFileSync(join(first, name)).equals(readFileSync(join(second, name))),
  );
  expect(differing).toEqual([]);
  const listed = readFileSync(join(first, sums), 'utf8');
  const expected = ZIPS.map(
    (name) =>
      `${createHash('sha256')
        .update(readFileSync(join(first, name)))
        .digest('hex')}  ${name}\n`,
  );
  expect(listed).toBe(expected.join(''));
});

test('every entry: a relative path, in byte order, dated 1980-01-01 00:00, mode 0644, no build path inside', () => {
  const wrong: string[] = [];
  for (const zip of ZIPS) {
    const entries = entriesOf(first, zip);
    const names = entries.map((entry) => entry.name);
    const sorted = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    if (names.join('\n') !== sorted.join('\n')) wrong.push(`${zip}: entries out of order`);
    for (const { name, mode, dosDate, dosTime, data } of entries) {
      if (name.startsWith('/') || name.split('/').includes('..')) wrong.push(`${zip}: ${name} is not relative`);
      if (mode !== 0o100644 || dosDate !== DOS_1980_01_01 || dosTime !== 0) wrong.push(`${zip}: ${name} mode or time`);
      if (data.includes(ROOT) || data.includes(first)) wrong.push(`${zip}: ${name} holds an absolute path`);
    }
  }
  expect(wrong).toEqual([]);
});

test('the source archive holds what rebuilds the add-on, no tests, and rebuilds its zip file for file', () => {
  const sources = entriesOf(first, `sse-scope-source-${VERSION}.zip`);
  const names = sources.map((entry) => entry.name);
  for (const needed of [
    'BUILDING.md',
    'build.mjs',
    'manifest.json',
    'package-lock.json',
    'package.json',
    'tsconfig.json',
  ]) {
    expect(names).toContain(needed);
  }
  expect(names).toContain('src/background/index.ts');
  expect(names.filter((name) => /^(test|docs|node_modules|dist)\/|^extension\/[^/]+\.js$/.test(name))).toEqual([]);

  // What a reviewer does: unpack, install the locked dependencies (here: the ones installed), build.
  const checkout = mkdtempSync(join(tmpdir(), 'sse-scope-source-'));
  for (const { name, data } of sources) {
    mkdirSync(dirname(join(checkout, name)), { recursive: true });
    writeFileSync(join(checkout, name), data);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
  const rebuilt = join(checkout, 'rebuilt');
  execFileSync(process.execPath, ['scripts/package.mjs', '--out', rebuilt], { cwd: checkout, stdio: 'pipe' });
  const firefox = `sse-scope-firefox-${VERSION}.zip`;
  expect(readFileSync(join(rebuilt, firefox)).equals(readFileSync(join(first, firefox)))).toBe(true);
  expect(readZip(readFileSync(join(rebuilt, firefox))).length).toBeGreaterThan(10);
  rmSync(checkout, { recursive: true, force: true });
});
