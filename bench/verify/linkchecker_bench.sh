#!/usr/bin/env bash
# Checks a 500-citation Markdown report against the replica with realistic
# politeness and prints the wall time of `timecite check` (online) against
# LinkChecker (Debian's `linkchecker`) on the same URLs with the same per-host
# limits, as a ratio. Issue 6 aims at no more than half of LinkChecker's time.
#
# Usage: sudo bench/verify/linkchecker_bench.sh [BUILD_DIR] [CITATIONS]
#   BUILD_DIR  a build with timecite and timecite-replica (default build/bench:
#              cmake --preset bench && cmake --build build/bench
#                --target timecite timecite-replica)
#   CITATIONS  default 500 (bench/verify/make_bench_report.py)
# Environment: MAX_CONCURRENT (2) requests in flight per host for timecite,
#   INTERVAL_MS (500) between the starts of two requests to one host; LinkChecker
#   gets maxrequestspersecond = 1000 / INTERVAL_MS (it has no per-host
#   concurrency limit; its manual says it averages about a third of that rate).
#   LC_THREADS (10) LinkChecker threads. LINKCHECKER_ONLY=1 times LinkChecker
#   alone (for a timecite without online check). TIMECITE, REPLICA: other
#   binaries than BUILD_DIR's.
# Needs: root (the run happens in a private network and mount namespace: the
#   replica listens on 127.0.0.1:80 and :443 there and the cited hosts resolve
#   to it through a bind-mounted /etc/hosts, so both tools fetch the real URLs
#   and nothing leaves the machine, and no other process sees any of it);
#   linkchecker (scripts/install-deps.sh --bench); python3; util-linux unshare.
# Needs from timecite: `check` online with `--cacert PATH` (the replica's
#   self-signed certificate) and [crawler] politeness in timecite.toml.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build/bench}" 2>/dev/null && pwd || echo "${1:-$root/build/bench}")
citations=${2:-500}
max_concurrent=${MAX_CONCURRENT:-2}
interval_ms=${INTERVAL_MS:-500}
lc_threads=${LC_THREADS:-10}
timecite=${TIMECITE:-$build/cli/timecite}
replica=${REPLICA:-$build/tools/replica/timecite-replica}

for bin in "$timecite" "$replica"; do
  if [ ! -x "$bin" ]; then
    echo "linkchecker_bench: $bin is missing; build it first:" >&2
    echo "  cmake --preset bench && cmake --build build/bench --target timecite timecite-replica" >&2
    exit 1
  fi
done
command -v linkchecker >/dev/null ||
  { echo "linkchecker_bench: linkchecker is missing (scripts/install-deps.sh --bench)" >&2; exit 1; }
only_lc=${LINKCHECKER_ONLY:-}
if [ -z "$only_lc" ] && ! "$timecite" check --help 2>&1 | grep -q -- '--cacert'; then
  echo "linkchecker_bench: this timecite has no online check (check --cacert); nothing to compare" >&2
  exit 1
fi

# Re-run inside private network + mount namespaces.
if [ -z "${TIMECITE_BENCH_IN_NS:-}" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "linkchecker_bench: run as root (it needs a private network namespace)" >&2
    exit 1
  fi
  outer="$(readlink /proc/self/ns/mnt) $(readlink /proc/self/ns/net)"
  exec env TIMECITE_BENCH_IN_NS=1 TIMECITE_BENCH_OUTER_NS="$outer" \
    TIMECITE="$timecite" REPLICA="$replica" \
    unshare --net --mount --propagation private bash "$0" "$build" "$citations"
fi

# Never touch the machine's own /etc/hosts or network: refuse unless this is
# a mount and network namespace of its own.
read -r outer_mnt outer_net <<< "${TIMECITE_BENCH_OUTER_NS:-x x}"
if [ "$(readlink /proc/self/ns/mnt)" = "$outer_mnt" ] ||
   [ "$(readlink /proc/self/ns/net)" = "$outer_net" ] || [ "$outer_mnt" = x ]; then
  echo "linkchecker_bench: not in a private namespace; run it without TIMECITE_BENCH_IN_NS" >&2
  exit 1
fi
ip link set lo up
work=$(mktemp -d /tmp/timecite-verify-bench.XXXXXX)
[ -d "$work" ] || exit 1
chmod 755 "$work"  # LinkChecker drops root for "nobody", who must read its files
replica_pid=""
cleanup() {
  if [ -n "$replica_pid" ]; then kill "$replica_pid" 2>/dev/null || true; wait "$replica_pid" 2>/dev/null || true; fi
  case "$work" in /tmp/timecite-verify-bench.*) rm -rf "$work" ;; esac
}
trap cleanup EXIT

python3 "$root/bench/verify/make_bench_report.py" "$work" "$citations"
mount --bind "$work/hosts" /etc/hosts

"$replica" --world "$work/world.json" --port 80 --https-port 443 --make-cert "$work/cert" \
  --threads 32 > "$work/replica.out" 2>&1 &
replica_pid=$!
for _ in $(seq 200); do
  grep -q '^https ' "$work/replica.out" 2>/dev/null && break
  sleep 0.05
done
grep -q '^https ' "$work/replica.out" ||
  { echo "linkchecker_bench: the replica did not start" >&2; cat "$work/replica.out" >&2; exit 1; }
cert=$work/cert/replica-cert.pem
chmod 755 "$work/cert"
chmod 644 "$cert"

# Requests the replica saw since the last call (and forget them).
requests() {
  curl -s "http://127.0.0.1/__requests?clear=1" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r), len({x["host"] for x in r}))'
}
requests > /dev/null

# Same per-host limits for both tools. Config files are written with printf
# (no here-documents) and kept in $work.
printf '[crawler]\ndefault_max_concurrent = %s\ndefault_min_interval_ms = %s\n' \
  "$max_concurrent" "$interval_ms" > "$work/timecite.toml"
lc_rate=$(awk -v ms="$interval_ms" 'BEGIN { printf "%g", 1000 / ms }')
printf '[checking]\nthreads=%s\nmaxrequestspersecond=%s\nsslverify=%s\nrecursionlevel=0\n[filtering]\ncheckextern=1\n[output]\nstatus=0\n' \
  "$lc_threads" "$lc_rate" "$cert" > "$work/linkcheckerrc"
chmod 644 "$work/timecite.toml" "$work/linkcheckerrc" "$work/urls.txt"

now_ms() { date +%s%3N; }

t0=$(now_ms)
set +e
[ -n "$only_lc" ] || "$timecite" check --db "$work/db" --config "$work/timecite.toml" --cacert "$cert" \
  --format json "$work/report.md" > "$work/timecite.json" 2> "$work/timecite.err"
t_rc=$?
set -e
t1=$(now_ms)
if [ "$t_rc" -ne 0 ] && [ "$t_rc" -ne 2 ]; then
  echo "linkchecker_bench: timecite check failed (exit $t_rc):" >&2
  cat "$work/timecite.err" >&2
  exit 1
fi
read -r t_requests t_hosts < <(requests)
t_summary=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j.get("mode","?"), json.dumps(j.get("summary",{})))' "$work/timecite.json" 2>/dev/null || echo "? ?")

t2=$(now_ms)
set +e
linkchecker -f "$work/linkcheckerrc" --stdin < "$work/urls.txt" > "$work/linkchecker.out" 2>&1
l_rc=$?
set -e
t3=$(now_ms)
if [ "$l_rc" -ne 0 ] && [ "$l_rc" -ne 1 ]; then
  echo "linkchecker_bench: linkchecker failed (exit $l_rc):" >&2
  tail -20 "$work/linkchecker.out" >&2
  exit 1
fi
read -r l_requests l_hosts < <(requests)
l_summary=$(grep -E 'links? in|errors? found|warnings? found' "$work/linkchecker.out" | tr '\n' ' ' || true)

awk -v only_lc="$only_lc" -v n="$citations" -v u="$(sort -u "$work/urls.txt" | wc -l)" -v c="$max_concurrent" \
  -v i="$interval_ms" -v r="$lc_rate" -v ts=$((t1 - t0)) -v ls=$((t3 - t2)) \
  -v tq="$t_requests" -v th="$t_hosts" -v lq="$l_requests" -v lh="$l_hosts" 'BEGIN {
  printf "report: %d citations, %d distinct URLs; loopback replica over HTTPS\n", n, u
  printf "per-host limits: timecite %d in flight, %d ms between starts; LinkChecker maxrequestspersecond=%s\n", c, i, r
  if (only_lc == "") printf "timecite check : %8.2f s  (%d requests to %d hosts)\n", ts / 1000, tq, th
  else print "timecite check : skipped (LINKCHECKER_ONLY)"
  printf "linkchecker    : %8.2f s  (%d requests to %d hosts)\n", ls / 1000, lq, lh
  if (ls > 0 && only_lc == "") printf "ratio timecite/linkchecker: %.2f (goal <= 0.50)\n", ts / ls
}'
[ -n "$only_lc" ] || echo "timecite: mode and summary $t_summary"
echo "linkchecker: $l_summary"
