// Builds the unpacked extension: one bundle per context, plus the manifest.
//   node build.mjs            Chrome release build (minified) into extension/
//   node build.mjs --dev      development build (source maps)
//   node build.mjs --watch    development build, rebuilt on every change
//   node build.mjs --firefox  Firefox release build into dist/firefox/, and a zip for addons.mozilla.org
// One set of sources: the Firefox build differs only in its manifest (firefoxManifest below) and
// in what src/platform/browser.ts finds at run time.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const firefox = process.argv.includes('--firefox');
const chromeDir = new URL('./extension/', import.meta.url).pathname;
const outdir = firefox ? new URL('./dist/firefox/', import.meta.url).pathname : chromeDir;

/** Firefox's add-on id: fixed, so that storage and the moz-extension:// UUID stay across installs. */
const GECKO_ID = 'sse-scope@sse-scope.dev';

/** Chrome's manifest made Firefox's: an event page for the worker, Gecko settings, no Chrome-only keys. */
function firefoxManifest(chrome) {
  const { key, minimum_chrome_version, background, ...rest } = chrome;
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
  plugins: [writeManifest],
};

/** The static files (HTML, CSS, icons) live in extension/; the Firefox build takes copies. */
async function copyStatic() {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await cp(chromeDir, outdir, {
    recursive: true,
    filter: (path) => !/\.(js|map)$/.test(path) && !path.endsWith('manifest.json'),
  });
}

if (firefox) {
  await copyStatic();
  await esbuild.build(options);
} else if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
