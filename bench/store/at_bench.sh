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
command -v strace >/dev/null || { echo "at_bench: strace is missing (package strace)" >&2; exit 1; }

# Builds the database if needed (and measures the seeks, printed below).
seeks=$(mktemp /tmp/timecite-at-bench.XXXXXX)
trap 'rm -f "$seeks"' EXIT
TIMECITE_BENCH_DB=$db "$store_bench" --benchmark_filter='BM_SegmentAt$|BM_RocksSeekRandom' \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_format=json > "$seeks" 2>/dev/null

# Median wall milliseconds of `runs` runs of a command.
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
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
at_ms=$(median_ms "${at_cmd[@]}")
version_ms=$(median_ms "$timecite" --version)
at_threads=$(threads "${at_cmd[@]}")
resolve_cmd=("$timecite" --db "$db" resolve --offline "https://webtv.un.org/en/asset/k10/k100000123 1:29:40")
resolve_ms=$(median_ms "${resolve_cmd[@]}")
resolve_threads=$(threads "${resolve_cmd[@]}")

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'timecite at (1,000,000 segments)  : %6.2f ms wall, %s threads started\n' "$at_ms" "$at_threads"
printf 'timecite resolve --offline        : %6.2f ms wall, %s threads started\n' "$resolve_ms" "$resolve_threads"
if [ -n "${BASELINE_TIMECITE:-}" ]; then
  base_at=("$BASELINE_TIMECITE" "${at_cmd[@]:1}")
  base_resolve=("$BASELINE_TIMECITE" "${resolve_cmd[@]:1}")
  b_at_ms=$(median_ms "${base_at[@]}")
  b_resolve_ms=$(median_ms "${base_resolve[@]}")
  printf 'baseline at                       : %6.2f ms wall, %s threads started\n' "$b_at_ms" "$(threads "${base_at[@]}")"
  printf 'baseline resolve --offline        : %6.2f ms wall, %s threads started\n' "$b_resolve_ms" "$(threads "${base_resolve[@]}")"
  awk -v a="$at_ms" -v b="$b_at_ms" 'BEGIN { printf "ratio at/baseline at: %.2fx wall\n", a / b }'
fi
printf 'timecite --version (process start): %6.2f ms wall\n' "$version_ms"
awk -v a="$at_ms" -v v="$version_ms" 'BEGIN { printf "ratio at/--version: %.2fx (at minus process start: %.2f ms)\n", a / v, a - v }'
python3 - "$seeks" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
cpu = {b["run_name"]: b["cpu_time"] for b in runs if b.get("aggregate_name") == "median"}
ours, peer = cpu["BM_SegmentAt"], cpu["BM_RocksSeekRandom"]
print(f"SegmentAt (seek to the covering sentence, decoded): {ours / 1000:7.2f} us CPU (median of 3)")
print(f"RocksDB seekrandom (same data, same cache)        : {peer / 1000:7.2f} us CPU")
print(f"ratio SegmentAt/seekrandom: {ours / peer:.2f}x")
PY
