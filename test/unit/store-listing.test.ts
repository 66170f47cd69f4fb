/**
 * The store listing (store/) agrees with the extension: each language's name and summary are the
 * manifest's, within the stores' limits, and every permission either browser's manifest asks for
 * is justified for that browser's reviewers.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { catalogue } from '../support/messages';
import { readListing } from '../support/store-listing';

const LANGUAGES = ['en', 'ko', 'ru'];
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const manifest = JSON.parse(read('manifest.json')) as { permissions: string[]; host_permissions: string[] };

/** What build.mjs's firefoxManifest does to Chrome's permissions: drops some, adds others. */
function firefoxPermissions(): string[] {
  const source = read('build.mjs');
  const block = /permissions: \[([\s\S]*?)\],/.exec(source.slice(source.indexOf('function firefoxManifest')))?.[1];
  if (!block) throw new Error("build.mjs's firefoxManifest no longer lists its permissions where this looks");
  const dropped = [...block.matchAll(/p !== '(\w+)'/g)].map((m) => m[1]);
  const added = [...block.replace(/p !== '\w+'/g, '').matchAll(/'(\w+)'/g)].map((m) => m[1] as string);
  return [...manifest.permissions.filter((p) => !dropped.includes(p)), ...added];
}

for (const language of LANGUAGES) {
  test(`the ${language} listing: the manifest's name and summary, within the stores' limits`, () => {
    const listing = readListing(language);
    const messages = catalogue(language);
    expect(listing.name).toBe(messages.extName?.message);
    expect(listing.summary).toBe(messages.extDescription?.message);
    expect(listing.summary.length, 'the Chrome Web Store takes 132 characters').toBeLessThanOrEqual(132);
    expect(listing.tagline.length, 'the tile has room for about 50').toBeLessThanOrEqual(50);
    expect(listing.description.length, 'the Chrome Web Store takes 16,000').toBeLessThanOrEqual(16_000);
  });

  test(`the privacy policy exists in ${language}`, () => {
    expect(read(`store/privacy/${language}.md`)).toContain('connect-src');
  });
}

test('every permission of either manifest is justified for its store', () => {
  const chrome = read('store/chrome-web-store.md');
  for (const permission of manifest.permissions) expect(chrome).toContain(`**\`${permission}\`**`);
  for (const host of manifest.host_permissions) expect(chrome).toContain(`**Host permission \`${host}\`**`);
  const firefox = read('store/addons-mozilla-org.md');
  const permissions = firefoxPermissions();
  expect(permissions).not.toContain('debugger');
  expect(permissions).toContain('webRequestFilterResponse');
  for (const permission of permissions) expect(firefox).toMatch(new RegExp(`> \\*\\*.*\`${permission}\``));
  for (const host of manifest.host_permissions) expect(firefox).toContain(`\`${host}\``);
});
