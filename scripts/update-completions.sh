#!/usr/bin/env bash
# Regenerates the committed shell completions (a test fails when they are stale).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
for pair in bash:paycli.bash zsh:_paycli fish:paycli.fish powershell:_paycli.ps1 elvish:paycli.elv; do
  ./target/debug/paycli completions "${pair%%:*}" > "completions/${pair#*:}"
done
mkdir -p man
./target/debug/paycli manpage > man/paycli.1
