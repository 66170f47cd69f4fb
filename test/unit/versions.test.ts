/**
 * One version everywhere: package.json, its lockfile and manifest.json agree (the Firefox manifest
 * is made from manifest.json; test/unit/package.test.ts reads it in the zip), and `npm version`
 * keeps them so, in the commit and tag it makes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, VERSION } from '../support/packaged';

const json = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

test('package.json, package-lock.json and manifest.json name one version', () => {
  const lock = json(ROOT, 'package-lock.json');
  expect([lock.version, lock.packages[''].version, json(ROOT, 'manifest.json').version]).toEqual([
    VERSION,
    VERSION,
    VERSION,
  ]);
});

test('npm version moves the manifest with package.json, in the commit and tag it makes', () => {
  const repo = mkdtempSync(join(tmpdir(), 'sse-scope-version-'));
  for (const name of ['package.json', 'package-lock.json', 'manifest.json']) cpSync(join(ROOT, name), join(repo, name));
  mkdirSync(join(repo, 'scripts'));
  cpSync(join(ROOT, 'scripts/sync-version.mjs'), join(repo, 'scripts/sync-version.mjs'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'start');
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@t',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@t',
  };
  execFileSync('npm', ['version', '7.8.9', '--ignore-scripts=false'], { cwd: repo, env, stdio: 'pipe' });
  expect([
    json(repo, 'package.json').version,
    json(repo, 'package-lock.json').version,
    json(repo, 'manifest.json').version,
  ]).toEqual(['7.8.9', '7.8.9', '7.8.9']);
  const tagged = git('diff-tree', '--no-commit-id', '--name-only', '-r', 'v7.8.9^{commit}');
  expect(tagged.trim().split('\n')).toEqual(['manifest.json', 'package-lock.json', 'package.json']);
  // Only the version's line of the manifest changed.
  expect(git('diff', '--numstat', 'HEAD~1', '--', 'manifest.json').trim()).toBe('1\t1\tmanifest.json');
  rmSync(repo, { recursive: true, force: true });
});
