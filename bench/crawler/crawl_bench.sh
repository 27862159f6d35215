#!/usr/bin/env bash
# Crawls 5,000 replica pages with politeness off and prints pages/s and peak
# RSS for `timecite crawl`, then for Debian's wget2 fetching the same URL list
# from the same replica, and the ratio of the two.
#
# Usage: bench/crawler/crawl_bench.sh [BUILD_DIR] [PAGES]
#   BUILD_DIR  a build with timecite and timecite-replica (default build/bench:
#              cmake --preset bench && cmake --build build/bench
#                --target timecite timecite-replica)
#   PAGES      default 5000
# Everything runs on 127.0.0.1; nothing leaves the machine.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/bench}
pages=${2:-5000}
concurrency=${CONCURRENCY:-32}
timecite=$build/cli/timecite
replica=$build/tools/replica/timecite-replica
for bin in "$timecite" "$replica"; do
  if [ ! -x "$bin" ]; then
    echo "crawl_bench: $bin is missing; build it first:" >&2
    echo "  cmake --preset bench && cmake --build build/bench --target timecite timecite-replica" >&2
    exit 1
  fi
done
command -v wget2 >/dev/null || { echo "crawl_bench: wget2 is missing (scripts/install-deps.sh)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "crawl_bench: /usr/bin/time is missing (package time)" >&2; exit 1; }

work=$(mktemp -d /tmp/timecite-crawl-bench.XXXXXX)
replica_pid=""
cleanup() {
  if [ -n "$replica_pid" ]; then kill "$replica_pid" 2>/dev/null || true; wait "$replica_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# One synthetic host of 2 KiB pages; requests to 127.0.0.1 are served as it.
cat > "$work/world.json" <<EOF
{"synthetic": [{"host": "bench.replica.test", "path_prefix": "/page/", "count": $pages, "bytes": 2048}]}
EOF
"$replica" --world "$work/world.json" --port 0 --threads $((concurrency * 2 + 8)) \
  --default-host bench.replica.test > "$work/replica.out" 2>&1 &
replica_pid=$!
for _ in $(seq 100); do
  grep -q '^http ' "$work/replica.out" 2>/dev/null && break
  sleep 0.05
done
port=$(sed -n 's/^http 127.0.0.1:\([0-9]*\)$/\1/p' "$work/replica.out")
[ -n "$port" ] || { echo "crawl_bench: the replica did not start" >&2; cat "$work/replica.out" >&2; exit 1; }

seq 0 $((pages - 1)) | sed "s|^|http://127.0.0.1:$port/page/|" > "$work/urls.txt"

# Runs a command under /usr/bin/time; prints "seconds peak_kib".
measure() {
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" > "$out" 2>&1
  cat "$work/time.txt"
}

read -r t_secs t_rss < <(measure "$work/timecite.out" "$timecite" --db "$work/db" crawl \
  --from "$work/urls.txt" --no-politeness --concurrency "$concurrency" --retries 0)
summary=$(tail -n 1 "$work/timecite.out")
case "$summary" in
  *"crawl: $pages requests done: $pages ok, 0 failed"*) ;;
  *) echo "crawl_bench: timecite did not fetch every page: $summary" >&2; exit 1 ;;
esac

mkdir -p "$work/wget2"
read -r w_secs w_rss < <(measure "$work/wget2.out" wget2 --no-config -q \
  --max-threads="$concurrency" --tries=1 --delete-after -P "$work/wget2" -i "$work/urls.txt")

awk -v n="$pages" -v c="$concurrency" -v ts="$t_secs" -v tr="$t_rss" -v ws="$w_secs" -v wr="$w_rss" 'BEGIN {
  tp = (ts > 0) ? n / ts : 0; wp = (ws > 0) ? n / ws : 0
  printf "pages: %d, concurrency %d, politeness off, loopback replica\n", n, c
  printf "timecite crawl : %8.0f pages/s  (%.2f s)  peak RSS %6.1f MiB  (store writes included)\n", tp, ts, tr / 1024
  printf "wget2          : %8.0f pages/s  (%.2f s)  peak RSS %6.1f MiB\n", wp, ws, wr / 1024
  if (wp > 0) printf "ratio timecite/wget2: %.2fx pages/s, %.2fx peak RSS\n", tp / wp, tr / wr
}'
