#!/usr/bin/env bash
# Benchmark of data-parallel training (engine dl4j-spark): the same run on 1 and on 2 workers, time to a
# target training loss, and the ratio.
#   jobs/bench/dtrain-scaling.sh [MASTER] [TARGET_LOSS] [dtrain options...]
# MASTER defaults to local[2] ("cluster" is the loopback cluster of ./submit.sh cluster start --workers 2);
# TARGET_LOSS to 0.1. The default run is an LSTM with S1=64 on 20,000 sequences of length 10 (window 2),
# batch 32, Adam, averaging every 10 minibatches, 8 epochs; options given after TARGET_LOSS replace it. Time is
# the training time of the epoch where the epoch loss first falls to TARGET_LOSS (from dtrain's progress
# lines: no JVM or Spark start-up, data generation or evaluation). Each run writes a fresh store under a
# temporary folder, deleted at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MASTER="${1:-local[2]}"
TARGET="${2:-0.1}"
shift $(( $# < 2 ? $# : 2 ))
RUN=(--cell lstm --hidden 64 --window 2 --samples 20000 --length 10 --test-samples 500 --batch-size 32
  --optimizer adam --lr 0.01 --averaging-frequency 10 --epochs 8)
[[ $# -eq 0 ]] || RUN=("$@")
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"
declare -A seconds
for workers in 1 2; do
  ./submit.sh dtrain --master "$MASTER" --workers "$workers" --out "$TMP/w$workers" "${RUN[@]}" \
    > "$TMP/w$workers.out" 2> "$TMP/w$workers.err" || { cat "$TMP/w$workers.err" >&2; exit 1; }
  grep '^epoch ' "$TMP/w$workers.err" | sed "s/^/$workers worker(s): /"
  seconds[$workers]="$(awk -v t="$TARGET" '/^epoch / && $4 + 0 <= t + 0 { print $6; exit }' \
    "$TMP/w$workers.err")"
  echo "$workers worker(s): $(cat "$TMP/w$workers.out")"
  echo "$workers worker(s): loss <= $TARGET after ${seconds[$workers]:-never} s"
done
if [[ -n "${seconds[1]}" && -n "${seconds[2]}" ]]; then
  echo "time to loss $TARGET: 1 worker ${seconds[1]} s, 2 workers ${seconds[2]} s, speed-up $(echo \
    "scale=2; ${seconds[1]} / ${seconds[2]}" | bc)x on $MASTER"
fi
