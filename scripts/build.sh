#!/usr/bin/env bash
# Builds the WebAssembly package into pkg/ (size-tuned profile, wasm-opt -Oz).
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-opt comes from the npm package binaryen (see scripts/setup.sh).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
wasm-pack --quiet build --target web --out-dir pkg --out-name decant --profile wasm-release --no-pack
rm -f pkg/.gitignore pkg/package.json pkg/README.md
