// decant for browsers and bundlers: call `await init()` once, then `extract`.
// With no argument, init fetches the WebAssembly file from its place in the
// package, `new URL('../pkg/decant_bg.wasm', import.meta.url)`: served as
// is, that is next to this module's folder, and bundlers that understand
// the pattern (webpack 5, Vite, Parcel, Rollup with an import.meta-assets
// plugin) copy the file and rewrite the URL, with no configuration. Pass a
// URL, a Response, bytes or a compiled module to load it from elsewhere
// (esbuild: see the README).
import initWasm from '../pkg/decant.js';

export { initSync, extract, isProbablyReaderable, Extractor } from '../pkg/decant.js';

/** Loads the WebAssembly module; resolves once `extract` can be called. */
export default function init(input) {
  return initWasm(input ?? { module_or_path: new URL('../pkg/decant_bg.wasm', import.meta.url) });
}
