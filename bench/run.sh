#!/bin/sh
# bench/run.sh — parse+evaluate benchmark: a synthetic bundle with 10,000
# authorized keys and a 2,000-line sshd_config, scanned offline. Prints wall
# time (best of N runs), user+sys CPU, peak RSS and instruction count, and
# appends nothing by itself: copy the output into bench/RESULTS.md.
# Usage: bench/run.sh [RUNS]   (builds ./build-bench in Release mode)
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-5}
B=build-bench
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release -DSL_TESTS=OFF >/dev/null
cmake --build "$B" -j2 >/dev/null
T=$(mktemp -d /tmp/slbench.XXXXXX)
trap 'rm -rf "$T"' EXIT
python3 bench/gen_bundle.py "$T/big.bundle" --keys 10000 --config-lines 2000
SL=$B/synolint
echo "bundle: $(wc -c <"$T/big.bundle") bytes, 10000 authorized keys, 2000-line sshd_config, 50 users"
echo "host: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
best=""
i=0
while [ "$i" -lt "$RUNS" ]; do
	/usr/bin/time -f '%e %U %S %M' -o "$T/time" "$SL" scan --bundle "$T/big.bundle" \
	    --report "junit:$T/out.xml" --report "text:$T/out.txt" >/dev/null 2>&1 || true
	# the last line: /usr/bin/time first notes a non-zero exit (findings)
	set -- $(tail -n 1 "$T/time")
	wall=$1 user=$2 sys=$3 rss=$4
	echo "run $i: wall ${wall}s user ${user}s sys ${sys}s peak RSS ${rss} KiB"
	if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$wall; fi
	i=$((i + 1))
done
echo "best wall: ${best}s"
echo "findings: $(grep -c '<testcase' "$T/out.xml") test cases in the JUnit report"
if command -v valgrind >/dev/null; then
	valgrind --tool=callgrind --callgrind-out-file="$T/cg" "$SL" scan --bundle "$T/big.bundle" \
	    --report "junit:$T/out2.xml" >/dev/null 2>"$T/cg.err" || true
	echo "instructions (callgrind): $(grep -o 'Collected : [0-9]*' "$T/cg.err" | grep -o '[0-9]*')"
fi
