#!/bin/sh
# bench/memory.sh — peak memory (maximum RSS, /usr/bin/time -v) of one
# `synolint scan --bundle` for a normal host and for a maximal host: every
# resource cap of linter/sl_limits.h at (or just under) its limit at once —
# a 64 MiB bundle, files of 16 MiB, 100,000 authorized keys in one file, a
# 199,000-line sshd_config (60,000 directives, 19,900 Match blocks) and 300
# users (users x directives just under SL_MAX_USER_DIRECTIVES). With
# --lab, also a scan of one lab host over SSH (needs root and the lab lock:
# flock /tmp/synolint-lab.lock bench/memory.sh --lab).
# Copy the output into bench/RESULTS.md.
# Usage: bench/memory.sh [--lab]   (builds ./build-bench in Release mode)
# shellcheck disable=SC2086 # $R holds several options
set -eu
cd "$(dirname "$0")/.."
B=build-bench
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release -DSL_TESTS=OFF >/dev/null
cmake --build "$B" -j2 >/dev/null
SL=$PWD/$B/synolint
T=$(mktemp -d /tmp/slmem.XXXXXX)
S=$T/lab
cleanup() {
	[ -d "$S" ] && sh tests/lab/lab.sh down --state "$S" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

# measure LABEL ARGS...: one scan (reports: JUnit and JSON), its peak RSS.
measure() {
	label=$1; shift
	/usr/bin/time -v -o "$T/time" "$SL" scan "$@" --report "junit:$T/out.xml" \
	    --report "json:$T/out.json" >/dev/null 2>"$T/err" || :
	rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$T/time")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$T/time")
	st=$(awk -F': ' '/Exit status/ { print $2 }' "$T/time")
	cases=$(grep -c '<testcase' "$T/out.xml" || :)
	printf '%-34s peak RSS %7d KiB  wall %s  exit %s  %s test cases\n' \
	    "$label" "$rss" "$wall" "$st" "$cases"
}

echo "host: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
python3 bench/gen_bundle.py "$T/normal.bundle" --keys 20 --config-lines 150 --users 10
python3 bench/gen_bundle.py "$T/max.bundle" --keys 100000 --config-lines 199000 \
    --users 300 --pad-to 66000000
for b in normal max; do
	echo "$b.bundle: $(wc -c <"$T/$b.bundle") bytes, $(grep -a -c '^stat	\|^file	\|^link	\|^meta	' "$T/$b.bundle") records"
done
measure "example seed-remote.bundle" --bundle examples/seed-remote.bundle
measure "normal (20 keys, 10 users)" --bundle "$T/normal.bundle"
measure "maximal (every cap at its limit)" --bundle "$T/max.bundle"
measure "maximal, KEY rules skipped" --bundle "$T/max.bundle" --skip 'KEY-*'
measure "maximal + normal in one run" --bundle "$T/max.bundle" --bundle "$T/normal.bundle"

if [ "${1:-}" = --lab ]; then
	[ "$(id -u)" -eq 0 ] || { echo "--lab needs root"; exit 77; }
	sh tests/lab/lab.sh up --state "$S" seed-remote hardened >"$T/up.log" 2>&1 ||
		{ cat "$T/up.log"; exit 1; }
	R="-F $S/ssh_config --known-hosts $S/known_hosts"
	measure "lab: seed-remote over SSH" $R nas1
	measure "lab: 2 hosts over SSH" $R nas1 nas2
fi
