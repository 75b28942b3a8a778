#!/bin/sh
# reproduce.sh — the committed rule fixtures are exactly what
# make-fixtures.py writes: regenerate into a temporary directory and compare
# every rule directory byte for byte (also catches stale or extra files).
set -eu
src=${SL_SOURCE_DIR:?SL_SOURCE_DIR not set}/tests/rules
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d /tmp/slrules.XXXXXX)
trap 'rm -rf -- "$tmp"' EXIT INT TERM
"$py" "$src/make-fixtures.py" "$tmp"
status=0
for id in $( (cd "$src" && ls -d -- */; cd "$tmp" && ls -d -- */) | tr -d / |
    sort -u); do
	if ! diff -r -- "$src/$id" "$tmp/$id" >"$tmp.diff" 2>&1; then
		echo "tests/rules/$id differs from make-fixtures.py output:" >&2
		head -n 40 "$tmp.diff" >&2
		status=1
	fi
done
rm -f -- "$tmp.diff"
[ "$status" -eq 0 ] && echo "rule fixtures reproduce byte for byte"
exit "$status"
