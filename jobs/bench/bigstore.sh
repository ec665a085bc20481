#!/usr/bin/env bash
# Benchmark of issue #12 on a big store: makes a store of RUNS tiny runs (default 10,000) with the first
# checkout, then for each checkout given, REPEATS times in alternation, times as whole ./submit.sh processes
# in local[2]: the report of that store, and the resume check (the same sweep again, nothing left to run).
#   jobs/bench/bigstore.sh [RUNS] [REPEATS] [CHECKOUT...]      e.g. 10000 2 /tmp/before .
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-10000}"
REPEATS="${2:-2}"
shift 2 || true
CHECKOUTS=("$@")
[[ ${#CHECKOUTS[@]} -gt 0 ]] || CHECKOUTS=("$HERE")
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# RUNS runs: 50 seeds per setting x RUNS/50 settings of lr, each a few milliseconds of training
settings=$(( (RUNS + 49) / 50 ))
lrs=$(seq 1 "$settings" \
  | awk -v n="$settings" '{ printf "%s%.6f", (NR > 1 ? ", " : ""), 0.01 + 0.5 * NR / n }')
cat > "$TMP/big.yaml" <<YAML
name: big
description: $RUNS tiny runs for jobs/bench/bigstore.sh
fixed: {samples: 16, length: 5, test_samples: 8, epochs: 2, hidden: 3, window: 2}
grid:
  lr: [$lrs]
replicates: 50
YAML

t0=$(date +%s%N)
(cd "${CHECKOUTS[0]}" && ./submit.sh sweep "$TMP/big.yaml" --out "$TMP/store" --max-runs "$RUNS" \
  --master 'local[2]' 2>/dev/null | grep ' runs: ')
echo "store of $RUNS runs made in $(( ($(date +%s%N) - t0) / 1000000 )) ms (checkout 0)"
for r in $(seq 1 "$REPEATS"); do
  for c in "${!CHECKOUTS[@]}"; do
    root="${CHECKOUTS[$c]}"
    la="$(cut -d' ' -f1 /proc/loadavg)"
    t0=$(date +%s%N)
    status=0
    (cd "$root" && ./submit.sh report "$TMP/store" --out "$TMP/report-$c" --master 'local[2]' \
      >"$TMP/report.log" 2>&1) || status=$?
    report="$(( ($(date +%s%N) - t0) / 1000000 )) ms"
    [[ $status -eq 0 ]] || report="$report, FAILED (exit $status): $(grep -m1 -E 'Exception|Error' \
      "$TMP/report.log")"
    grep '^time:' "$TMP/report.log" || true
    t0=$(date +%s%N)
    (cd "$root" && ./submit.sh sweep "$TMP/big.yaml" --out "$TMP/store" --max-runs "$RUNS" \
      --master 'local[2]' 2>/dev/null | grep '  time:') || true
    resume=$(( ($(date +%s%N) - t0) / 1000000 ))
    echo "checkout $c ($root) #$r: report ${report}, resume check ${resume} ms, load $la"
  done
done
