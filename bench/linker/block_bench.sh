#!/usr/bin/env bash
# One footnote block of N citations on one line (each URL with its own time
# phrase), as a 60 MB line of URLs is: `linker_bench extract` CPU seconds for
# this build and, with a BASELINE linker_bench (e.g. main's), for it, at each
# N, and each build's cost per citation at the largest N over the smallest
# (1.00 = linear).
#
# Usage: bench/linker/block_bench.sh LINKER_BENCH [BASELINE_LINKER_BENCH] [N...]
#   N defaults to 10000 50000 200000
set -euo pipefail
ours=${1:?usage: block_bench.sh LINKER_BENCH [BASELINE] [N...]}
base=${2:-}
shift $(( $# >= 2 ? 2 : 1 ))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 50000 200000)
work=$(mktemp -d /tmp/timecite-block-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

cpu_s() {  # CPU seconds (user + system) of one run
  /usr/bin/time -f '%U %S' -o "$work/t" "$@" > /dev/null 2>&1 || true
  awk '{print $1 + $2}' "$work/t"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %12s %12s %8s\n' citations "ours s" "peer s" ratio
declare -A o b
for n in "${sizes[@]}"; do
  python3 - "$n" > "$work/block.txt" <<'PY'
import sys
n = int(sys.argv[1])
out = ["¹ Head of the note, 8 March 2021:\n"]
for i in range(n):
    t = 1 + i % 10000
    out.append(f"at {t // 3600}:{t // 60 % 60:02d}:{t % 60:02d} é "
               f"https://webtv.un.org/en/asset/k1o/k1obxycc{10 + i % 90}; ")
out.append("\n")
sys.stdout.write("".join(out))
PY
  o[$n]=$(cpu_s "$ours" extract "$work/block.txt")
  if [ -n "$base" ]; then b[$n]=$(cpu_s "$base" extract "$work/block.txt"); fi
  awk -v n="$n" -v o="${o[$n]}" -v b="${b[$n]:-}" 'BEGIN {
    if (b != "") printf "%-12d %12.2f %12.2f %7.2fx\n", n, o, b, (b > 0) ? o / b : 0
    else printf "%-12d %12.2f %12s %8s\n", n, o, "-", "-" }'
done
first=${sizes[0]}; last=${sizes[-1]}
awk -v f="$first" -v l="$last" -v a="${o[$first]}" -v c="${o[$last]}" -v p="${b[$first]:-}" -v q="${b[$last]:-}" 'BEGIN {
  printf "cost per citation at %d / at %d: ours %.2f", l, f, (a > 0) ? (c / l) / (a / f) : 0
  if (p != "" && p > 0) printf ", peer %.2f", (q / l) / (p / f)
  printf "\n" }'
