#!/bin/sh
# roundtrip.sh — scanning a tree with --root and scanning the bundle that
# `capture --root` saved from it give the same findings.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "needs root to build trees with owners"; exit 77; }

for s in dsm-default seed-remote hardened; do
	sh "$SRC/examples/make-tree.sh" "$s" "$T/$s" >/dev/null 2>&1 || { bad "make-tree $s"; continue; }
	expect_exit 0 "capture $s" -- "$SL" capture --root "$T/$s" -o "$T/$s.bundle"
	"$SL" scan --root "$T/$s" --color never --all --report "junit:$T/$s.root.xml" >/dev/null 2>&1
	"$SL" scan --bundle "$T/$s.bundle" --color never --all --report "junit:$T/$s.bundle.xml" >/dev/null 2>&1
	# Host labels differ (directory vs bundle path); everything else must not.
	sed -e "s#$T/$s.bundle#HOST#g" -e "s#$T/$s#HOST#g" -e 's/time="[^"]*"//g' "$T/$s.root.xml" >"$T/a"
	sed -e "s#$T/$s.bundle#HOST#g" -e "s#$T/$s#HOST#g" -e 's/time="[^"]*"//g' "$T/$s.bundle.xml" >"$T/b"
	if cmp -s "$T/a" "$T/b"; then ok; else bad "$s: --root and --bundle reports differ"; diff "$T/a" "$T/b" | head -20 >&2; fi
	expect_grep "<testcase" "$T/a" "$s: report has test cases"
done
# capture never leaves a partial file behind when the target is bad.
expect_exit 3 "capture of a missing root" -- "$SL" capture --root "$T/none" -o "$T/none.bundle"
[ ! -e "$T/none.bundle" ] && ok || bad "partial bundle left behind"
ls "$T" | grep -q 'none.bundle.' && bad "temp file left behind" || ok
finish
