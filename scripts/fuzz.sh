#!/usr/bin/env bash
# Runs every fuzz target for a bounded time: scripts/fuzz.sh [SECONDS_PER_TARGET] (default 60).
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). Only the stable toolchain is assumed:
# RUSTC_BOOTSTRAP=1 lets it use the nightly-only sanitizer flags cargo-fuzz passes.
# A crash stops the run with a non-zero exit; the input is saved under fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
export RUSTC_BOOTSTRAP=1
targets=$(cargo fuzz list)
cargo fuzz build
for t in $targets; do
  echo "== fuzz $t for ${secs}s"
  mkdir -p "fuzz/corpus/$t"
  seeds=()
  [ -d "fuzz/seeds/$t" ] && seeds=("fuzz/seeds/$t")
  log="fuzz/target/fuzz-$t.log"
  mkdir -p fuzz/target
  if ! cargo fuzz run "$t" "fuzz/corpus/$t" "${seeds[@]}" -- \
      -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz target $t FAILED: see $log and fuzz/artifacts/$t/"
    exit 1
  fi
  grep -E "^#[0-9]+ +DONE" "$log" || tail -n 2 "$log"
done
echo "fuzzing: no crash in $(echo $targets | wc -w) targets"
