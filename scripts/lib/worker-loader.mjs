// Trunk's post_build hook: Trunk's loader shim for the engine's worker starts wasm-bindgen with a
// positional argument, `wasm_bindgen("./x_bg.wasm")`, which current wasm-bindgen answers with
// "using deprecated parameters for the initialization function" in the console of every worker.
// This rewrites it to the object form, `wasm_bindgen({ module_or_path: "./x_bg.wasm" })`.

import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk hook');
for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('_loader.js'))) {
  const file = path.join(dir, name);
  const text = fs.readFileSync(file, 'utf8');
  const fixed = text.replace(/wasm_bindgen\(\s*("[^"]*"|'[^']*')\s*\)/g, 'wasm_bindgen({ module_or_path: $1 })');
  if (fixed === text && !text.includes('module_or_path')) {
    throw new Error(`${name}: no wasm_bindgen("…") call to rewrite; Trunk's loader shim changed`);
  }
  fs.writeFileSync(file, fixed);
}
