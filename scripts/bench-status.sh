#!/usr/bin/env bash
# Batch status throughput and memory against the local sandbox, next to a hand-written
# `xargs -P 8 curl` + md5sum baseline and the sandbox alone under wrk. See docs/benchmarks.md.
#
#   scripts/bench-status.sh            # 1,000 / 10,000 / 100,000 orders
#   SIZES="1000 10000" BASELINE_N=2000 scripts/bench-status.sh
#
# Needs: cargo, python3, curl, md5sum, GNU time (/usr/bin/time), wrk (apt-get install time wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
BASELINE_N=${BASELINE_N:-2000}
CONCURRENCY=${CONCURRENCY:-8}
PORT=${PORT:-18799}
KEY="cashy-sandbox-key-8d2f6b0a4c9e1735"   # the sandbox merchant's published test key
MAX=0; for n in $SIZES; do (( n > MAX )) && MAX=$n; done

for tool in python3 curl md5sum wrk /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install time wrk)" >&2; exit 1; }
done

cargo build --release --quiet
BIN=$PWD/target/release/paycli
WORK=$(mktemp -d)
SANDBOX_PID=
cleanup() { [[ -n $SANDBOX_PID ]] && kill "$SANDBOX_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# Seed the sandbox through its state file: MAX Cashy orders, every other one paid.
python3 - "$WORK/state.ndjson" "$WORK/ids.txt" "$MAX" <<'PY'
import json, sys
state, ids, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
now, later = "2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z"
with open(state, "w") as s, open(ids, "w") as i:
    for k in range(n):
        oid, no = f"BENCH{k:07d}", f"PAYDESK9{k:012d}"
        paid = k % 2 == 0
        s.write(json.dumps({
            "provider": "cashy", "id": no, "merchant_order_id": oid, "amount": "150000", "currency": "IDR",
            "state": "paid" if paid else "pending", "channel": "QRIS" if paid else None,
            "fee": "6000" if paid else None, "rrn": None, "created_at": now, "updated_at": now,
            "paid_at": now if paid else None, "expires_at": later, "callback_url": None,
            "page_path": f"/paydesk/{no}", "data": None}) + "\n")
        i.write(oid + "\n")
PY

"$BIN" sandbox --port "$PORT" --state "$WORK/state.ndjson" 2>"$WORK/sandbox.log" &
SANDBOX_PID=$!
URL="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$URL/_sandbox/health" >/dev/null && break; sleep 0.1; done
export PAYCLI_SANDBOX_URL=$URL

echo "machine: $(nproc) cores, $(uname -sr)"
echo
printf '%-28s %9s %9s %10s %12s\n' run orders seconds orders/s "peak RSS MiB"

# GNU time's "Elapsed (wall clock)" is h:mm:ss or m:ss.ss; RSS is in KiB.
measure() {  # name n command...
  local name=$1 n=$2; shift 2
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || true
  python3 - "$name" "$n" "$WORK/time.txt" "$WORK/out.txt" <<'PY'
import sys
name, n, tfile, ofile = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
t = open(tfile).read().splitlines()
wall = next(l for l in t if "Elapsed (wall clock)" in l).rsplit(" ", 1)[1]
secs = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall.split(":"))))
rss = int(next(l for l in t if "Maximum resident set size" in l).rsplit(" ", 1)[1]) / 1024
text = open(ofile).read()
# Parallel curls can glue answers onto one line: count answers, not lines.
lines = text.count('"code":200') if '"code":' in text else text.count("\n")
ok = "" if lines == n else f"  (only {lines} results!)"
print(f"{name:<28} {n:>9} {secs:>9.2f} {n / secs:>10.0f} {rss:>12.1f}{ok}")
PY
}

for n in $SIZES; do
  head -n "$n" "$WORK/ids.txt" >"$WORK/ids-$n.txt"
  rm -rf "$WORK/data"
  PAYCLI_DATA_DIR=$WORK/data measure "paycli (journal)" "$n" \
    "$BIN" -p sandbox-cashy -o ndjson status check --from "$WORK/ids-$n.txt" --concurrency "$CONCURRENCY"
  measure "paycli --no-journal" "$n" \
    "$BIN" --no-journal -p sandbox-cashy -o ndjson status check --from "$WORK/ids-$n.txt" --concurrency "$CONCURRENCY"
done

# What a merchant would otherwise write: sign with md5sum, send with curl, 8 at a time.
cat >"$WORK/one.sh" <<SH
#!/bin/sh
body="{\"mchOrderNo\":\"\$1\",\"nonceStr\":\"\$\$\"}"
sign=\$(printf '%s%s' "\$body" "$KEY" | md5sum | cut -c1-32)
curl -s -X POST -H 'Content-Type: application/json' -H 'MerchantId: 100001' -H "Sign: \$sign" \
  --data "\$body" "$URL/api/payDeskQuery"
echo
SH
chmod +x "$WORK/one.sh"
head -n "$BASELINE_N" "$WORK/ids.txt" >"$WORK/ids-baseline.txt"
measure "xargs -P 8 curl + md5sum" "$BASELINE_N" sh -c "xargs -P 8 -n 1 '$WORK/one.sh' <'$WORK/ids-baseline.txt'"
grep -o '"code":200' "$WORK/out.txt" | wc -l | xargs printf '  (baseline answers with code 200: %s)\n'

# The sandbox alone: one signed query repeated by wrk (the sandbox does not track nonces).
body='{"mchOrderNo":"BENCH0000001","nonceStr":"wrk"}'
sign=$(printf '%s%s' "$body" "$KEY" | md5sum | cut -c1-32)
cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["MerchantId"] = "100001"
wrk.headers["Sign"] = "$sign"
LUA
echo
echo "sandbox alone: wrk -t2 -c16 -d5s (Cashy status query)"
wrk -t2 -c16 -d5s -s "$WORK/post.lua" "$URL/api/payDeskQuery" | grep -E "Requests/sec|Latency|Non-2xx" || true
