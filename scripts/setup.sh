#!/usr/bin/env bash
# Installs what building and testing decant need, skipping whatever is
# already there, so it is safe to run before every command.
#
#   scripts/setup.sh native  Rust only (the CLI and the evaluation)
#   scripts/setup.sh start   + the WebAssembly toolchain and the npm packages
#                            (build and serve the reader page)
#   scripts/setup.sh test    + Chromium and chromedriver (default)
#
# Installs: the wasm32 target, wasm-bindgen-cli pinned to the version in
# Cargo.lock, wasm-pack, chromium, chromium-driver, and the npm dev
# dependencies from package-lock.json (binaryen's wasm-opt among them: the
# build uses it instead of Debian's, see scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
level="${1:-test}"

have() { command -v "$1" >/dev/null 2>&1; }
note() { printf 'setup: %s\n' "$*" >&2; }

if ! have cargo; then
  note "cargo is missing: install Rust from https://rustup.rs first"
  exit 1
fi
export PATH="$HOME/.cargo/bin:$PATH"
[ "$level" = native ] && exit 0

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  note "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  note "installing wasm-bindgen-cli $bindgen_version (a few minutes, once)"
  cargo install --quiet --locked wasm-bindgen-cli --version "$bindgen_version"
fi
if ! have wasm-pack; then
  note "installing wasm-pack (a few minutes, once)"
  cargo install --quiet --locked wasm-pack
fi

apt_packages=()
if [ "$level" = test ]; then
  have chromium || apt_packages+=(chromium)
  have chromedriver || apt_packages+=(chromium-driver)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  note "installing ${apt_packages[*]} with apt-get"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

if [ "$level" = start ] || [ "$level" = test ]; then
  stamp=node_modules/.decant-installed
  if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    note "installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
    touch "$stamp"
  fi
fi
