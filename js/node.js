// decant for Node.js (>= 20): ready on import, no init step needed.
import { readFileSync } from 'node:fs';
import { initSync } from '../pkg/decant.js';

initSync({ module: readFileSync(new URL('../pkg/decant_bg.wasm', import.meta.url)) });

export { extract, isProbablyReaderable, Extractor, initSync } from '../pkg/decant.js';

/** Already initialised in Node; kept so code written for browsers runs unchanged. */
export default async function init() {}
