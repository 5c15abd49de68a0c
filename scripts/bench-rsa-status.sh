#!/usr/bin/env bash
# Batch `status check --from` for the RSA providers (Zenospay, PayCools) against the local sandbox:
# checks/s, paycli's CPU per check and the sandbox's, beside the CPU time of one
# `openssl speed rsa2048` signature measured in the same run. The machine may be shared: "ceiling"
# is 2 cores divided by the CPU paycli and the sandbox spend per check, and "load" the 1-minute
# load average after the round. See docs/benchmarks.md.
#
#   scripts/bench-rsa-status.sh                       # 10,000 checks per provider, 3 rounds
#   N=2000 ROUNDS=1 CONCURRENCY=16 scripts/bench-rsa-status.sh
source "$(dirname "$0")/bench-lib.sh"
N=${N:-10000}
ROUNDS=${ROUNDS:-3}
CONCURRENCY=${CONCURRENCY:-8}
PORT=${PORT:-18801}

seed_sandbox "$N" zenospay paycools
start_sandbox "$PORT"
TICK_US=$((1000000 / $(getconf CLK_TCK)))

SIGN_US=$(openssl_sign_us)
echo "openssl speed rsa2048 (before): $SIGN_US µs CPU per signature"
echo
printf '%-9s %6s %8s %9s %16s %10s %17s %10s %8s %6s\n' provider checks "wall s" checks/s "paycli CPU/check" "÷ openssl" "sandbox CPU/check" "ceiling/s" "RSS MiB" load
for p in zenospay paycools; do
  for _ in $(seq "$ROUNDS"); do
    rm -rf "$PAYCLI_DATA_DIR"
    before=$(cpu_ticks "$SANDBOX_PID")
    measure "$WORK/out.ndjson" "$BIN" -p "sandbox-$p" -o ndjson status check --from "$WORK/ids-$p.txt" \
      --concurrency "$CONCURRENCY"
    sandbox_ticks=$(($(cpu_ticks "$SANDBOX_PID") - before))
    python3 - "$p" "$N" "$WALL" "$CPU" "$SIGN_US" "$((sandbox_ticks * TICK_US))" "$RSS_MIB" "$WORK/out.ndjson" \
      "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import json, sys
p, n, wall, cpu, sign_us, sandbox_us, rss, out, cores, load = sys.argv[1:]
n, wall, cpu, sign_us, sandbox_us = int(n), float(wall), float(cpu), float(sign_us), float(sandbox_us)
rows = [json.loads(l) for l in open(out) if l.strip()]
known = sum(1 for r in rows if r.get("status") in ("paid", "pending"))
per = cpu * 1e6 / n
note = "" if known == n else f"  (only {known} of {n} answered paid/pending!)"
# What the two cores could do if paycli and the sandbox had them to themselves.
ceiling = int(cores) * 1e6 / (per + sandbox_us / n)
print(f"{p:<9} {n:>6} {wall:>8.2f} {n / wall:>9.0f} {per:>13.0f} µs {per / sign_us:>9.2f}x "
      f"{sandbox_us / n:>14.0f} µs {ceiling:>10.0f} {rss:>8} {load:>6}{note}")
PY
  done
done
echo
echo "openssl speed rsa2048 (after): $(openssl_sign_us) µs CPU per signature"
echo "openssl speed rsa2048 without AVX-512 IFMA (OPENSSL_ia32cap=:~0x200000):" \
  "$(OPENSSL_ia32cap=':~0x200000' openssl_sign_us) µs"
