#!/usr/bin/env bash
# Installs every build and test dependency of timecite from Debian 12 packages.
# Idempotent: packages already present are left alone. Run as root (or with sudo);
# when it cannot install, it prints the exact command to run and exits 1.
#
# Usage: scripts/install-deps.sh [--bench]
#   --bench  also what the comparison benchmarks need and CI does not:
#            linkchecker (bench/verify/linkchecker_bench.sh).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  librocksdb-dev libzstd-dev
  libcurl4-openssl-dev libssl-dev
  libpugixml-dev libgumbo-dev
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  iso-codes openssl python3
  libzip-dev libpoppler-cpp-dev libpoppler-glib-dev qpdf libcairo2-dev fonts-dejavu-core clang libclang-rt-14-dev
  libcpp-httplib-dev wget2 time
  libmimalloc-dev
  chromium
  help2man dpkg-dev lintian man-db
  libxapian-dev libsqlite3-dev
  redis-server libhiredis-dev
)
for arg in "$@"; do
  case "$arg" in
    --bench) PACKAGES+=(linkchecker strace) ;;
    *) echo "install-deps: unknown option $arg (usage: $0 [--bench])" >&2; exit 3 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo env DEBIAN_FRONTEND=noninteractive $cmd
    exit $?
  fi
  echo "install-deps: not root; run this, then build again:" >&2
  echo "  sudo apt-get update && sudo $cmd" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive $cmd
