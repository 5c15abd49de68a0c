#!/usr/bin/env bash
# What the order journal costs, and the shared PostgreSQL journal's throughput with three hosts.
# See docs/benchmarks.md ("The journal").
#
#   scripts/bench-journal.sh                   # N_VERIFY=10000 RUNS=41 N_PENDING=5000
#   N_VERIFY=2000 N_PENDING=1000 scripts/bench-journal.sh
#
# Needs: cargo, python3, curl, PostgreSQL server binaries (/usr/lib/postgresql/*/bin or initdb/pg_ctl
# on PATH; apt-get install postgresql). As root, the cluster runs as `nobody` (runuser).
set -euo pipefail
cd "$(dirname "$0")/.."

N_VERIFY=${N_VERIFY:-10000}
RUNS=${RUNS:-41}
N_PENDING=${N_PENDING:-5000}
KEY="a7Kq2ZxT9mWb4LpR"   # the Cashy test key of tests/fixtures/cashy (merchant 3006075)
SANDBOX_KEY="cashy-sandbox-key-8d2f6b0a4c9e1735"

cargo build --release --quiet
BIN=$PWD/target/release/paycli
WORK=$(mktemp -d)
PGDIR=$(mktemp -d)
SANDBOX_PID=
PGBIN=$( (ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1) || true)
[[ -z $PGBIN ]] && PGBIN=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
RUN=(); [[ $(id -u) == 0 ]] && RUN=(runuser -u nobody --) && chown nobody "$PGDIR"
cleanup() {
  [[ -n $SANDBOX_PID ]] && kill "$SANDBOX_PID" 2>/dev/null
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$WORK" "$PGDIR"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(uname -sr); $("$PGBIN/postgres" --version)"

# --- 1. callback verify: one file, and a directory of N_VERIFY distinct genuine captures -------
mkdir -p "$WORK/captures" "$WORK/config/paycli"
printf '[profiles.c]\nprovider = "cashy"\nbase_url = "https://cashier.example"\nmerchant_id = "3006075"\napi_key = "%s"\n' \
  "$KEY" >"$WORK/config/paycli/config.toml"
chmod 600 "$WORK/config/paycli/config.toml"
python3 - "$WORK/captures" "$N_VERIFY" "$KEY" <<'PY'
import hashlib, sys
out, n, key = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for k in range(n):
    body = ('{"amount":20000.0,"completionTime":"2024-07-30 15:31:10","fee":800.0,'
            f'"mchOrderNo":"V{k:07d}","merchantId":"3006075","nonceStr":"{1722328270971 + k}",'
            f'"orderNo":"PAYIN{k:019d}","orderStatus":"SUCCESS","payCode":"88089999805483","payType":"26"}}')
    sign = hashlib.md5((body + key).encode()).hexdigest().upper()
    with open(f"{out}/{k:07d}.http", "w", newline="") as f:
        f.write("POST /hooks/cashy HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/json\r\n"
                f"MerchantId: 3006075\r\nSign: {sign}\r\n\r\n{body}")
PY
sed 's/"orderStatus":"SUCCESS"/"orderStatus":"FAIL"/' "$WORK/captures/0000000.http" >"$WORK/forged.http"
export XDG_CONFIG_HOME=$WORK/config HOME=$WORK

# Median wall time of RUNS runs of one `callback verify FILE`, each on the next capture (so each
# verified run writes a new row), in a journal that already exists.
single() {  # label extra-args... ; file list from $WORK/single-files
  python3 - "$BIN" "$RUNS" "$WORK" "$@" <<'PY'
import os, statistics, subprocess, sys, time
bin, runs, work, label, *extra = sys.argv[1:]
files = sorted(os.listdir(f"{work}/captures"))[-int(runs):]
times = []
for f in files:
    path = f"{work}/forged.http" if "forged" in label else f"{work}/captures/{f}"
    t = time.perf_counter()
    subprocess.run([bin, "-p", "c", "-o", "json", *extra, "callback", "verify", path],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - t) * 1000)
print(f"{label:<46} median {statistics.median(times):6.2f} ms   (min {min(times):.2f}, max {max(times):.2f}, {runs} runs)")
PY
}
export PAYCLI_DATA_DIR=$WORK/data
"$BIN" -p c -o json callback verify "$WORK/captures/0000000.http" >/dev/null   # the journal exists
echo
echo "one \`callback verify FILE\` (Cashy, MD5 signature):"
single "--no-journal (reference: no journal at all)" --no-journal
single "verified, journaled (one new row)"
single "forged, journal not touched" 
single "verified again (event already journaled)"

echo
echo "\`callback verify DIR\` of $N_VERIFY genuine captures:"
dir_run() {  # label extra-args...
  local label=$1; shift
  local t0 t1; t0=$(date +%s.%N)
  "$BIN" -p c -o ndjson "$@" callback verify "$WORK/captures" >"$WORK/out.ndjson" 2>"$WORK/err.txt" || true
  t1=$(date +%s.%N)
  printf '%-46s %6.3f s   %s\n' "$label" "$(echo "$t1 - $t0" | bc)" "$(tail -1 "$WORK/err.txt")"
}
dir_run "--no-journal (reference)" --no-journal
rm -rf "$WORK/data"
dir_run "fresh journal, every callback a new row"
dir_run "same again (every event already journaled)"
rows=$("$BIN" -o csv orders list | tail -n +2 | wc -l)
echo "journal rows after both runs: $rows (expected $N_VERIFY)"

# --- 2. status check --pending: one host on SQLite, one and three hosts on PostgreSQL ----------
echo "pw-$$" >"$PGDIR/pw"
[[ ${#RUN[@]} -gt 0 ]] && chown nobody "$PGDIR/pw"
"${RUN[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A scram-sha-256 --pwfile="$PGDIR/pw" -E UTF8 >/dev/null
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start >/dev/null
PGURL="postgres://postgres:pw-$$@127.0.0.1:$PGPORT"
for db in one three; do PGPASSWORD=pw-$$ "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c "CREATE DATABASE $db"; done

python3 - "$WORK/state.ndjson" "$WORK/ids.txt" "$N_PENDING" <<'PY'
import json, sys
state, ids, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
now, later = "2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z"
with open(state, "w") as s, open(ids, "w") as i:
    for k in range(n):
        oid, no = f"PEND{k:07d}", f"PAYDESK8{k:012d}"
        s.write(json.dumps({
            "provider": "cashy", "id": no, "merchant_order_id": oid, "amount": "150000", "currency": "IDR",
            "state": "pending", "channel": None, "fee": None, "rrn": None, "created_at": now,
            "updated_at": now, "paid_at": None, "expires_at": later, "callback_url": None,
            "page_path": f"/paydesk/{no}", "data": None}) + "\n")
        i.write(oid + "\n")
PY
SPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" sandbox --port "$SPORT" --state "$WORK/state.ndjson" 2>"$WORK/sandbox.log" &
SANDBOX_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$SPORT/_sandbox/health" >/dev/null && break; sleep 0.1; done
export PAYCLI_SANDBOX_URL=http://127.0.0.1:$SPORT
queries() { curl -sf "$PAYCLI_SANDBOX_URL/_sandbox/queries" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

echo
echo "\`status check --pending\` of $N_PENDING due Cashy orders against the sandbox (--concurrency 8 per host):"
pending_run() {  # label journal hosts
  local label=$1 journal=$2 hosts=$3
  rm -rf "$WORK/data"
  PAYCLI_JOURNAL=$journal "$BIN" -p sandbox-cashy -o ndjson status check --from "$WORK/ids.txt" >/dev/null 2>&1
  sleep 1.2   # the seed checks are older than --recheck-after 1s: every order is due
  local before after t0 t1 pids=()
  before=$(queries)
  t0=$(date +%s.%N)
  for h in $(seq "$hosts"); do
    PAYCLI_JOURNAL=$journal "$BIN" -p sandbox-cashy -o ndjson status check --pending --recheck-after 1s \
      >"$WORK/host$h.ndjson" 2>"$WORK/host$h.err" &
    pids+=($!)
  done
  wait "${pids[@]}"
  t1=$(date +%s.%N)
  after=$(queries)
  local secs; secs=$(echo "$t1 - $t0" | bc)
  printf '%-40s %6.2f s %8.0f orders/s   sandbox queries: %d (each order once: %s); per host: %s\n' \
    "$label" "$secs" "$(echo "$N_PENDING / $secs" | bc -l)" "$((after - before))" \
    "$([[ $((after - before)) == "$N_PENDING" ]] && echo yes || echo NO)" \
    "$(for h in $(seq "$hosts"); do printf '%s ' "$(wc -l <"$WORK/host$h.ndjson")"; done)"
}
pending_run "1 host, SQLite journal" "$WORK/pending.sqlite3" 1
pending_run "1 host, PostgreSQL journal" "$PGURL/one" 1
pending_run "3 hosts, one PostgreSQL journal" "$PGURL/three" 3
