// decant for Node.js (>= 20): ready on import, no init step needed.
//
// The WebAssembly module is compiled once, eagerly, when this module is
// imported (about 50–80 ms), so that the first extract() costs what every
// later one does. V8 compiles WebAssembly lazily by default, function by
// function on first call, which made the first extract() take about 200 ms;
// the flag is switched off for this one compilation and back on after it,
// unless the process was started with its own choice.
import { readFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import { initSync } from '../pkg/decant.js';

const bytes = readFileSync(new URL('../pkg/decant_bg.wasm', import.meta.url));
const chosen = process.execArgv.some(arg => arg.includes('wasm-lazy-compilation'));

function compile() {
  if (chosen) return new WebAssembly.Module(bytes);
  try {
    v8.setFlagsFromString('--no-wasm-lazy-compilation');
    return new WebAssembly.Module(bytes);
  } finally {
    v8.setFlagsFromString('--wasm-lazy-compilation');
  }
}

initSync({ module: compile() });

export { extract, isProbablyReaderable, Extractor, initSync } from '../pkg/decant.js';

/** Already initialised in Node; kept so code written for browsers runs unchanged. */
export default async function init() {}
