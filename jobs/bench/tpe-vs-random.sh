#!/usr/bin/env bash
# Benchmark of the TPE sampler (issue 14): a TPE sweep against random search with the same budget (the
# file without its search: section: the same ranges and seed, so both start from the same 10 draws), over
# several sweep seeds, into fresh stores; then the median over seeds of the best held-out accuracy after
# 15, 30 and 60 runs (runs counted in the order they started: waves for TPE, expansion order for random).
#   jobs/bench/tpe-vs-random.sh [SWEEP_FILE] [SEEDS] [MASTER]   (default: sweeps/tpe-lr.yaml, "1 2 3 4 5",
#                                                                local[2])
# The search: section must end the file; its parallel should make 15 and 30 fall on wave boundaries.
# With KEEP=DIR set, each store's accuracies in start order are kept as DIR/{tpe,random}-SEED.csv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SWEEP="${1:-sweeps/tpe-lr.yaml}"
SEEDS="${2:-1 2 3 4 5}"
MASTER="${3:-local[2]}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"
for seed in $SEEDS; do
  sed "s/^seed: .*/seed: $seed/" "$SWEEP" > "$TMP/tpe-$seed.yaml"
  sed '/^search:/,$d' "$TMP/tpe-$seed.yaml" > "$TMP/random-$seed.yaml"
  for kind in tpe random; do
    start=$(date +%s.%N)
    ./submit.sh sweep "$TMP/$kind-$seed.yaml" --out "$TMP/$kind-$seed" --master "$MASTER" 2>/dev/null \
      | sed "s/^/$kind seed $seed: /"
    end=$(date +%s.%N)
    echo "$kind seed $seed: command $(echo "$end - $start" | bc) s"
    ./submit.sh query "$TMP/$kind-$seed" "SELECT test_accuracy FROM runs ORDER BY start_time, run_id" \
      --csv "$TMP/$kind-$seed.csv" > /dev/null 2>&1
  done
done
KEEP_DIR="${KEEP:-}"
if [ -n "$KEEP_DIR" ]; then mkdir -p "$KEEP_DIR" && cp "$TMP"/*.csv "$KEEP_DIR"/; fi
python3 - "$TMP" $SEEDS <<'PY'
import csv, statistics, sys
tmp, seeds = sys.argv[1], sys.argv[2:]
def best_after(path, n):
    with open(path) as f:
        acc = [float(r["test_accuracy"]) if r["test_accuracy"] not in ("", "NaN") else float("nan")
               for r in csv.DictReader(f)]
    return max((a for a in acc[:n] if a == a), default=float("nan"))
for kind in ("tpe", "random"):
    row = []
    for n in (15, 30, 60):
        per_seed = [best_after(f"{tmp}/{kind}-{s}.csv", n) for s in seeds]
        row.append(f"after {n}: median {statistics.median(per_seed):.4f} (seeds: "
                   + ", ".join(f"{v:.4f}" for v in per_seed) + ")")
    print(f"{kind}: " + "; ".join(row))
PY
