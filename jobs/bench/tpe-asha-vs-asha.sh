#!/usr/bin/env bash
# Benchmark of TPE under ASHA (issue 21): the same sweep with scheduler: asha alone (random draws), with
# sampler: tpe added, the same budget of new runs, and, with FULL=1, as a plain sweep (every random draw
# trained to the end: "random"), over several sweep seeds, one after the other on the same machine into fresh
# stores.
#   [FULL=1] jobs/bench/tpe-asha-vs-asha.sh [SWEEP_FILE] [SEEDS] [MASTER]
#     (default: sweeps/tpe-asha.yaml, "1 2 3 4 5", local[2]; sweeps/tpe-asha-reduced.yaml is its reduced size)
# The file must hold 'seed:', 'sampler: tpe' and 'startup:' lines and end with its search: section (as
# sweeps/tpe-asha.yaml does). Prints per seed and kind: epochs trained, best held-out accuracy of a run
# trained to the end, best of any run; then the medians over the seeds, with the load average before and
# after.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SWEEP="${1:-sweeps/tpe-asha.yaml}"
SEEDS="${2:-1 2 3 4 5}"
MASTER="${3:-local[2]}"
KINDS="asha tpe-asha"
[[ "${FULL:-0}" == 1 ]] && KINDS="random $KINDS"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for seed in $SEEDS; do
  sed "s/^seed: .*/seed: $seed/" "$SWEEP" > "$TMP/tpe-asha.yaml"
  sed '/^ *sampler: tpe/d; /^ *startup:/d' "$TMP/tpe-asha.yaml" > "$TMP/asha.yaml"
  sed '/^search:/,$d' "$TMP/tpe-asha.yaml" > "$TMP/random.yaml"
  for kind in $KINDS; do
    ./submit.sh sweep "$TMP/$kind.yaml" --out "$TMP/$kind-$seed" --master "$MASTER" >/dev/null 2>&1
    ./submit.sh query "$TMP/$kind-$seed" "SELECT '$kind' AS kind, $seed AS seed, sum(epochs_run) AS epochs,
        round(max(CASE WHEN state = 'ok' THEN test_accuracy END), 4) AS best_ok,
        round(max(test_accuracy), 4) AS best_any FROM runs" --csv "$TMP/q.csv" >/dev/null 2>&1
    tail -n +2 "$TMP/q.csv" | tee -a "$TMP/all.csv"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in $KINDS; do
  for col in 3 4 5; do
    grep "^$kind," "$TMP/all.csv" | cut -d, -f$col | sort -g | awk -v k="$kind" -v c="$col" \
      '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
        n = c == 3 ? "epochs" : c == 4 ? "best_ok" : "best_any"; printf "%s median %s: %s\n", k, n, m}'
  done
done
