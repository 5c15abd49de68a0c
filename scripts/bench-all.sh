#!/usr/bin/env bash
# Every row of docs/benchmarks.md in one run, each beside its reference measured in the same run:
# openssl speed, the criterion benches (CPU time), batch status for the RSA providers, memory in
# every output format, callback verify (one file, a directory), and the Cashy batch script.
#
#   scripts/bench-all.sh 2>&1 | tee bench.txt
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== $(date -u +%FT%TZ) $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== openssl speed rsa2048 rsa4096 (CPU time)"
openssl speed -seconds 3 rsa2048 rsa4096 2>/dev/null | tail -3
echo "== the same without AVX-512 IFMA (OPENSSL_ia32cap=:~0x200000)"
OPENSSL_ia32cap=':~0x200000' openssl speed -seconds 3 rsa2048 2>/dev/null | tail -1
echo "== cargo bench --bench rsa (CPU time)"
cargo bench --bench rsa -- --warm-up-time 1 --measurement-time 3 2>&1 | grep -E '^rsa|time:'
echo "== cargo bench --bench per_request (CPU time)"
cargo bench --bench per_request -- --warm-up-time 1 --measurement-time 3 2>&1 | grep -E '^[a-z]+/|time:'
echo "== scripts/bench-rsa-status.sh"
scripts/bench-rsa-status.sh
echo "== scripts/bench-memory.sh"
scripts/bench-memory.sh
echo "== scripts/bench-callbacks.sh"
scripts/bench-callbacks.sh
if command -v wrk >/dev/null; then
  echo "== scripts/bench-status.sh"
  scripts/bench-status.sh
else
  echo "== scripts/bench-status.sh skipped: wrk is not installed (apt-get install wrk)"
fi
