#!/usr/bin/env bash
# Extraction throughput beside grep (issue 7). Builds linker_bench with the
# `bench` preset (build/bench), generates a corpus of footnoted reports in the
# six UN languages (default 64 MB: CORPUS_MB), then on the same file:
#   - linker_bench extract: DocumentFromBytes + ExtractCitations (URLs,
#     footnotes, time phrases, dates, meeting numbers, bodies, symbols) on one
#     thread, and on JOBS threads (default: one per core, as
#     `timecite check --jobs 0` reads many reports);
#   - grep -oE 'https?://[^[:space:]<>]+' (URLs only, C locale: grep's
#     fastest), its matches written to a file.
# grep must write its matches somewhere real: GNU grep (since 2.27) sees that
# standard output is /dev/null and stops at the first match, as with -q, so
# `grep -oE ... >/dev/null` measures nothing (it "ran" at ~6 GB/s here).
# Prints MB/s per wall-clock second and per CPU second (user + system) and the
# ratios (> 1: extraction is faster). Each is run RUNS times (default 3); the
# best run is kept. On a shared machine the CPU figure is the one to compare;
# the wall figure is what a user waits for.
set -euo pipefail
cd "$(dirname "$0")/../.."

mb="${CORPUS_MB:-64}"
runs="${RUNS:-3}"
build=build/bench
corpus="$build/linker-corpus-${mb}mb.txt"

if [ ! -f "$build/build.ninja" ]; then cmake --preset bench -B "$build" >/dev/null; fi
cmake --build "$build" --target linker_bench -- -j"${BENCH_JOBS:-2}" >/dev/null
bench="$build/bench/linker/linker_bench"
[ -f "$corpus" ] || "$bench" generate "$corpus" "$mb"
bytes=$(stat -c %s "$corpus")
cat "$corpus" >/dev/null  # into the page cache for both

# best "<wall> <cpu>" of `runs` runs of the command, in seconds
best() {
  local best_wall="" best_cpu="" out
  for _ in $(seq "$runs"); do
    out=$( { TIMEFORMAT='%R %U %S'; time "$@" >"$build/bench-out.txt"; } 2>&1 | tail -n 1)
    read -r wall user sys <<<"$out"
    cpu=$(awk "BEGIN{print $user + $sys}")
    if [ -z "$best_cpu" ] || awk "BEGIN{exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; fi
  done
  echo "$best_wall $best_cpu"
}

grep_urls() { LC_ALL=C grep -oE 'https?://[^[:space:]<>]+' "$1"; }

jobs="${JOBS:-$(nproc)}"
summary=$("$bench" extract "$corpus")
grep_urls "$corpus" >"$build/bench-out.txt"
urls=$(wc -l <"$build/bench-out.txt")
read -r extract_wall extract_cpu <<<"$(best "$bench" extract "$corpus" 1)"
read -r par_wall par_cpu <<<"$(best "$bench" extract "$corpus" "$jobs")"
read -r grep_wall grep_cpu <<<"$(best grep_urls "$corpus")"
rm -f "$build/bench-out.txt"

awk -v bytes="$bytes" -v ew="$extract_wall" -v ec="$extract_cpu" -v gw="$grep_wall" \
    -v gc="$grep_cpu" -v pw="$par_wall" -v pc="$par_cpu" -v jobs="$jobs" \
    -v urls="$urls" -v summary="$summary" '
BEGIN {
  mb = bytes / 1e6
  printf "corpus:        %s bytes (%s)\n", bytes, summary
  printf "extraction:    %7.1f MB/s wall  %7.1f MB/s CPU  (1 thread)\n", mb / ew, mb / ec
  printf "extraction:    %7.1f MB/s wall  %7.1f MB/s CPU  (%d threads)\n", mb / pw, mb / pc, jobs
  printf "grep -oE:      %7.1f MB/s wall  %7.1f MB/s CPU  (%d URLs)\n", mb / gw, mb / gc, urls
  printf "ratio:         %7.3f wall       %7.3f CPU  (extraction, 1 thread / grep)\n", gw / ew, gc / ec
  printf "ratio:         %7.3f wall                    (extraction, %d threads / grep)\n", gw / pw, jobs
}'
