#!/usr/bin/env bash
# The fleet against the single-process crawler, in one run: a replica world of
# HOSTS hosts x PAGES pages (default 200 x 50 = 10,000 pages), default
# politeness (per host one fetch at a time, the next 500 ms after the previous
# one ended; robots.txt read),
# crawled by `timecite crawl` alone, then by `timecite crawl --redis` with 1, 2
# and 4 `timecite worker` processes (--jobs JOBS each, default 16). Prints
# pages/s, the ratio to one worker and to the single crawler, and the
# frontier's cost: Redis commands and network bytes per URL (INFO stats),
# Redis memory.
#
# A worker holds 8 x JOBS tasks, each waiting for its host's interval, so one
# worker reaches at most 8 x JOBS hosts at under 2 pages/s each: with JOBS small
# against HOSTS (e.g. 200 hosts, --jobs 4: 32 hosts, 64 pages/s) one worker is
# bounded by its own capacity and the fleet's scaling shows; with JOBS large
# the ceiling is politeness (under HOSTS x 2 pages/s: a fetch's own time adds to
# the 500 ms) or the machine's cores.
#
# Usage: bench/fleet/fleet_bench.sh [BUILD_DIR] [HOSTS] [PAGES] [JOBS]
#   BUILD_DIR  a build with timecite and timecite-replica (default build/bench)
# Not in ctest: it runs for minutes (politeness bounds it: 50 pages x 500 ms
# per host is at least 25 s per crawl). Everything is on 127.0.0.1.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/bench}
hosts=${2:-200}
pages=${3:-50}
jobs=${4:-16}
timecite=$build/cli/timecite
replica=$build/tools/replica/timecite-replica
for bin in "$timecite" "$replica"; do
  [ -x "$bin" ] || { echo "fleet_bench: $bin is missing; build timecite and timecite-replica" >&2; exit 1; }
done
command -v redis-server >/dev/null || { echo "fleet_bench: redis-server is missing (scripts/install-deps.sh)" >&2; exit 1; }

work=$(mktemp -d /tmp/timecite-fleet-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

{
  printf '{"synthetic": ['
  for ((h = 0; h < hosts; h++)); do
    [ "$h" -gt 0 ] && printf ','
    printf '{"host": "h%d.bench.test", "path_prefix": "/page/", "count": %d, "bytes": 2048}' "$h" "$pages"
  done
  printf ']}\n'
} > "$work/world.json"
"$replica" --world "$work/world.json" --port 0 --threads 256 > "$work/replica.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q '^http ' "$work/replica.out" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/^http 127.0.0.1:\([0-9]*\)$/\1/p' "$work/replica.out")
[ -n "$port" ] || { echo "fleet_bench: the replica did not start" >&2; cat "$work/replica.out" >&2; exit 1; }
connect="--connect-to :80:127.0.0.1:$port"

for ((p = 0; p < pages; p++)); do
  for ((h = 0; h < hosts; h++)); do echo "http://h$h.bench.test/page/$p"; done
done > "$work/urls.txt"
total=$((hosts * pages))

rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/redis"
redis-server --port "$rport" --bind 127.0.0.1 --dir "$work/redis" --appendonly yes \
  --appendfsync everysec --save '' > "$work/redis.log" 2>&1 &
pids+=($!)
redis="redis://127.0.0.1:$rport"
for _ in $(seq 100); do redis-cli -p "$rport" ping >/dev/null 2>&1 && break; sleep 0.05; done
stat() { redis-cli -p "$rport" info "$1" | tr -d '\r' | sed -n "s/^$2:\([0-9]*\)$/\1/p"; }

now() { date +%s.%N; }
check_summary() {
  case "$(tail -n 1 "$1")" in
    *"crawl: $total requests done: $total ok, 0 failed"*) ;;
    *) echo "fleet_bench: $2 did not fetch every page: $(tail -n 1 "$1")" >&2; exit 1 ;;
  esac
}

t0=$(now)
"$timecite" --db "$work/single" crawl --from "$work/urls.txt" $connect > "$work/single.out" 2>&1
t1=$(now)
check_summary "$work/single.out" "the single crawler"
single=$(echo "$t0 $t1" | awk '{print $2 - $1}')

declare -A secs ops bytes mem
for n in 1 2 4; do
  redis-cli -p "$rport" flushall >/dev/null
  redis-cli -p "$rport" config resetstat >/dev/null
  wpids=()
  for ((i = 0; i < n; i++)); do
    "$timecite" -q worker --redis "$redis" --id "w$i" --jobs "$jobs" ${WORKER_FLAGS:-} $connect > "$work/w$n-$i.out" 2>&1 &
    wpids+=($!)
    pids+=($!)
  done
  t0=$(now)
  "$timecite" --db "$work/fleet$n" crawl --redis "$redis" --from "$work/urls.txt" $connect \
    > "$work/fleet$n.out" 2>&1
  t1=$(now)
  mem[$n]=$(stat memory used_memory_peak)
  for p in "${wpids[@]}"; do kill "$p"; done
  for p in "${wpids[@]}"; do wait "$p" || true; done
  check_summary "$work/fleet$n.out" "the fleet of $n"
  secs[$n]=$(echo "$t0 $t1" | awk '{print $2 - $1}')
  ops[$n]=$(stat stats total_commands_processed)
  bytes[$n]=$(( $(stat stats total_net_input_bytes) + $(stat stats total_net_output_bytes) ))
done

echo "world: $hosts hosts x $pages pages = $total pages; default politeness (one at a time, 500 ms from the end, per host); loopback replica; workers --jobs $jobs"
echo "machine: $(nproc) cores; load before/after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$total" -v s="$single" -v s1="${secs[1]}" -v s2="${secs[2]}" -v s4="${secs[4]}" \
    -v o1="${ops[1]}" -v o2="${ops[2]}" -v o4="${ops[4]}" \
    -v b1="${bytes[1]}" -v b2="${bytes[2]}" -v b4="${bytes[4]}" \
    -v m1="${mem[1]}" -v m2="${mem[2]}" -v m4="${mem[4]}" 'BEGIN {
  printf "single crawl    : %7.1f pages/s  (%.1f s)\n", n / s, s
  split("1 2 4", ws, " "); split(s1 " " s2 " " s4, ss, " "); split(o1 " " o2 " " o4, os, " ")
  split(b1 " " b2 " " b4, bs, " "); split(m1 " " m2 " " m4, ms, " ")
  for (i = 1; i <= 3; i++) {
    printf "fleet, %d worker%s: %7.1f pages/s  (%.1f s)  x%.2f of 1 worker, x%.2f of the single crawl;" \
      " redis %.1f commands and %.0f bytes per URL, peak memory %.1f MiB\n",
      ws[i], ws[i] == 1 ? " " : "s", n / ss[i], ss[i], ss[1] / ss[i], s / ss[i],
      os[i] / n, bs[i] / n, ms[i] / 1048576
  }
}'
