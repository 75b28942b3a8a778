#!/bin/sh
# tests/fuzz/long-run.sh SECONDS [NAME...] — a longer libFuzzer campaign
# than CI's, with figures: runs tests/fuzz/run-fuzz.sh SECONDS for each
# target (every fuzz_NAME.c, or the NAMEs given) and prints one Markdown
# table row per target from libFuzzer's final stats in its log
# (tests/fuzz/corpus-run/NAME.log): executions, exec/s, cov and ft of the
# last status line, corpus size (units/bytes), crashers kept. Ready to paste
# into tests/fuzz/RESULTS.md. Exits as run-fuzz.sh does (1: a crash).
set -u

[ $# -ge 1 ] || { echo "usage: $0 SECONDS [NAME...]" >&2; exit 2; }
seconds=$1
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
fuzzdir=$top/tests/fuzz
rc=0
"$fuzzdir/run-fuzz.sh" "$seconds" "$@" || rc=$?
[ "$rc" -eq 2 ] && exit 2

if [ $# -gt 0 ]; then
	names=$*
else
	names=
	for src in "$fuzzdir"/fuzz_*.c; do
		n=${src##*/fuzz_}
		names="$names ${n%.c}"
	done
fi

echo "| target | seconds | executions | exec/s | cov | ft | corpus | crashes |"
echo "|---|---|---|---|---|---|---|---|"
for name in $names; do
	log=$fuzzdir/corpus-run/$name.log
	[ -f "$log" ] || continue
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	last=$(grep ' cov: ' "$log" | tail -n 1)
	cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(printf '%s\n' "$last" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
	crashes=0
	[ -d "$fuzzdir/corpus-run/$name-crashes" ] &&
	    crashes=$(ls -A "$fuzzdir/corpus-run/$name-crashes" | wc -l)
	echo "| $name | $seconds | ${execs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | $crashes |"
done
exit "$rc"
