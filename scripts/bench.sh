#!/usr/bin/env bash
# `npm run bench`: speed of the native core and of the wasm build in
# Chromium next to Readability.js, scaling with page size, peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cargo bench --quiet --bench native
bash scripts/build.sh
node scripts/bench.mjs "$@"
