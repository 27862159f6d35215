#!/usr/bin/env bash
# Offline check (`timecite check --offline`) of 2,000, 20,000 and 200,000
# citations, as one report and as many reports of 100 citations, each checked
# twice into the same database (the second run reads the first run's records
# back and keeps their history, as a scheduled check does): CPU time per
# citation of the second run, for this build and for its peer, a baseline
# timecite (e.g. main's) run in the same script on the same files, and their
# ratio; and each build's cost per citation at 200,000 over its cost at 2,000
# (1.00 = linear).
#
# Usage: bench/verify/offline_bench.sh TIMECITE [BASELINE_TIMECITE] [SIZES...]
#   sizes default to 2000 20000 200000
# Reports from bench/verify/make_bench_report.py (deterministic).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
ours=${1:?usage: offline_bench.sh TIMECITE [BASELINE_TIMECITE] [SIZES...]}
base=${2:-}
shift $(( $# >= 2 ? 2 : 1 ))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000 200000)
[ -x /usr/bin/time ] || { echo "offline_bench: /usr/bin/time is missing (package time)" >&2; exit 1; }

work=$(mktemp -d /tmp/timecite-offline-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# CPU seconds (user + system) of the second of two runs into one database.
second_run_cpu() {
  local bin=$1 db=$2; shift 2
  rm -rf "$db"
  "$bin" --db "$db" check --offline -q --format json -o "$work/out.json" "$@" >/dev/null 2>&1 || true
  /usr/bin/time -f '%U %S' -o "$work/time.txt" \
    "$bin" --db "$db" check --offline -q --format json -o "$work/out.json" "$@" >/dev/null 2>&1 || true
  awk '{print $1 + $2}' "$work/time.txt"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %14s %14s %8s\n' "citations, reports" "ours us/cit" "peer us/cit" "ratio"
declare -A per_ours per_base
mkdir -p "$work/r100" && python3 "$root/bench/verify/make_bench_report.py" "$work/r100" 100 >/dev/null
for n in "${sizes[@]}"; do
  mkdir -p "$work/r$n" && python3 "$root/bench/verify/make_bench_report.py" "$work/r$n" "$n" >/dev/null
  mkdir -p "$work/many$n"
  for i in $(seq $(( n / 100 ))); do cp "$work/r100/report.md" "$work/many$n/report$i.md"; done
  for shape in one many; do
    if [ $shape = one ]; then files=("$work/r$n/report.md"); else files=("$work/many$n"/*.md); fi
    o=$(second_run_cpu "$ours" "$work/db-ours" "${files[@]}")
    o_us=$(awk -v c="$o" -v n="$n" 'BEGIN {printf "%.1f", c * 1e6 / n}')
    per_ours[$shape$n]=$o_us
    if [ -n "$base" ]; then
      b=$(second_run_cpu "$base" "$work/db-base" "${files[@]}")
      b_us=$(awk -v c="$b" -v n="$n" 'BEGIN {printf "%.1f", c * 1e6 / n}')
      per_base[$shape$n]=$b_us
      ratio=$(awk -v o="$o_us" -v b="$b_us" 'BEGIN {printf "%.2fx", (b > 0) ? o / b : 0}')
    else
      b_us="-"; ratio="-"
    fi
    label="$n, $([ $shape = one ] && echo 1 || echo $(( n / 100 ))) report(s)"
    printf '%-26s %14s %14s %8s\n' "$label" "$o_us" "$b_us" "$ratio"
  done
  rm -rf "$work/many$n" "$work/r$n"
done
first=${sizes[0]}; last=${sizes[-1]}
for shape in one many; do
  awk -v s=$shape -v f="$first" -v l="$last" -v a="${per_ours[$shape$first]}" -v b="${per_ours[$shape$last]}" \
    -v c="${per_base[$shape$first]:-0}" -v d="${per_base[$shape$last]:-0}" 'BEGIN {
      printf "linearity (%s report%s): cost per citation at %d / at %d: ours %.2f", s == "one" ? "one" : "many", s == "one" ? "" : "s", l, f, b / a
      if (c > 0) printf ", peer %.2f", d / c
      printf "\n" }'
done
