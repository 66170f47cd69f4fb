// Builds the unpacked extension into extension/: one bundle per context, plus the manifest.
//   node build.mjs            release build (minified)
//   node build.mjs --dev      development build (source maps)
//   node build.mjs --watch    development build, rebuilt on every change
import { copyFile } from 'node:fs/promises';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const outdir = new URL('./extension/', import.meta.url).pathname;

/** One entry per context the extension runs in. */
const entryPoints = {
  page: 'src/page/index.ts', // the page's MAIN world
  relay: 'src/relay/index.ts', // ISOLATED content script
  background: 'src/background/index.ts', // service worker
  devtools: 'src/devtools/index.ts', // devtools.html
  panel: 'src/panel/index.tsx', // panel.html
  popup: 'src/popup/index.tsx', // popup.html (the toolbar button)
};

const copyManifest = {
  name: 'copy-manifest',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length === 0) await copyFile('manifest.json', `${outdir}manifest.json`);
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
  logLevel: 'info',
  plugins: [copyManifest],
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
