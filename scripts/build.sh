#!/usr/bin/env bash
# Builds the WebAssembly package into pkg/ from wasm/ (decant with the
# UTF-8-only encoding shim, see wasm/README.md): LTO, one codegen unit,
# opt-level "z" for the dependencies and 2 for decant itself (the trade is
# measured in wasm/Cargo.toml), then wasm-opt -Oz.
#
# wasm-opt comes from the npm package `binaryen` (a devDependency), not from
# Debian: Debian's binaryen 108 rewrites the export of wasm-bindgen's externref
# table to point at the function table, so the module fails to start
# ("WebAssembly.Table.set(): Argument 1 is invalid for table") in Node and in
# browsers alike.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
wasm_opt=node_modules/binaryen/bin/wasm-opt
if [ ! -x "$wasm_opt" ]; then
  echo "build: $wasm_opt is missing: run 'bash scripts/setup.sh start' (or npm ci)" >&2
  exit 1
fi
# Panic locations name their source files: written relative to the project
# and the cargo registry, the module holds no build paths and weighs the
# same on every machine. (A path with a space is left as it is.)
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
case "$PWD$cargo_home" in
  *" "*) ;;
  *) export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$PWD=decant --remap-path-prefix=$cargo_home/registry/src=registry" ;;
esac
wasm-pack --quiet build wasm --target web --out-dir ../pkg --out-name decant --release --no-pack --no-opt
rm -f pkg/.gitignore pkg/package.json pkg/README.md
# The features rustc enables by default for wasm32-unknown-unknown.
node "$wasm_opt" -Oz \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/decant_bg.wasm -o pkg/decant_bg.wasm
