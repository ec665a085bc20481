#!/usr/bin/env bash
# Whole-process times of the Spark-free commands against the NumPy lab run, and the first build of a fresh
# clone (README "Performance").
#
#   jobs/bench/startup.sh [RUNS] [--cold-repo]
#
# Times, as whole processes, median of RUNS (default 5): `./submit.sh train` (the lab's test run),
# `./submit.sh validate sweeps/quickstart.yaml`, `./submit.sh --help`, `./submit.sh export` of one run of
# the quickstart store (swept into a temporary folder first), and the lab's per-sequence test run
# in NumPy (model/src/test/python/lab_reference.py: 1000 sequences of 10, window 3, S1 = 20, 10 epochs, on
# data and initial weights made beforehand). Then clones this repository into a temporary folder and times
# its first `./submit.sh --help`, which builds the jar: with the local Maven repository as it is (rnnlab's
# own artifacts are never in it), or with --cold-repo from an empty one (downloads everything).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=5
cold=false
for a in "$@"; do
  case "$a" in
    --cold-repo) cold=true ;;
    [0-9]*) runs="$a" ;;
    *) echo "usage: $0 [RUNS] [--cold-repo]" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d "${TMPDIR:-/tmp}/rnnlab-startup.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# median of the wall seconds of RUNS runs of the command
median() {
  local times=() t
  for _ in $(seq "$runs"); do
    t=$( { TIMEFORMAT=%R; time "$@" > /dev/null 2>&1; } 2>&1 )
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

"$ROOT/submit.sh" --help > /dev/null # builds the jar and its class-data archive when stale

python3 - "$work" <<'EOF'
import os, sys
import numpy as np
work = sys.argv[1]
rng = np.random.default_rng(0)
p = rng.integers(0, 2, size=(1000, 10))
c = np.cumsum(p, axis=1)
prev = np.concatenate([np.zeros((1000, 3), dtype=c.dtype), c[:, :-3]], axis=1)
y = ((c - prev) % 2 == 0).astype(np.float64)
os.makedirs(f"{work}/data"); os.makedirs(f"{work}/w")
np.save(f"{work}/data/X.npy", p.astype(np.float64).reshape(1000, 10, 1))
np.save(f"{work}/data/y.npy", y.reshape(1000, 10, 1))
for name, shape in (("LW_11", (20, 20)), ("IW_11", (20, 1)), ("LW_21", (1, 20))):
    np.save(f"{work}/w/{name}.npy", rng.standard_normal(shape) * 0.1)
np.save(f"{work}/w/b_1.npy", np.zeros((20, 1))); np.save(f"{work}/w/b_2.npy", np.zeros((1, 1)))
EOF

cd "$ROOT"
train=$(median ./submit.sh train --quiet)
validate=$(median ./submit.sh validate sweeps/quickstart.yaml)
help=$(median ./submit.sh --help)
./submit.sh sweep sweeps/quickstart.yaml --out "$work/qs" > /dev/null 2>&1
run_id="$(./submit.sh query "$work/qs" "SELECT run_id FROM runs LIMIT 1" --format csv | tail -n 1)"
export=$(median ./submit.sh export "$run_id" --from "$work/qs" --out "$work/exported")
numpy=$(median python3 model/src/test/python/lab_reference.py --data "$work/data" --init-weights "$work/w" \
  --out "$work/out")
echo "whole process, median of $runs (s):"
printf '  %-44s %6s\n' "./submit.sh train (lab's test run)" "$train" "./submit.sh validate sweeps/quickstart.yaml" \
  "$validate" "./submit.sh --help" "$help" "./submit.sh export (quickstart store)" "$export" \
  "NumPy lab run (lab_reference.py)" "$numpy"
awk -v n="$numpy" -v t="$train" 'BEGIN {printf "  NumPy / train: %.1fx\n", n / t}'

git clone -q "$ROOT" "$work/clone"
if $cold; then
  export MAVEN_ARGS="-Dmaven.repo.local=$work/m2"
fi
start=$(date +%s.%N)
"$work/clone/submit.sh" --help > /dev/null
awk -v s="$start" -v e="$(date +%s.%N)" -v c="$cold" \
  'BEGIN {printf "first ./submit.sh --help of a fresh clone (builds the jar; empty repository: %s): %.0f s\n", c, e - s}'
