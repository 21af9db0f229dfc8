#!/usr/bin/env bash
# Installs what building and testing decant need, skipping whatever is
# already there, so it is safe to run before every command.
#
#   scripts/setup.sh native   Rust only (the CLI and the evaluation)
#   scripts/setup.sh start    + the WebAssembly toolchain and the npm packages
#                             (build and serve the reader page)
#   scripts/setup.sh test     + Chromium and chromedriver (default)
#   scripts/setup.sh fuzz     + cargo-fuzz (`npm run fuzz`, with the nightly toolchain)
#
#   scripts/setup.sh --resolve-check [CRATE@VERSION ...]
#       Can everything a fresh machine installs with cargo and npm still be
#       resolved and downloaded from the registries as they are today? Runs
#       in an empty cargo home and npm cache, so nothing installed or cached
#       here can hide a missing package; compiles nothing (CI runs it).
#   scripts/setup.sh --fresh-check [start|test]
#       The fresh-machine path, on purpose: a clone of HEAD, an empty cargo
#       home, and a PATH with only cargo, rustc, rustup and the system; runs
#       this set-up into it and builds the package (with `test`, also runs
#       `npm test` there). About ten minutes: it compiles the tools.
#
# The tools installed with `cargo install` are listed once, in cargo_tools.
# Each is installed with its own lock file first (`--locked`, what its
# authors tested); when the registry no longer serves a crate that lock file
# pins, the same version is installed unlocked, with the newest compatible
# dependencies, and setup says so in one line.
set -euo pipefail
cd "$(dirname "$0")/.."

note() { printf 'setup: %s\n' "$*" >&2; }
fail() { note "$*"; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

cargo_home="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$cargo_home/bin:$PATH"
have cargo || fail "cargo is missing: install Rust from https://rustup.rs, then run this again"

# The version of a package in the project's Cargo.lock.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock
}

# The tools installed with cargo: crate, version, the command it provides,
# whether an installed command must have exactly that version, and the set-up
# level that needs it. wasm-bindgen-cli must equal the wasm-bindgen library
# in Cargo.lock (its output is tied to that version); any wasm-pack or
# cargo-fuzz works, and a missing one is installed at the version given.
cargo_tools() {
  cat <<EOF
wasm-bindgen-cli $(locked_version wasm-bindgen) wasm-bindgen exact start
wasm-pack 0.15.1 wasm-pack any start
cargo-fuzz 0.13.2 cargo-fuzz any fuzz
EOF
}

# Did cargo fail because a pinned version is not in the registry (so an
# unlocked resolution may work), rather than for another reason?
unresolvable() {
  grep -qE 'failed to select a version|no matching package named|lock file .*needs to be updated|failed to parse lock file' "$1"
}

installed() { # COMMAND VERSION MATCH
  local out
  out=$("$1" --version 2>/dev/null) || return 1
  [ "$3" = any ] || [ "$(printf '%s\n' "$out" | awk '{print $2}')" = "$2" ]
}

install_tool() { # CRATE VERSION COMMAND MATCH
  local crate=$1 version=$2 command=$3 match=$4 log
  installed "$command" "$version" "$match" && return 0
  log=$(mktemp "${TMPDIR:-/tmp}/decant-setup-$crate.XXXXXX")
  note "installing $crate $version with cargo (a few minutes, once)"
  if cargo install --quiet --locked "$crate" --version "$version" >"$log" 2>&1; then
    rm -f "$log"
    return 0
  fi
  if unresolvable "$log"; then
    note "$crate $version: the registry no longer serves a crate its lock file pins; installing it unlocked (newest compatible dependencies)"
    if cargo install --quiet "$crate" --version "$version" >"$log" 2>&1; then
      rm -f "$log"
      return 0
    fi
  fi
  fail "installing $crate $version failed (cargo's output: $log): check that crates.io is reachable, then run 'bash scripts/setup.sh $level' again"
}

install_cargo_tools() { # LEVEL
  local crate version command match needs
  while read -r crate version command match needs; do
    [ "$needs" = "$1" ] && install_tool "$crate" "$version" "$command" "$match"
  done < <(cargo_tools)
  return 0
}

install_apt() {
  local packages=()
  have chromium || packages+=(chromium)
  have chromedriver || packages+=(chromium-driver)
  [ ${#packages[@]} -gt 0 ] || return 0
  note "installing ${packages[*]} with apt-get"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  { $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null; } ||
    fail "apt-get could not install ${packages[*]}: install them by hand (Debian: apt-get install chromium chromium-driver), or set CHROMIUM_PATH"
}

install_npm() {
  local stamp=node_modules/.decant-installed
  [ -f "$stamp" ] && [ ! package-lock.json -nt "$stamp" ] && return 0
  have npm || fail "npm is missing: install Node.js 20 or later (https://nodejs.org), then run this again"
  note "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error ||
    fail "npm ci failed: check that the npm registry is reachable, then run 'bash scripts/setup.sh $level' again"
  touch "$stamp"
}

# --resolve-check: the tool's published crate (with the lock file it ships)
# is fetched into an empty cargo home; then its dependencies are resolved
# and downloaded the way install_tool would build them: locked, else
# unlocked when the lock file pins a crate that is gone.
resolve_tool() { # CRATE VERSION HOME SCRATCH HOST
  local crate=$1 version=$2 home=$3 dir="$4/$1" host=$5 log="$4/$1.log"
  mkdir -p "$dir/probe/src"
  : >"$dir/probe/src/lib.rs"
  printf '[package]\nname = "probe"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s = "=%s"\n' \
    "$crate" "$version" >"$dir/probe/Cargo.toml"
  if ! (cd "$dir/probe" && CARGO_HOME="$home" cargo fetch --quiet) >"$log" 2>&1; then
    note "FAIL $crate $version: cannot be fetched from crates.io ($(grep -m1 -E '^error' "$log" || tail -n1 "$log"))"
    return 1
  fi
  local crate_file
  crate_file=$(find "$home/registry/cache" -name "$crate-$version.crate" | head -n1)
  tar -xzf "$crate_file" -C "$dir"
  local src="$dir/$crate-$version"
  if (cd "$src" && CARGO_HOME="$home" cargo fetch --quiet --locked --target "$host") >"$log" 2>&1; then
    note "ok   $crate $version: its own lock file resolves and every crate downloads"
    return 0
  fi
  if ! unresolvable "$log"; then
    note "FAIL $crate $version: locked fetch failed ($(grep -m1 -E '^error' "$log" || tail -n1 "$log"))"
    return 1
  fi
  local gone
  gone=$(sed -nE 's/.*requirement `([^ ]+) = [^`]*` \(locked to ([^)]+)\).*/\1 \2/p' "$log" | head -n1)
  rm -f "$src/Cargo.lock"
  if (cd "$src" && CARGO_HOME="$home" cargo fetch --quiet --target "$host") >"$log" 2>&1; then
    note "ok   $crate $version: unlocked (its lock file pins a crate that is gone${gone:+: $gone}); the newest compatible set resolves and downloads"
    return 0
  fi
  note "FAIL $crate $version: neither its lock file nor an unlocked resolution works ($(grep -m1 -E '^error' "$log" || tail -n1 "$log"))"
  return 1
}

resolve_check() {
  local host status=0 crate version rest
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/decant-resolve.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  host=$(rustc -vV | sed -n 's/^host: //p')
  local specs=("$@")
  if [ ${#specs[@]} -eq 0 ]; then
    while read -r crate version rest; do specs+=("$crate@$version"); done < <(cargo_tools)
  fi
  for spec in "${specs[@]}"; do
    resolve_tool "${spec%@*}" "${spec#*@}" "$scratch/cargo" "$scratch" "$host" || status=1
  done
  [ $# -gt 0 ] && return $status
  # The project's own locked dependencies (core, wasm build, fuzz targets).
  local manifest
  for manifest in Cargo.toml wasm/Cargo.toml fuzz/Cargo.toml; do
    if CARGO_HOME="$scratch/cargo" cargo fetch --quiet --locked --manifest-path "$manifest" >"$scratch/own.log" 2>&1; then
      note "ok   $manifest: Cargo.lock resolves and every crate downloads"
    else
      note "FAIL $manifest: $(grep -m1 -E '^error' "$scratch/own.log" || tail -n1 "$scratch/own.log")"
      status=1
    fi
  done
  # The npm packages of package-lock.json, into an empty cache.
  mkdir -p "$scratch/npm"
  cp package.json package-lock.json "$scratch/npm/"
  if (cd "$scratch/npm" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error --cache "$scratch/npm-cache") >"$scratch/npm.log" 2>&1; then
    note "ok   package-lock.json: every npm package downloads"
  else
    note "FAIL package-lock.json: $(grep -m1 -iE 'err' "$scratch/npm.log" || tail -n1 "$scratch/npm.log")"
    status=1
  fi
  return $status
}

# --fresh-check: see the header.
fresh_check() {
  local what=${1:-start} scratch tool
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/decant-fresh.XXXXXX")
  mkdir -p "$scratch/bin" "$scratch/cargo"
  for tool in cargo rustc rustup; do
    ln -s "$(command -v "$tool")" "$scratch/bin/$tool"
  done
  git clone --quiet . "$scratch/decant"
  local path="$scratch/bin:/usr/local/bin:/usr/bin:/bin"
  for tool in wasm-bindgen wasm-pack; do
    if PATH="$path" command -v "$tool" >/dev/null; then
      fail "--fresh-check: $tool is on the system PATH ($(PATH="$path" command -v "$tool")), so this would not be a fresh machine"
    fi
  done
  note "fresh check in $scratch (cargo home $scratch/cargo), at $(git rev-parse --short HEAD)"
  local started=$SECONDS
  (cd "$scratch/decant" && env PATH="$path" CARGO_HOME="$scratch/cargo" bash -c \
    'bash scripts/setup.sh start && bash scripts/build.sh') || fail "--fresh-check: set-up or build failed (in $scratch)"
  for tool in wasm-bindgen wasm-pack; do
    [ -x "$scratch/cargo/bin/$tool" ] || fail "--fresh-check: $tool was not installed into $scratch/cargo/bin"
  done
  [ -s "$scratch/decant/pkg/decant_bg.wasm" ] || fail "--fresh-check: pkg/decant_bg.wasm was not built"
  note "fresh set-up and build: $((SECONDS - started)) s; $("$scratch/cargo/bin/wasm-bindgen" --version), $("$scratch/cargo/bin/wasm-pack" --version)"
  if [ "$what" = test ]; then
    started=$SECONDS
    (cd "$scratch/decant" && env PATH="$path" CARGO_HOME="$scratch/cargo" npm test) || fail "--fresh-check: npm test failed (in $scratch)"
    note "fresh npm test: $((SECONDS - started)) s"
  fi
  rm -rf "$scratch"
}

level="${1:-test}"
case "$level" in
  --resolve-check) shift; resolve_check "$@"; exit ;;
  --fresh-check) shift; fresh_check "$@"; exit ;;
  native | start | test | fuzz) ;;
  *) fail "unknown level '$level': use native, start, test, fuzz, --resolve-check or --fresh-check" ;;
esac
[ "$level" = native ] && exit 0
if [ "$level" = fuzz ]; then
  install_cargo_tools fuzz
  exit 0
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  note "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >/dev/null ||
    fail "rustup could not add the wasm32-unknown-unknown target: run 'rustup target add wasm32-unknown-unknown' by hand"
fi
install_cargo_tools start
[ "$level" = test ] && install_apt
install_npm
