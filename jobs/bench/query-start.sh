#!/usr/bin/env bash
# Whole-process time of a one-shot query on STORE, median of N runs, this checkout ("after") and another one
# ("before", its jar built) side by side, runs alternating, with the load average before and after:
#   jobs/bench/query-start.sh BEFORE_ROOT STORE [N]
set -euo pipefail
after="$(cd "$(dirname "$0")/../.." && pwd)"
before="$1" store="$2" n="${3:-5}"
sql="SELECT run_id, cell, window, test_accuracy FROM runs ORDER BY test_accuracy DESC LIMIT 3"
"$after/submit.sh" query "$store" "$sql" > /dev/null # builds the jar, records the class-data archive
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A times=()
for ((i = 0; i < n; i++)); do
  for side in before after; do
    t="$( { TIMEFORMAT=%R; time "${!side}/submit.sh" query "$store" "$sql" > /dev/null 2>&1; } 2>&1 )"
    times[$side]+="$t "
  done
done
for side in before after; do
  median="$(tr ' ' '\n' <<< "${times[$side]}" | sed '/^$/d' | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
  echo "$side: median $median s of ${times[$side]}"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
