# Shared by scripts/bench-*.sh (sourced, not run): a release build, a sandbox seeded through its
# state file, and a wrapper that measures one whole process. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for tool in python3 openssl md5sum curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install time curl openssl)" >&2; exit 1; }
done

cargo build --release --quiet
BIN=$PWD/target/release/paycli
WORK=$(mktemp -d)
SANDBOX_PID=
cleanup() { [[ -n $SANDBOX_PID ]] && kill "$SANDBOX_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
export XDG_CONFIG_HOME=$WORK/config   # no config file: the built-in sandbox profiles only
export PAYCLI_DATA_DIR=$WORK/data

# seed_sandbox N PROVIDER...: a state file with N orders per provider (every other one paid) and
# $WORK/ids-PROVIDER.txt with their merchant order ids.
seed_sandbox() {
  python3 - "$WORK" "$@" <<'PY'
import json, sys
work, n, providers = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
now, later = "2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z"
money = {"cashy": ("IDR", "150000", "6000", "QRIS"), "zenospay": ("IDR", "150000", "1500", "QRIS"),
         "paycools": ("PHP", "500.00", "10.00", "GCASH")}
with open(f"{work}/state.ndjson", "w") as state:
    for p in providers:
        currency, amount, fee, channel = money[p]
        with open(f"{work}/ids-{p}.txt", "w") as ids:
            for k in range(n):
                oid, no = f"BENCH{p[:2].upper()}{k:07d}", f"{p[:2].upper()}9{k:012d}"
                paid = k % 2 == 0
                state.write(json.dumps({
                    "provider": p, "id": no, "merchant_order_id": oid, "amount": amount, "currency": currency,
                    "state": "paid" if paid else "pending", "channel": channel if paid else None,
                    "fee": fee if paid else None, "rrn": None, "created_at": now, "updated_at": now,
                    "paid_at": now if paid else None, "expires_at": later, "callback_url": None,
                    "page_path": f"/p/{no}", "data": None}) + "\n")
                ids.write(oid + "\n")
PY
}

# start_sandbox PORT: the sandbox on the seeded state, answering before this returns.
start_sandbox() {
  "$BIN" sandbox --port "$1" --state "$WORK/state.ndjson" >"$WORK/sandbox.out" 2>"$WORK/sandbox.log" &
  SANDBOX_PID=$!
  export PAYCLI_SANDBOX_URL=http://127.0.0.1:$1
  for _ in $(seq 200); do curl -sf "$PAYCLI_SANDBOX_URL/_sandbox/health" >/dev/null && return; sleep 0.1; done
  echo "the sandbox did not start: $(cat "$WORK/sandbox.log")" >&2; exit 1
}

# cpu_ticks PID: user+system CPU of a running process so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure OUT COMMAND...: runs COMMAND with stdout to OUT; sets WALL (s), CPU (user+sys s) and
# RSS_MIB (peak) from GNU time.
measure() {
  local out=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "$@" >"$out" 2>"$WORK/err.txt" || {
    echo "failed: $* ($(tail -3 "$WORK/err.txt"))" >&2; return 1; }
  read -r WALL user sys rss_kib < <(tail -1 "$WORK/time.txt")
  CPU=$(python3 -c "print(round($user + $sys, 3))")
  RSS_MIB=$(python3 -c "print(round($rss_kib / 1024, 1))")
}

# openssl_sign_us: microseconds of CPU per `openssl speed rsa2048` signature, measured now.
openssl_sign_us() {
  openssl speed -seconds "${1:-3}" rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {printf "%.0f", $4 * 1e6}'
}

# median FILE: the median of the numbers in FILE, one a line.
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "machine: $(nproc) cores, $(uname -sr), $(openssl version | cut -d' ' -f1-2), load $(cut -d' ' -f1-3 /proc/loadavg)"
