#!/usr/bin/env bash
# Benchmark of the sweep runner: the same sweep in local[1] and local[2] (speed-up), and Spark's share of
# the time (wall time x cores against the runs' own summed times).
#   jobs/bench/sweep-speedup.sh [SWEEP_FILE] [REPEATS]     (default: sweeps/quickstart.yaml, 1)
# Each run writes a fresh store under a temporary folder; the summary lines are printed at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SWEEP="${1:-sweeps/quickstart.yaml}"
REPEATS="${2:-1}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"
for r in $(seq 1 "$REPEATS"); do
  for cores in 1 2; do
    start=$(date +%s.%N)
    ./submit.sh sweep "$SWEEP" --out "$TMP/local$cores-$r" --master "local[$cores]" 2>/dev/null \
      | sed "s/^/local[$cores] #$r: /"
    end=$(date +%s.%N)
    echo "local[$cores] #$r: command $(echo "$end - $start" | bc) s including JVM and Spark start-up"
  done
done
