#!/usr/bin/env bash
# `timecite at` on a 1,000,000-segment store (store_bench's database: 500
# recordings of 2,000 segments), from process start to answer: wall time and
# threads started, against its peer in the same run, `timecite --version`
# (the same process start: loading the shared libraries, no database). Then
# the seek to the segment covering a moment (BM_SegmentAt) against RocksDB's
# own seekrandom on the same data (BM_RocksSeekRandom), and their ratio.
#
# Usage: bench/store/at_bench.sh [BUILD_DIR] [RUNS]
#   BUILD_DIR  a bench build with timecite and store_bench (default
#              build/bench: cmake --preset bench && cmake --build build/bench
#              --target timecite store_bench)
#   RUNS       runs of each command (default 30); the median is printed
# With BASELINE_TIMECITE set (another build's timecite, e.g. main's), its
# `at` and `resolve --offline` are measured too, on the same database.
# The database is built once (a minute or two) in $TIMECITE_BENCH_DB or
# /tmp/timecite-store-bench and reused.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/bench}
runs=${2:-30}
timecite=$build/cli/timecite
store_bench=$build/bench/store/store_bench
db=${TIMECITE_BENCH_DB:-/tmp/timecite-store-bench}
for bin in "$timecite" "$store_bench"; do
  [ -x "$bin" ] || { echo "at_bench: $bin is missing; build it first" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "at_bench: /usr/bin/time is missing (package time)" >&2; exit 1; }
command -v strace >/dev/null || { echo "at_bench: strace is missing (package strace)" >&2; exit 1; }

# Builds the database if needed (and measures the seeks, printed below).
seeks=$(mktemp /tmp/timecite-at-bench.XXXXXX)
trap 'rm -f "$seeks"' EXIT
TIMECITE_BENCH_DB=$db "$store_bench" --benchmark_filter='BM_SegmentAt$|BM_RocksSeekRandom' \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_format=json > "$seeks" 2>/dev/null

# "wall cpu": median wall and median CPU (user + system) milliseconds of
# `runs` runs of a command (on a loaded machine the CPU figure is the steadier).
median_ms() {
  local walls=() cpus=() tf
  tf=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S' -o "$tf" "$@" > /dev/null 2>&1 || true
    read -r e u s < "$tf"
    walls+=("$(awk -v e="$e" 'BEGIN {print e * 1000}')")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print (u + s) * 1000}')")
  done
  rm -f "$tf"
  local w c
  w=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]}')
  c=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]}')
  echo "$w $c"
}
# Threads a command starts (clone calls made with CLONE_THREAD).
threads() {
  local out
  out=$(mktemp)
  strace -f -qq -e trace=clone,clone3 -o "$out" "$@" > /dev/null 2>&1 || true
  grep -c 'CLONE_THREAD' "$out" || true
  rm -f "$out"
}

at_cmd=("$timecite" --db "$db" at k100000123 1:29:40)
"${at_cmd[@]}" > /dev/null || { echo "at_bench: timecite at failed:" >&2; "${at_cmd[@]}" >&2; exit 1; }
read -r at_ms at_cpu < <(median_ms "${at_cmd[@]}")
read -r version_ms version_cpu < <(median_ms "$timecite" --version)
at_threads=$(threads "${at_cmd[@]}")
resolve_cmd=("$timecite" --db "$db" resolve --offline "https://webtv.un.org/en/asset/k10/k100000123 1:29:40")
read -r resolve_ms resolve_cpu < <(median_ms "${resolve_cmd[@]}")
resolve_threads=$(threads "${resolve_cmd[@]}")

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'timecite at (1,000,000 segments)  : %5s ms wall, %4s ms CPU, %s threads started\n' "$at_ms" "$at_cpu" "$at_threads"
printf 'timecite resolve --offline        : %5s ms wall, %4s ms CPU, %s threads started\n' "$resolve_ms" "$resolve_cpu" "$resolve_threads"
if [ -n "${BASELINE_TIMECITE:-}" ]; then
  base_at=("$BASELINE_TIMECITE" "${at_cmd[@]:1}")
  base_resolve=("$BASELINE_TIMECITE" "${resolve_cmd[@]:1}")
  read -r b_at_ms b_at_cpu < <(median_ms "${base_at[@]}")
  read -r b_resolve_ms b_resolve_cpu < <(median_ms "${base_resolve[@]}")
  printf 'baseline at                       : %5s ms wall, %4s ms CPU, %s threads started\n' "$b_at_ms" "$b_at_cpu" "$(threads "${base_at[@]}")"
  printf 'baseline resolve --offline        : %5s ms wall, %4s ms CPU, %s threads started\n' "$b_resolve_ms" "$b_resolve_cpu" "$(threads "${base_resolve[@]}")"
  awk -v a="$at_ms" -v b="$b_at_ms" -v c="$at_cpu" -v d="$b_at_cpu" 'BEGIN { printf "ratio at/baseline at: %.2fx wall, %.2fx CPU\n", a / b, c / d }'
fi
printf 'timecite --version (process start): %5s ms wall, %4s ms CPU\n' "$version_ms" "$version_cpu"
awk -v a="$at_ms" -v v="$version_ms" -v c="$at_cpu" -v d="$version_cpu" 'BEGIN { printf "ratio at/--version: %.2fx wall, %.2fx CPU (at minus process start: %d ms wall, %d ms CPU)\n", a / v, c / d, a - v, c - d }'
python3 - "$seeks" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
cpu = {b["run_name"]: b["cpu_time"] for b in runs if b.get("aggregate_name") == "median"}
ours, peer = cpu["BM_SegmentAt"], cpu["BM_RocksSeekRandom"]
print(f"SegmentAt (seek to the covering sentence, decoded): {ours / 1000:7.2f} us CPU (median of 3)")
print(f"RocksDB seekrandom (same data, same cache)        : {peer / 1000:7.2f} us CPU")
print(f"ratio SegmentAt/seekrandom: {ours / peer:.2f}x")
PY
