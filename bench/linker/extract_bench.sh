#!/usr/bin/env bash
# Extraction throughput beside grep (issue 7). Builds linker_bench with the
# `bench` preset (build/bench), generates a corpus of footnoted reports in the
# six UN languages (default 64 MB: CORPUS_MB), then on the same file:
#   - linker_bench extract: DocumentFromBytes + ExtractCitations (URLs,
#     footnotes, time phrases, dates, meeting numbers, bodies, symbols);
#   - grep -oE 'https?://[^[:space:]<>]+' (URLs only, C locale: grep's fastest);
# and prints both in MB/s and their ratio (> 1: extraction is faster).
# Each is run RUNS times (default 3); the best run is kept. MB/s are given per
# wall-clock second and per CPU second (user + system): on a shared machine
# the CPU figure is the one to compare.
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
    out=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null; } 2>&1 | tail -n 1)
    read -r wall user sys <<<"$out"
    cpu=$(awk "BEGIN{print $user + $sys}")
    if [ -z "$best_cpu" ] || awk "BEGIN{exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; fi
  done
  echo "$best_wall $best_cpu"
}

grep_urls() { LC_ALL=C grep -oE 'https?://[^[:space:]<>]+' "$1"; }

summary=$("$bench" extract "$corpus")
urls=$(grep_urls "$corpus" | wc -l)
read -r extract_wall extract_cpu <<<"$(best "$bench" extract "$corpus")"
read -r grep_wall grep_cpu <<<"$(best grep_urls "$corpus")"

awk -v bytes="$bytes" -v ew="$extract_wall" -v ec="$extract_cpu" -v gw="$grep_wall" \
    -v gc="$grep_cpu" -v urls="$urls" -v summary="$summary" '
BEGIN {
  mb = bytes / 1e6
  printf "corpus:      %s bytes (%s)\n", bytes, summary
  printf "extraction:  %7.1f MB/s wall  %7.1f MB/s CPU\n", mb / ew, mb / ec
  printf "grep -oE:    %7.1f MB/s wall  %7.1f MB/s CPU  (%d URLs)\n", mb / gw, mb / gc, urls
  printf "ratio:       %7.3f wall       %7.3f CPU  (extraction / grep)\n", gw / ew, gc / ec
}'
