// Size check: the WebAssembly module plus its JS glue, gzipped (-9), must
// stay within the budget in tests/size-budget.json. Run after scripts/build.sh.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url);
const budget = JSON.parse(readFileSync(new URL('tests/size-budget.json', root), 'utf8'));
const files = ['pkg/decant_bg.wasm', 'pkg/decant.js'];
let total = 0;
for (const f of files) {
  const raw = readFileSync(new URL(f, root));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${f.padEnd(22)} ${String(raw.length).padStart(8)} bytes, gzipped ${String(gz).padStart(7)}`);
}
const limit = budget.wasmAndGlueGzipBytes;
// The budget may follow the build down, or up for speed, but never past this.
const CAP = 260_000;
if (limit > CAP) {
  console.error(`size check failed: the budget in tests/size-budget.json (${limit}) is over the ${CAP}-byte cap`);
  process.exit(1);
}
console.log(`wasm + glue gzipped: ${total} bytes (${(total / 1024).toFixed(1)} KiB), budget ${limit} (${(limit / 1024).toFixed(1)} KiB)`);
if (total > limit) {
  console.error(`size check failed: ${total - limit} bytes over the budget in tests/size-budget.json`);
  process.exit(1);
}
