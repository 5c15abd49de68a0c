#!/usr/bin/env bash
# Peak RSS of a batch `status check --from` in every output format, for 10,000 and 100,000 ids,
# against the local sandbox (Cashy: the cheapest checks, so the output layer dominates). stdout goes
# to a file, which is not a terminal: the default format (auto) is then JSON, as when piped.
# The goal is flat memory under 64 MiB in every format. See docs/benchmarks.md.
#
#   scripts/bench-memory.sh                     # 10,000 and 100,000 ids
#   SIZES="1000 10000" scripts/bench-memory.sh
source "$(dirname "$0")/bench-lib.sh"
SIZES=${SIZES:-"10000 100000"}
FORMATS=${FORMATS:-"ndjson csv auto table"}
PORT=${PORT:-18802}
MAX=0; for n in $SIZES; do (( n > MAX )) && MAX=$n; done

seed_sandbox "$MAX" cashy
start_sandbox "$PORT"
echo
printf '%-22s %8s %8s %9s %13s\n' format ids "wall s" checks/s "peak RSS MiB"
for n in $SIZES; do
  head -n "$n" "$WORK/ids-cashy.txt" >"$WORK/ids-$n.txt"
  for f in $FORMATS; do
    rm -rf "$PAYCLI_DATA_DIR"
    measure "$WORK/out" "$BIN" -p sandbox-cashy -o "$f" status check --from "$WORK/ids-$n.txt" --concurrency 8
    rows=$(python3 - "$f" "$WORK/out" <<'PY'
import json, sys
f, out = sys.argv[1:]
text = open(out).read()
if f == "auto":
    print(len(json.loads(text)))
elif f == "ndjson":
    print(sum(1 for l in text.splitlines() if l.strip()))
elif f == "csv":
    print(len(text.splitlines()) - 1)
else:  # table: count the lines that carry an order id
    print(sum(1 for l in text.splitlines() if "BENCHCA" in l))
PY
)
    label=$f; [[ $f == auto ]] && label="auto (json, piped)"
    note=""; [[ $rows == "$n" ]] || note="  (only $rows rows of $n!)"
    printf '%-22s %8s %8s %9.0f %13s%s\n' "$label" "$n" "$WALL" "$(python3 -c "print($n / max($WALL, 0.01))")" "$RSS_MIB" "$note"
  done
done
