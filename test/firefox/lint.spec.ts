/**
 * `web-ext lint` on the Firefox build (offline), as addons.mozilla.org runs it: no errors, no
 * notices, no warnings. Preact's one `innerHTML` write, for `dangerouslySetInnerHTML`, is written as
 * text in the bundle (build.mjs); no source passes that prop (checked here): page data reaches the
 * DOM as text only.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FIREFOX_EXTENSION_DIR } from '../harness/firefox';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : [join(dir, entry.name)],
  );

test('web-ext lint finds no error, notice or warning; no source writes HTML', () => {
  const out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', FIREFOX_EXTENSION_DIR, '--output', 'json'], {
    encoding: 'utf8',
  });
  const report = JSON.parse(out.slice(out.indexOf('{')));
  expect(report.errors).toEqual([]);
  expect(report.notices).toEqual([]);
  expect(report.warnings.map((w: { code: string; file: string }) => `${w.code} ${w.file}`)).toEqual([]);
  const bundles = ['panel.js', 'popup.js'].map((file) => readFileSync(join(FIREFOX_EXTENSION_DIR, file), 'utf8'));
  expect(bundles.filter((code) => /\.innerHTML=(?!=)/.test(code))).toEqual([]);
  const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(manifest.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  expect(manifest.background).toEqual({ scripts: ['background.js'] });
  expect(manifest.browser_specific_settings.gecko).toEqual({
    id: 'sse-scope@sse-scope.dev',
    strict_min_version: '142.0',
    data_collection_permissions: { required: ['none'] },
  });
  const src = new URL('../../src/', import.meta.url).pathname;
  const writers = sources(src).filter((file) =>
    /dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML|insertAdjacentHTML/.test(readFileSync(file, 'utf8')),
  );
  expect(writers).toEqual([]);
});
