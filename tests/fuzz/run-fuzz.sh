#!/bin/sh
# tests/fuzz/run-fuzz.sh [SECONDS] [NAME...] — bounded libFuzzer runs.
#
# Builds the clang fuzz tree in build-fuzz/ if needed (SL_FUZZ=ON: ASan +
# UBSan + libFuzzer), then fuzzes each target (every tests/fuzz/fuzz_NAME.c,
# or only the NAMEs given) for SECONDS (default 60) over a copy of its seed
# corpus, so tests/fuzz/corpus/ is never written to. New inputs land in
# tests/fuzz/corpus-run/NAME/, crashers in tests/fuzz/corpus-run/NAME-crashes/
# and are kept there. Exits 1 if any target crashed, timed out or ran out of
# memory; 2 on a usage or build error.
set -eu

usage() {
	echo "usage: $0 [SECONDS] [NAME...]" >&2
	exit 2
}

top=$(cd "$(dirname "$0")/../.." && pwd)
fuzzdir=$top/tests/fuzz
build=${SL_FUZZ_BUILD:-$top/build-fuzz}
seconds=60
if [ $# -gt 0 ]; then
	case $1 in
	''|*[!0-9]*) usage ;;
	esac
	seconds=$1
	shift
fi
[ "$seconds" -gt 0 ] || usage

if [ $# -gt 0 ]; then
	names=$*
else
	names=
	for src in "$fuzzdir"/fuzz_*.c; do
		[ -e "$src" ] || continue
		n=${src##*/fuzz_}
		names="$names ${n%.c}"
	done
fi
[ -n "$names" ] || { echo "run-fuzz: no fuzz targets" >&2; exit 2; }

if [ ! -f "$build/CMakeCache.txt" ]; then
	CC=clang cmake -S "$top" -B "$build" -DSL_FUZZ=ON -DSL_SANITIZE=ON \
	    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 2
fi
cmake --build "$build" -j2 --target fuzzers >/dev/null || exit 2

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

failed=
for name in $names; do
	bin=$build/tests/fuzz_$name
	seeds=$fuzzdir/corpus/$name
	work=$fuzzdir/corpus-run/$name
	crashes=$fuzzdir/corpus-run/$name-crashes
	if [ ! -x "$bin" ] || [ ! -d "$seeds" ]; then
		echo "run-fuzz: $name: no binary $bin or no corpus $seeds" >&2
		failed="$failed $name"
		continue
	fi
	rm -rf "$work"
	mkdir -p "$work" "$crashes"
	before=$(ls -A "$crashes" | wc -l)
	cp -p "$seeds"/* "$work"/ 2>/dev/null || true
	dict=
	[ -f "$fuzzdir/$name.dict" ] && dict=-dict=$fuzzdir/$name.dict
	echo "run-fuzz: $name for ${seconds}s" >&2
	rc=0
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$crashes/" $dict \
	    "$work" >"$fuzzdir/corpus-run/$name.log" 2>&1 || rc=$?
	tail -n 12 "$fuzzdir/corpus-run/$name.log" >&2
	after=$(ls -A "$crashes" | wc -l)
	if [ "$rc" -ne 0 ] || [ "$after" -ne "$before" ]; then
		echo "run-fuzz: $name FAILED (exit $rc); kept in $crashes:" >&2
		ls -l "$crashes" >&2
		echo "run-fuzz: full log: $fuzzdir/corpus-run/$name.log" >&2
		failed="$failed $name"
	elif [ "$after" -eq 0 ]; then
		rmdir "$crashes"
	fi
done

if [ -n "$failed" ]; then
	echo "run-fuzz: FAILED:$failed" >&2
	exit 1
fi
echo "run-fuzz: all targets ran ${seconds}s without a crash" >&2
exit 0
