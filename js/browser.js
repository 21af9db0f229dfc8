// decant for browsers and bundlers: call `await init()` once, then `extract`.
// The WebAssembly file is fetched next to this module (pkg/decant_bg.wasm);
// pass its URL, a Response or bytes to `init` to load it from elsewhere.
export { default, initSync, extract, isProbablyReaderable, Extractor } from '../pkg/decant.js';
