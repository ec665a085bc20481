#!/usr/bin/env bash
# Benchmark of issue #12 (sweep throughput): for each checkout given (default: this one), and REPEATS times
# in alternation so that before and after share the machine's load, runs each sweep into a fresh store in
# local[2] and then the report of the quickstart store, as whole ./submit.sh processes.
#   jobs/bench/throughput.sh [REPEATS] [CHECKOUT...]      e.g. 3 /tmp/before .   (before and after)
#   SWEEPS="sweeps/bench-tiny.yaml ..." overrides the sweeps (default: bench-tiny, bench-grid, quickstart)
# Prints one line per measurement: checkout, sweep, process wall, the sweep's own summary (its wall, the
# runs' summed time, busy %) and the load average before it; then medians with Spark's share (100 - busy).
# bench-tiny is run twice into its store: the second run is the resume check of a complete store.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPEATS="${1:-3}"
shift || true
CHECKOUTS=("$@")
[[ ${#CHECKOUTS[@]} -gt 0 ]] || CHECKOUTS=("$HERE")
SWEEPS=(${SWEEPS:-sweeps/bench-tiny.yaml sweeps/bench-grid.yaml sweeps/quickstart.yaml})
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
LINES="$TMP/lines.tsv"

seconds() { echo "$(date +%s%N)"; }
elapsed() { echo "scale=2; ($(date +%s%N) - $1) / 1000000000" | bc; }
load() { cut -d' ' -f1 /proc/loadavg; }

for r in $(seq 1 "$REPEATS"); do
  for c in "${!CHECKOUTS[@]}"; do
    root="${CHECKOUTS[$c]}"
    for sweep in "${SWEEPS[@]}"; do
      name="$(basename "$sweep" .yaml)"
      out="$TMP/c$c-r$r-$name"
      la="$(load)"
      t0="$(seconds)"
      summary="$(cd "$root" && ./submit.sh sweep "$HERE/$sweep" --out "$out" --master 'local[2]' \
        2>/dev/null | grep -e ' runs: ' -e '  time: ')"
      wall="$(elapsed "$t0")"
      busy="$(echo "$summary" | sed -n 's/.*(\([0-9]*\)% busy).*/\1/p')"
      sweep_wall="$(echo "$summary" | sed -n 's/.*; \([0-9.]*\) s wall.*/\1/p')"
      printf '%s\t%s\tsweep\t%s\t%s\t%s\t%s\n' "$c" "$name" "$wall" "$sweep_wall" "$busy" "$la" >> "$LINES"
      echo "checkout $c ($root) #$r $name: process ${wall} s, load $la: $summary"
      if [[ "$name" == bench-tiny ]]; then # the same sweep again: a resume check of a complete store
        la="$(load)"
        t0="$(seconds)"
        (cd "$root" && ./submit.sh sweep "$HERE/$sweep" --out "$out" --master 'local[2]' > /dev/null 2>&1)
        wall="$(elapsed "$t0")"
        printf '%s\t%s\tresume\t%s\t-\t-\t%s\n' "$c" "$name" "$wall" "$la" >> "$LINES"
        echo "checkout $c ($root) #$r resume of complete $name: process ${wall} s, load $la"
      fi
      if [[ "$name" == quickstart ]]; then
        la="$(load)"
        t0="$(seconds)"
        (cd "$root" && ./submit.sh report "$out" --master 'local[2]' > /dev/null 2>&1)
        wall="$(elapsed "$t0")"
        printf '%s\t%s\treport\t%s\t-\t-\t%s\n' "$c" "$name" "$wall" "$la" >> "$LINES"
        echo "checkout $c ($root) #$r report of $name: process ${wall} s, load $la"
      fi
    done
  done
done

echo
echo "medians over $REPEATS repeats (process wall s, sweep wall s, busy %, Spark's share %):"
for c in "${!CHECKOUTS[@]}"; do
  for key in $(awk -F'\t' -v c="$c" '$1 == c { print $2 "/" $3 }' "$LINES" | sort -u); do
    name="${key%/*}"
    kind="${key#*/}"
    med() {
      awk -F'\t' -v c="$c" -v n="$name" -v k="$kind" -v f="$1" '$1 == c && $2 == n && $3 == k { print $f }' \
        "$LINES" | sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2 ? v[m] \
          : (v[m] + v[m + 1]) / 2) }'
    }
    if [[ "$kind" == sweep ]]; then
      busy="$(med 6)"
      printf '  checkout %s %-12s %-6s process %6s  sweep %6s  busy %3s%%  Spark %3s%%\n' "$c" "$name" \
        "$kind" "$(med 4)" "$(med 5)" "$busy" "$((100 - ${busy%.*}))"
    else
      printf '  checkout %s %-12s %-6s process %6s\n' "$c" "$name" "$kind" "$(med 4)"
    fi
  done
done
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores, shared)"
