#!/usr/bin/env bash
# `callback verify`: the median time of one process verifying one capture (journal on, as a user
# runs it), and one process verifying a directory of 10,000 captures, each beside a shell loop of
# md5sum / openssl measured in the same run. See docs/benchmarks.md.
#
#   scripts/bench-callbacks.sh                  # 200 single runs, 10,000 captures
#   RUNS=50 DIR_N=2000 scripts/bench-callbacks.sh
source "$(dirname "$0")/bench-lib.sh"
RUNS=${RUNS:-200}
DIR_N=${DIR_N:-10000}
KEY="cashy-sandbox-key-8d2f6b0a4c9e1735"   # the sandbox merchant's published Cashy test key
FIX=$PWD/tests/fixtures/zenospay

# Cashy callbacks (MD5 over body + key) as raw HTTP requests, as `callback listen` captures them.
mkdir -p "$WORK/captures"
python3 - "$WORK/captures" "$DIR_N" "$KEY" <<'PY'
import hashlib, json, sys
out, n, key = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for k in range(n):
    body = json.dumps({"amount": 150000.0, "completionTime": "2026-01-01 07:00:00", "fee": 6000.0,
                       "mchOrderNo": f"BENCHCA{k:07d}", "merchantId": "100001", "nonceStr": str(1767225600000 + k),
                       "orderNo": f"PAYIN9{k:012d}", "orderStatus": "SUCCESS", "payCode": "88089999805483",
                       "payType": "26"}, separators=(",", ":")).encode()
    sign = hashlib.md5(body + key.encode()).hexdigest().upper()
    head = ("POST /hooks/cashy HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/json\r\n"
            f"MerchantId: 100001\r\nSign: {sign}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    open(f"{out}/cb-{k:05d}.http", "wb").write(head + body)
PY
ONE=$WORK/captures/cb-00000.http
# The body alone and its signature, for the openssl reference (the Zenospay fixture: RSA-2048).
ZCAP=$FIX/callback.http
mkdir -p "$XDG_CONFIG_HOME/paycli"
cat >"$XDG_CONFIG_HOME/paycli/config.toml" <<TOML
[profiles.fixture-zenospay]
provider = "zenospay"
base_url = "http://127.0.0.1:9"
partner_id = "9dbf86be-f9e9-4000-8b39-fdd5a841fce1"
private_key = { file = "$FIX/merchant-pkcs1.pem" }
provider_public_key = { file = "$FIX/provider.pub.pem" }
TOML
base64 -d <<<"$(grep -i '^X-SIGNATURE:' "$ZCAP" | cut -d' ' -f2 | tr -d '\r')" >"$WORK/zsig.bin"

# time_runs NAME COMMAND...: RUNS runs, one process each; prints the median and p90 in ms.
time_runs() {
  local name=$1; shift
  : >"$WORK/times.txt"
  for _ in $(seq "$RUNS"); do
    local s=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    echo "$s $EPOCHREALTIME" >>"$WORK/times.txt"
  done
  awk '{print ($2 - $1) * 1000}' "$WORK/times.txt" >"$WORK/ms.txt"
  printf '%-56s %8.2f %8.2f\n' "$name" "$(median "$WORK/ms.txt")" \
    "$(sort -n "$WORK/ms.txt" | awk -v n="$RUNS" 'NR == int(n * 0.9) {print}')"
}

echo
echo "one capture per process, $RUNS runs"
printf '%-56s %8s %8s\n' run "median ms" "p90 ms"
rm -rf "$PAYCLI_DATA_DIR"
time_runs "paycli callback verify FILE (cashy, journal)" "$BIN" -p sandbox-cashy -o json callback verify "$ONE"
time_runs "paycli --no-journal callback verify FILE (cashy)" "$BIN" --no-journal -p sandbox-cashy -o json callback verify "$ONE"
time_runs "paycli callback verify FILE (zenospay RSA-2048, journal)" "$BIN" -p fixture-zenospay -o json \
  callback verify --at 2024-12-18T16:21:10Z "$ZCAP"
time_runs "reference: paycli --version (process start only)" "$BIN" --version
time_runs "reference: md5sum FILE" md5sum "$ONE"
time_runs "reference: openssl dgst -sha256 -verify (RSA-2048)" openssl dgst -sha256 -verify "$FIX/provider.pub.pem" \
  -signature "$WORK/zsig.bin" "$FIX/callback-string.txt"

echo
echo "one directory of $DIR_N captures"
printf '%-56s %8s %8s %13s\n' run "wall s" "CPU s" "peak RSS MiB"
rm -rf "$PAYCLI_DATA_DIR"
measure "$WORK/out.ndjson" "$BIN" -p sandbox-cashy -o ndjson callback verify "$WORK/captures"
ok=$(grep -c '"signature":"ok"' "$WORK/out.ndjson" || true)
printf '%-56s %8s %8s %13s%s\n' "paycli callback verify DIR (journal)" "$WALL" "$CPU" "$RSS_MIB" \
  "$([[ $ok == "$DIR_N" ]] || echo "  (only $ok verified!)")"
measure "$WORK/out.ndjson" "$BIN" --no-journal -p sandbox-cashy -o ndjson callback verify "$WORK/captures"
printf '%-56s %8s %8s %13s\n' "paycli --no-journal callback verify DIR" "$WALL" "$CPU" "$RSS_MIB"
measure "$WORK/md5.txt" sh -c "find '$WORK/captures' -type f -exec md5sum {} +"
printf '%-56s %8s %8s %13s\n' "reference: find DIR -exec md5sum {} +" "$WALL" "$CPU" "$RSS_MIB"

# The journal the directory run left behind: its WAL holds up to 1,000 pages (SQLite's automatic
# checkpoint threshold; no checkpoint on close), which the next process to open it reads back.
echo
echo "one capture per process again, on the journal the directory run left ($(du -k "$PAYCLI_DATA_DIR"/*-wal | cut -f1) KiB of WAL)"
printf '%-56s %8s %8s\n' run "median ms" "p90 ms"
time_runs "paycli callback verify FILE (cashy, journal)" "$BIN" -p sandbox-cashy -o json callback verify "$ONE"
