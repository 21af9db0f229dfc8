#!/usr/bin/env bash
# Fuzzes decant for a bounded time: `npm run fuzz`.
#
#   FUZZ_SECONDS=60 scripts/fuzz.sh            # every target, 60 s each (default)
#   FUZZ_SECONDS=600 scripts/fuzz.sh extract   # one target
#
# Targets (fuzz/fuzz_targets): `extract` (bytes -> decant::extract, output
# checked against the allow-list) and `stream` (bytes -> Extractor in chunks
# picked by the input, compared with one-shot extract). Needs the nightly
# toolchain; `scripts/setup.sh fuzz` installs cargo-fuzz if it is missing. A crash leaves its input
# in fuzz/artifacts/TARGET/; turn it into a test in tests/regressions.rs.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract stream)

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz.sh: the nightly toolchain is needed (rustup toolchain install nightly)" >&2
    exit 1
fi
bash scripts/setup.sh fuzz
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Seed each corpus with the fixtures and the XSS vectors (idempotent).
for t in "${targets[@]}"; do
    corpus="fuzz/corpus/$t"
    mkdir -p "$corpus"
    for f in tests/fixtures/*/source.html; do
        [ -f "$f" ] || continue
        cp -n "$f" "$corpus/fixture-$(basename "$(dirname "$f")").html" 2>/dev/null || true
    done
done

status=0
for t in "${targets[@]}"; do
    echo "fuzz.sh: $t for ${seconds}s" >&2
    # No sanitizer: decant has no unsafe code, and ASan costs most of the
    # speed. -rss_limit_mb bounds memory per input; -timeout flags any input
    # slower than 10 s (the extraction runs without a time budget).
    cargo +nightly fuzz run "$t" --fuzz-dir fuzz --sanitizer none -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -print_final_stats=1 || status=$?
done
exit $status
