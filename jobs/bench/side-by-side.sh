#!/usr/bin/env bash
# Whole-process time of one ./submit.sh command in this checkout ("after") and in another one ("before"),
# side by side: N runs each (default 5), alternating, one warm-up run each first (it builds a stale jar and
# records the command's class-data archive); prints the medians and the load average before and after.
#   jobs/bench/side-by-side.sh BEFORE_ROOT N COMMAND [ARGS...]
# e.g. jobs/bench/side-by-side.sh ../before 5 query results/quickstart "SELECT run_id FROM runs LIMIT 3"
set -euo pipefail
after="$(cd "$(dirname "$0")/../.." && pwd)"
before="$(cd "$1" && pwd)" n="$2"
shift 2
for side in before after; do
  "${!side}/submit.sh" "$@" > /dev/null 2>&1 || { echo "$side: ./submit.sh $* failed" >&2; exit 1; }
done
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A times=()
for ((i = 0; i < n; i++)); do
  for side in before after; do
    t="$( { TIMEFORMAT=%R; time "${!side}/submit.sh" "$@" > /dev/null 2>&1; } 2>&1 )"
    times[$side]+="$t "
  done
done
for side in before after; do
  median="$(tr ' ' '\n' <<< "${times[$side]}" | sed '/^$/d' | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
  echo "$side: median $median s of ${times[$side]}"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
