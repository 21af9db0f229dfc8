#!/usr/bin/env bash
# Every test suite, in order: `npm test` (and CI) run this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
step() { printf '\n== %s\n' "$*"; }

# Runs a wasm-pack test target and fails unless every test in it ran and passed
# (a file without the right configuration would be skipped silently).
wasm_test() {
  local target=$1; shift
  local want log
  want=$(grep -cE '^\s*#\[wasm_bindgen_test\]' "tests/$target.rs" || true)
  if [ "$want" -eq 0 ]; then
    echo "tests/$target.rs has no #[wasm_bindgen_test]" >&2
    exit 1
  fi
  log=$(mktemp)
  wasm-pack test "$@" -- --test "$target" 2>&1 | tee "$log"
  if ! grep -q "test result: ok. $want passed" "$log"; then
    echo "wasm-pack test $*: expected $want passing tests in tests/$target.rs" >&2
    exit 1
  fi
}

step "native: unit tests, fixtures (random chunking), XSS, bad input, encodings"
cargo test --release

step "quality floors on the development corpora"
cargo build --release --quiet
python3 scripts/eval.py --check --quiet --no-save

step "wasm under Node.js"
wasm_test wasm_node --node

step "wasm in headless Chrome: the API, and every XSS vector parsed by Chromium"
wasm_test wasm_browser --headless --chrome
wasm_test wasm_xss --headless --chrome

step "npm package: build, size budget, Node API"
cargo test --quiet --manifest-path wasm/encoding-shim/Cargo.toml
bash scripts/build.sh
node scripts/size.mjs
node --test tests/js/

step "end to end in headless Chromium (reader page, bookmarklet, package)"
node --test --test-concurrency=1 tests/e2e/
