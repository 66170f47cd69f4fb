// Builds the unpacked extension: one bundle per context, plus the manifest.
//   node build.mjs            Chrome release build (minified) into extension/
//   node build.mjs --dev      development build (source maps)
//   node build.mjs --watch    development build, rebuilt on every change
//   node build.mjs --firefox  Firefox release build into dist/firefox/
//   --out DIR                 either release build into DIR instead (npm run package builds there)
// One set of sources: the Firefox build differs only in its manifest (firefoxManifest below) and
// in what src/platform/browser.ts finds at run time.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const firefox = process.argv.includes('--firefox');
const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : undefined;
const chromeDir = new URL('./extension/', import.meta.url).pathname;
const outdir = out ? `${resolve(out)}/` : firefox ? new URL('./dist/firefox/', import.meta.url).pathname : chromeDir;

/** Firefox's add-on id: fixed, so that storage and the moz-extension:// UUID stay across installs. */
const GECKO_ID = 'sse-scope@sse-scope.dev';

/** Chrome's manifest made Firefox's: an event page for the worker, Gecko settings, no Chrome-only keys. */
function firefoxManifest(chrome) {
  // Firefox's messaging is structured clone always: `message_serialization` is Chrome's opt-in.
  const { key, minimum_chrome_version, background, message_serialization, ...rest } = chrome;
  return {
    ...rest,
    // Network capture, opt-in, reads responses through stream filters
    // (src/background/network-capture/firefox/). Firefox gives a context the API only if it had
    // the permission when the context started, so an optional permission granted later would not
    // do. Chrome's reads through the debugger, which Firefox lacks.
    permissions: [
      ...chrome.permissions.filter((p) => p !== 'debugger'),
      'webRequestBlocking',
      'webRequestFilterResponse',
    ],
    background: { scripts: [background.service_worker] },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // Data collection permissions are read from 142 on; MAIN-world content scripts need 128.
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

/** One entry per context the extension runs in. */
const entryPoints = {
  page: 'src/page/index.ts', // the page's MAIN world
  relay: 'src/relay/index.ts', // ISOLATED content script
  background: 'src/background/index.ts', // service worker
  devtools: 'src/devtools/index.ts', // devtools.html
  panel: 'src/panel/index.tsx', // panel.html
  popup: 'src/popup/index.tsx', // popup.html (the toolbar button)
};

const writeManifest = {
  name: 'write-manifest',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length > 0) return;
      const manifest = JSON.parse(await readFile('manifest.json', 'utf8'));
      const out = firefox ? firefoxManifest(manifest) : manifest;
      await writeFile(`${outdir}manifest.json`, `${JSON.stringify(out, null, 2)}\n`);
    });
  },
};

/**
 * Preact writes `innerHTML` for one prop, `dangerouslySetInnerHTML`, which SSE Scope never passes
 * (page data reaches the DOM as text only; test/firefox/lint.spec.ts checks the sources). The bundle
 * writes that prop's value as text instead, so no path from a prop to `innerHTML` is left for
 * addons.mozilla.org's linter to warn of. If Preact's code changes shape, the build stops.
 */
const preactTextOnly = {
  name: 'preact-text-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]preact[\\/]dist[\\/]preact\.mjs$/ }, async ({ path }) => {
      const code = await readFile(path, 'utf8');
      const writes = code.match(/\.innerHTML=(?!=)/g) ?? [];
      const contents = code.replace(/\b([\w$]+)\.innerHTML=([\w$]+)\.__html\b/, '$1.textContent=$2.__html');
      if (writes.length !== 1 || contents === code) {
        throw new Error(`preact-text-only: expected one innerHTML write in ${path}, found ${writes.length}`);
      }
      return { contents, loader: 'js' };
    });
  },
};

const options = {
  entryPoints,
  outdir,
  bundle: true,
  format: 'iife',
  target: ['chrome111', 'firefox128'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  legalComments: 'none',
  // The catalogues' Korean and Russian as they are, not as \u escapes (three times the bytes).
  charset: 'utf8',
  logLevel: 'info',
  plugins: [preactTextOnly, writeManifest],
};

/**
 * The static files (HTML, CSS, icons) live in extension/; the Firefox build takes copies. An --out
 * folder must be new or empty (it is never emptied: a mistyped path must not cost a folder).
 */
async function copyStatic() {
  if (!out) await rm(outdir, { recursive: true, force: true });
  else if ((await readdir(outdir).catch(() => [])).length > 0) throw new Error(`--out ${out} is not empty`);
  await mkdir(outdir, { recursive: true });
  await cp(chromeDir, outdir, {
    recursive: true,
    filter: (path) => !/\.(js|map)$/.test(path) && !path.endsWith('manifest.json'),
  });
}

if (outdir !== chromeDir) {
  await copyStatic();
  await esbuild.build(options);
} else if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
