#!/usr/bin/env bash
# `cmake --install` into a scratch DESTDIR with a non-default prefix: every
# file where a Debian package puts it (cmake/Install.cmake), the systemd
# service naming <prefix>/bin/timecite, a manual page per subcommand, and the
# installed binary running the installed example offline (exit 2: its
# defects are on purpose).
# Usage: install_tree_test.sh BUILD_DIR   (ctest runs it after the build)
set -euo pipefail
build=$1
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fail() { echo "install_tree_test: $*" >&2; exit 1; }
prefix=/opt/tc
DESTDIR="$root" cmake --install "$build" --prefix "$prefix" >/dev/null
p="$root$prefix"
for f in bin/timecite \
    lib/systemd/system/timecite-recheck.service lib/systemd/system/timecite-recheck.timer \
    lib/systemd/user/timecite-recheck.service lib/systemd/user/timecite-recheck.timer \
    share/man/man1/timecite.1.gz share/man/man5/timecite.toml.5.gz \
    share/doc/timecite/copyright share/doc/timecite/changelog.gz \
    share/doc/timecite/examples/timecite.toml share/doc/timecite/examples/un-update-example.md \
    share/doc/timecite/examples/profiles/webtv-asset.toml \
    share/doc/timecite/examples/profiles/webtv-schedule.toml \
    share/bash-completion/completions/timecite share/zsh/vendor-completions/_timecite; do
  [[ -f $p/$f ]] || fail "missing $prefix/$f"
done
# Nothing outside the prefix, and no test tool.
[[ $(ls "$root") == opt ]] || fail "files outside the prefix: $(ls "$root")"
[[ ! -e $p/bin/timecite-replica ]] || fail "timecite-replica was installed"
# One page per subcommand that --help lists.
subs=$("$p/bin/timecite" --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
[[ $(wc -w <<<"$subs") -ge 9 ]] || fail "subcommands read from --help: '$subs'"
for s in $subs; do
  [[ -f $p/share/man/man1/timecite-$s.1.gz ]] || fail "no timecite-$s(1)"
done
n_pages=$(ls "$p/share/man/man1" | wc -l)
[[ $n_pages == $(( $(wc -w <<<"$subs") + 1 )) ]] || fail "$n_pages pages in man1 for: $subs"
# A page carries its subcommand's --help text.
zcat "$p/share/man/man1/timecite-check.1.gz" | grep -q -- 'offline' || fail "timecite-check(1) lacks --offline"
zcat "$p/share/man/man1/timecite-check.1.gz" | grep -q '^\.TH TIMECITE-CHECK "1"' ||
  fail "timecite-check(1) has no .TH TIMECITE-CHECK line"
# The service runs the installed binary, unedited.
grep -qx "ExecStart=$prefix/bin/timecite --wait 600 --db %h/.local/share/timecite recheck --format json -o %S/timecite/recheck.json" \
  "$p/lib/systemd/system/timecite-recheck.service" || fail "ExecStart does not name $prefix/bin/timecite"
cmp -s "$p/lib/systemd/system/timecite-recheck.service" "$p/lib/systemd/user/timecite-recheck.service" ||
  fail "the system and user services differ"
# The installed binary on the installed example.
set +e
"$p/bin/timecite" check --offline --no-db "$p/share/doc/timecite/examples/un-update-example.md" >"$root/out" 2>&1
rc=$?
set -e
[[ $rc == 2 ]] || { cat "$root/out" >&2; fail "check --offline on the installed example exited $rc"; }
grep -q '\[asset-id-malformed\]' "$root/out" || fail "the example's asset-id-malformed is not reported"
# The installed example configuration is one timecite accepts.
"$p/bin/timecite" check --offline --no-db --config "$p/share/doc/timecite/examples/timecite.toml" \
  "$p/share/doc/timecite/examples/un-update-example.md" >/dev/null 2>&1 || [[ $? == 2 ]] ||
  fail "the installed timecite.toml is refused"
echo "install_tree_test: $(find "$p" -type f | wc -l) files under $prefix"
