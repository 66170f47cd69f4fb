/**
 * What the Chrome Web Store refuses in an upload, checked in the zip's own entries: a `key` field,
 * remote code (a script from an http(s) URL, dynamic import), `eval` and `new Function`, inline
 * scripts and handlers in the extension's pages, a CSP that allows either, a declared icon size that
 * is missing or is not a PNG of that size, a file the manifest names but the zip lacks, and files
 * the extension never loads (source maps, pages nothing opens).
 */
import type { ZipEntry } from './zip-reader';

const ICON_SIZES = ['16', '32', '48', '128'];

interface Manifest {
  key?: string;
  manifest_version?: number;
  default_locale?: string;
  icons?: Record<string, string>;
  background?: { service_worker?: string };
  devtools_page?: string;
  action?: { default_popup?: string; default_icon?: Record<string, string> };
  content_scripts?: { js?: string[]; css?: string[] }[];
  content_security_policy?: { extension_pages?: string };
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(data: Buffer): [number, number] | undefined {
  if (data.length < 24 || data.toString('latin1', 1, 4) !== 'PNG' || data.toString('latin1', 12, 16) !== 'IHDR') {
    return undefined;
  }
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

const CODE_REFUSED: [RegExp, string][] = [
  [/\beval\s*\(/, 'calls eval'],
  [/\bnew\s+Function\s*\(/, 'calls new Function'],
  [/\bimport\s*\(/, 'imports code at run time'],
  [/https?:\/\/[^\s"'`)]+\.m?js\b/, 'names a remote script'],
  [/sourceMappingURL=/, 'points to a source map'],
];

export function chromeStoreRefusals(entries: ZipEntry[]): string[] {
  const files = new Map(entries.map((entry) => [entry.name, entry.data]));
  const refusals: string[] = [];
  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes) return ['no manifest.json'];
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  if ('key' in manifest) refusals.push('manifest.json has a key field');
  if (manifest.manifest_version !== 3) refusals.push('manifest.json is not Manifest V3');

  const named = new Set<string>(['manifest.json']);
  for (const size of ICON_SIZES) {
    const path = manifest.icons?.[size];
    if (!path) refusals.push(`no ${size}×${size} icon declared`);
    else named.add(path);
  }
  for (const [size, path] of [
    ...Object.entries(manifest.icons ?? {}),
    ...Object.entries(manifest.action?.default_icon ?? {}),
  ]) {
    const data = files.get(path);
    const dimensions = data && pngSize(data);
    if (dimensions?.[0] !== Number(size) || dimensions[1] !== Number(size))
      refusals.push(`${path} is not a ${size}×${size} PNG`);
  }
  const scripts = manifest.content_scripts ?? [];
  for (const path of [
    manifest.background?.service_worker,
    manifest.devtools_page,
    manifest.action?.default_popup,
    ...scripts.flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
    ...Object.values(manifest.action?.default_icon ?? {}),
  ]) {
    if (path) named.add(path);
  }
  if (manifest.default_locale) named.add(`_locales/${manifest.default_locale}/messages.json`);
  for (const path of named) if (!files.has(path)) refusals.push(`the manifest names ${path}, which the zip lacks`);

  const policy = manifest.content_security_policy?.extension_pages ?? '';
  if (/unsafe-eval|unsafe-inline|https?:|\*/.test(policy))
    refusals.push('the pages’ CSP allows eval, inline or remote code');

  const code = [...files].filter(([name]) => name.endsWith('.js'));
  for (const [name, data] of code) {
    const text = data.toString('utf8');
    for (const [pattern, what] of CODE_REFUSED) if (pattern.test(text)) refusals.push(`${name} ${what}`);
  }
  for (const [name, data] of files) {
    if (name.endsWith('.map')) refusals.push(`${name} is a source map`);
    if (!name.endsWith('.html')) continue;
    const html = data.toString('utf8');
    // A page is loaded if the manifest names it or the code opens it (the DevTools panel).
    if (!named.has(name) && !code.some(([, js]) => js.includes(`"${name}"`))) refusals.push(`nothing opens ${name}`);
    for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(attributes ?? '')?.[1];
      if (!src || (body ?? '').trim() !== '') refusals.push(`${name} has an inline script`);
      else if (!files.has(src)) refusals.push(`${name} loads ${src}, which the zip lacks (or is remote)`);
    }
    if (/\son[a-z]+\s*=/i.test(html) || /javascript:/i.test(html)) refusals.push(`${name} has an inline handler`);
    for (const [, href] of html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']([^"']+)["']/gi)) {
      if (!files.has(href ?? '')) refusals.push(`${name} links ${href}, which the zip lacks (or is remote)`);
    }
  }
  return refusals;
}
