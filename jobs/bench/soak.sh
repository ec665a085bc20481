#!/usr/bin/env bash
# Soak benchmark of the sweep driver: a sweep of many tiny runs into a fresh store, sampling the driver JVM
# every few seconds: a full GC (jcmd GC.run), then its live heap and old generation (jstat) and resident memory
# (VmRSS); and the time between stored batches (the committed runs files' modification times, which include
# those GCs). Flat columns mean the driver holds no per-run state that grows with the sweep.
#   jobs/bench/soak.sh [RUNS] [WRITE_EVERY] [MASTER]      (default: 5000 100 local[2])
# Prints one line per tenth of the sweep (median heap, RSS and batch interval over that tenth) and the summary.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-5000}"
EVERY="${2:-100}"
MASTER="${3:-local[2]}"
TMP="$(mktemp -d)"
SWEEP_PID=""
trap '[ -n "$SWEEP_PID" ] && kill "$SWEEP_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
cd "$ROOT"
command -v jstat >/dev/null || { echo "soak.sh needs jstat (a JDK)" >&2; exit 2; }

# RUNS runs: 50 seeds per setting x RUNS/50 settings of lr, each a few milliseconds of training
settings=$(( (RUNS + 49) / 50 ))
lrs=$(seq 1 "$settings" | awk -v n="$settings" '{ printf "%s%.6f", (NR > 1 ? ", " : ""), 0.01 + 0.5 * NR / n }')
cat > "$TMP/soak.yaml" <<EOF
name: soak
description: $RUNS tiny runs for jobs/bench/soak.sh
fixed: {samples: 16, length: 5, test_samples: 8, epochs: 2, hidden: 3, window: 2}
grid:
  lr: [$lrs]
replicates: 50
EOF

./submit.sh validate "$TMP/soak.yaml" >/dev/null
./submit.sh sweep "$TMP/soak.yaml" --out "$TMP/store" --write-every "$EVERY" --master "$MASTER" \
  >"$TMP/sweep.out" 2>"$TMP/sweep.err" &
SWEEP_PID=$!

# the driver JVM is the java process started under submit.sh
driver=""
for _ in $(seq 1 600); do
  driver=$(pgrep -f -n "java.* sweep $TMP/soak.yaml" || true)
  [ -n "$driver" ] && break
  sleep 0.2
done
[ -n "$driver" ] || { echo "no driver JVM found" >&2; cat "$TMP/sweep.err" >&2; exit 1; }

echo "t_s heap_mib old_mib rss_mib stored" > "$TMP/samples"
start=$(date +%s.%N)
while kill -0 "$driver" 2>/dev/null; do
  jcmd "$driver" GC.run >/dev/null 2>&1 || true
  heap=$(jstat -gc "$driver" 2>/dev/null | awk 'NR == 2 { printf "%.1f %.1f", ($3 + $4 + $6 + $8) / 1024, $8 / 1024 }')
  rss=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$driver/status" 2>/dev/null || true)
  stored=$(ls "$TMP/store/runs" 2>/dev/null | grep -c '^batch-' || true)
  [ -n "$heap" ] && [ -n "$rss" ] && echo "$(echo "$(date +%s.%N) - $start" | bc) $heap $rss $stored" \
    >> "$TMP/samples"
  sleep 3
done
wait "$SWEEP_PID"
cat "$TMP/sweep.out"

find "$TMP/store/runs" -name 'batch-*.parquet' -printf '%T@\n' | sort -n > "$TMP/commits"
python3 - "$TMP/samples" "$TMP/commits" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]).read().splitlines()[1:]]
samples = [(float(t), float(h), float(o), float(r), int(s)) for t, h, o, r, s in rows]
commits = [float(x) for x in open(sys.argv[2]).read().split()]
gaps = [b - a for a, b in zip(commits, commits[1:])]
batches = len(commits)
print(f"{batches} batches stored; {len(samples)} samples of the driver")
print("tenth  batches   live heap MiB  old gen MiB  RSS MiB  s per batch   (medians)")
for k in range(10):
    lo, hi = batches * k // 10, batches * (k + 1) // 10
    part = [s for s in samples if lo <= s[4] < max(hi, lo + 1)]
    g = gaps[max(lo - 1, 0):max(hi - 1, 0)]
    if part and g:
        print(f"{k + 1:5d}  {lo + 1:3d}-{hi:<4d} {statistics.median(s[1] for s in part):14.1f}"
              f" {statistics.median(s[2] for s in part):12.1f} {statistics.median(s[3] for s in part):8.1f}"
              f" {statistics.median(g):12.2f}")
EOF
