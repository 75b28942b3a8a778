#!/bin/sh
# deb.sh — `cpack -G DEB` builds synolint_*.deb; `apt-get install -y ./...deb`
# installs it with its Depends satisfied; the installed /usr/bin/synolint
# scans examples/seed-remote.bundle exactly as the build tree's binary does;
# `man synolint` and `man 5 synolint.rules` work; the completions and rules
# are in place; `apt-get remove` leaves no file behind.
# Needs root and apt; runs only when SL_TEST_PACKAGE=1 (it installs a
# system package), else exits 77 (skipped).
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
[ "${SL_TEST_PACKAGE:-0}" = 1 ] || { echo "SKIP: set SL_TEST_PACKAGE=1 to install the .deb"; exit 77; }
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root for apt-get"; exit 77; }
command -v apt-get >/dev/null && command -v cpack >/dev/null ||
	{ echo "SKIP: no apt-get or cpack"; exit 77; }
if dpkg-query -W -f='${Status}' synolint 2>/dev/null | grep -q 'ok installed' ||
    [ -e /usr/bin/synolint ]; then
	echo "SKIP: synolint is already installed on this machine; not touching it"; exit 77
fi
B=$SL_BINARY_DIR
remove_pkg() {
	DEBIAN_FRONTEND=noninteractive apt-get remove -y --purge synolint >"$T/remove.log" 2>&1
}
trap 'remove_pkg; rm -rf "$T"' EXIT INT TERM

rm -f "$B"/synolint_*.deb
(cd "$B" && cpack -G DEB) >"$T/cpack.log" 2>&1 && ok || { bad "cpack -G DEB"; cat "$T/cpack.log" >&2; finish; exit 1; }
deb=$(ls "$B"/synolint_*.deb)
[ -f "$deb" ] && ok || { bad "no .deb"; finish; exit 1; }
dpkg-deb -f "$deb" Package >"$T/f"; expect_grep '^synolint$' "$T/f" "package name"
dpkg-deb -f "$deb" Depends >"$T/f"
for d in libssh-4 libpcre2-8-0 libxml2 libjansson4 libssl3 libc6; do
	expect_grep "$d" "$T/f" "Depends names $d"
done
dpkg-deb -f "$deb" Maintainer Description >"$T/f"
expect_grep 'Maintainer: .*@' "$T/f" "maintainer"
expect_grep 'Synology' "$T/f" "description"

# The .deb's path must start with ./ or / for apt-get to read it as a file.
DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" >"$T/apt.log" 2>&1 && ok ||
	{ bad "apt-get install $deb"; tail -20 "$T/apt.log" >&2; finish; exit 1; }
dpkg-query -W -f='${Status}' synolint >"$T/f"; expect_grep 'install ok installed' "$T/f" "dpkg status"
[ -x /usr/bin/synolint ] && ok || bad "/usr/bin/synolint missing"

# The installed binary gives the build tree's result on the seed bundle.
cd "$SRC"
/usr/bin/synolint scan --bundle examples/seed-remote.bundle >"$T/inst.out" 2>"$T/inst.err"
rc_inst=$?
"$SL" scan --bundle examples/seed-remote.bundle >"$T/build.out" 2>/dev/null
rc_build=$?
[ "$rc_inst" -eq 1 ] && ok || { bad "installed scan: exit $rc_inst, want 1 (findings)"; cat "$T/inst.err" >&2; }
[ "$rc_inst" -eq "$rc_build" ] && ok || bad "installed exit $rc_inst != build exit $rc_build"
cmp -s "$T/inst.out" "$T/build.out" && ok || { bad "installed output differs"; diff "$T/build.out" "$T/inst.out" | head >&2; }
expect_grep 'summary: [0-9]* failed' "$T/inst.out" "installed scan summary"
/usr/bin/synolint --version >"$T/f" 2>&1; expect_grep '^libssh ' "$T/f" "installed --version"

# Manual pages through man's own search path.
[ "$(man -w synolint)" = /usr/share/man/man1/synolint.1 ] && ok || bad "man -w synolint: $(man -w synolint 2>&1)"
MANWIDTH=80 man synolint >"$T/man" 2>"$T/manerr" && ok || bad "man synolint failed"
expect_grep 'synolint - audit the SSH exposure' "$T/man" "man synolint NAME"
[ -s "$T/manerr" ] && { bad "man synolint warned"; cat "$T/manerr" >&2; } || ok
MANWIDTH=80 man 5 synolint.rules >"$T/man" 2>&1 && ok || bad "man 5 synolint.rules failed"
expect_grep 'rule files of synolint' "$T/man" "man 5 synolint.rules NAME"
for f in /usr/share/bash-completion/completions/synolint \
    /usr/share/zsh/site-functions/_synolint /usr/share/synolint/rules/sshd.rules; do
	[ -f "$f" ] && ok || bad "missing $f"
done

# Removal leaves nothing.
dpkg -L synolint | grep -v '/$' >"$T/files"
remove_pkg && ok || { bad "apt-get remove"; cat "$T/remove.log" >&2; }
dpkg-query -W -f='${Status}' synolint 2>/dev/null | grep -q 'ok installed' && bad "still installed" || ok
left=0
while read -r f; do [ -f "$f" ] && { left=1; bad "left behind: $f"; }; done <"$T/files"
[ "$left" -eq 0 ] && ok
[ -e /usr/share/synolint ] && bad "/usr/share/synolint left behind" || ok
finish
