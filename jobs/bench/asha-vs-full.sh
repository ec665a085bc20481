#!/usr/bin/env bash
# Benchmark of early stopping (issue 13): the same runs of an ASHA sweep trained to the end (the file
# without its search: section) and with ASHA, one after the other on the same machine, into fresh stores.
#   jobs/bench/asha-vs-full.sh [SWEEP_FILE] [MASTER]     (default: sweeps/asha-lr.yaml, local[2])
# Prints each sweep's summary, its command's wall time, and from its store: runs, epochs trained, the best
# held-out accuracy of any stored run and of the runs trained to the end. The search: section must end the
# file.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SWEEP="${1:-sweeps/asha-lr.yaml}"
MASTER="${2:-local[2]}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"
sed '/^search:/,$d' "$SWEEP" > "$TMP/full.yaml"
for kind in full asha; do
  file="$TMP/full.yaml"
  [ "$kind" = asha ] && file="$SWEEP"
  start=$(date +%s.%N)
  ./submit.sh sweep "$file" --out "$TMP/$kind" --master "$MASTER" 2>/dev/null | sed "s/^/$kind: /"
  end=$(date +%s.%N)
  echo "$kind: command $(echo "$end - $start" | bc) s including JVM and Spark start-up"
  ./submit.sh query "$TMP/$kind" "SELECT count(*) AS runs, sum(epochs_run) AS epochs,
      round(max(test_accuracy), 4) AS best, round(max(CASE WHEN epochs_run = epochs THEN test_accuracy END), 4)
      AS best_trained_to_the_end FROM runs" 2>/dev/null | sed "s/^/$kind: /"
done
