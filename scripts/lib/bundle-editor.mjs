// Bundles the CodeMirror editor (www/editor/editor.js and its npm packages) into one script,
// editor.js, with esbuild. Trunk runs it as a pre_build hook (Trunk.toml) and it writes into
// Trunk's staging directory, so the bundle lands in dist/ beside the wasm; minified in release.
//
//   node scripts/lib/bundle-editor.mjs [OUT_DIR]     (default: $TRUNK_STAGING_DIR)

import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!outDir) {
  console.error('bundle-editor: give an output directory (Trunk sets TRUNK_STAGING_DIR)');
  process.exit(2);
}
const release = process.env.TRUNK_PROFILE === 'release' || process.argv.includes('--release');

try {
  await build({
    entryPoints: [path.join(root, 'www/editor/editor.js')],
    outfile: path.join(outDir, 'editor.js'),
    bundle: true,
    format: 'iife',
    target: ['es2020'],
    minify: release,
    legalComments: 'none',
    logLevel: 'warning',
  });
} catch (e) {
  console.error('bundle-editor: esbuild failed (run scripts/serve or scripts/test once to install npm packages)');
  process.exit(1);
}
