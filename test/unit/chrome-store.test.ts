/**
 * The Chrome Web Store zip against what the store refuses (test/support/chrome-store.ts), and the
 * same zip doctored with each refused thing, so that every check is seen to fail.
 */
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { chromeStoreRefusals } from '../support/chrome-store';
import { entriesOf, fileIn, packageOnce, VERSION } from '../support/packaged';
import type { ZipEntry } from '../support/zip-reader';

let chrome: ZipEntry[] = [];

test.beforeAll(() => {
  const out = packageOnce();
  chrome = entriesOf(out, `sse-scope-chrome-${VERSION}.zip`);
  rmSync(out, { recursive: true, force: true });
});

test('the Chrome zip holds nothing the Chrome Web Store refuses', () => {
  expect(chromeStoreRefusals(chrome)).toEqual([]);
  const manifest = JSON.parse(String(fileIn(chrome, 'manifest.json')));
  expect(manifest.version).toBe(VERSION);
  expect(chrome.map((entry) => entry.name).filter((name) => name.endsWith('.html'))).toEqual([
    'devtools.html',
    'panel.html',
    'popup.html',
  ]);
});

test('each refused thing, put into the Chrome zip, is found', () => {
  const edit = (name: string, change: (text: string) => string): ZipEntry[] =>
    chrome.map((entry) => (entry.name === name ? { ...entry, data: Buffer.from(change(String(entry.data))) } : entry));
  const manifest = (change: (m: Record<string, unknown>) => void) =>
    edit('manifest.json', (text) => {
      const m = JSON.parse(text);
      change(m);
      return JSON.stringify(m);
    });
  const found = (entries: ZipEntry[]) => chromeStoreRefusals(entries).join('\n');
  expect(found(manifest((m) => Object.assign(m, { key: 'MIIB' })))).toContain('key field');
  expect(found(manifest((m) => delete (m.icons as Record<string, string>)['48']))).toContain('no 48×48 icon');
  expect(found(chrome.filter((entry) => entry.name !== 'icons/icon-128.png'))).toContain('icons/icon-128.png is not');
  expect(found(manifest((m) => Object.assign(m.icons as object, { 16: 'icons/icon-32.png' })))).toContain(
    'icons/icon-32.png is not a 16×16 PNG',
  );
  expect(found(edit('panel.js', (js) => `${js};eval("1")`))).toContain('panel.js calls eval');
  expect(found(edit('popup.js', (js) => `${js};new Function("return 1")`))).toContain('popup.js calls new Function');
  expect(found(edit('relay.js', (js) => `${js};import("./x.js")`))).toContain('relay.js imports code');
  expect(found(edit('background.js', (js) => `${js};importScripts("https://cdn.example/x.js")`))).toContain(
    'background.js names a remote script',
  );
  const inline = edit('panel.html', (html) => html.replace('</body>', '<script>alert(1)</script></body>'));
  expect(found(inline)).toContain('panel.html has an inline script');
  const remote = edit('popup.html', (html) => html.replace('popup.js', 'https://cdn.example/popup.js'));
  expect(found(remote)).toContain('popup.html loads https://cdn.example/popup.js');
  expect(found(edit('panel.html', (html) => html.replace('<body>', '<body onload="go()">')))).toContain(
    'inline handler',
  );
  const csp = manifest((m) =>
    Object.assign(m, { content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'" } }),
  );
  expect(found(csp)).toContain('CSP allows');
  const extra = [...chrome, { ...chrome[0], name: 'test.html', data: Buffer.from('<p>test</p>') } as ZipEntry];
  expect(found(extra)).toContain('nothing opens test.html');
  expect(found([...chrome, { ...chrome[0], name: 'panel.js.map', data: Buffer.from('{}') } as ZipEntry])).toContain(
    'panel.js.map is a source map',
  );
});
