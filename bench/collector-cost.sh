#!/bin/sh
# bench/collector-cost.sh — what one collector run costs on a lab host,
# independent of how loaded the machine is: the processes it execs (strace
# -f, execve calls) and its CPU time (user+sys of the collector and all it
# runs, /usr/bin/time), run over the lab's own SSH like synolint runs it
# (`sh -s -- --session ssh`, script on stdin). Needs a running lab.
# Usage: bench/collector-cost.sh STATE_DIR HOST [COLLECTOR] [RUNS]
set -eu
S=$1
H=$2
C=${3:-$(dirname "$0")/../linter/collector.sh}
RUNS=${4:-5}
command -v strace >/dev/null || { echo "collector-cost: needs strace"; exit 77; }
ssh_h() { ssh -F "$S/ssh_config" -o BatchMode=yes "$H" "$@"; }
execs=$(ssh_h 'strace -f -qq -e trace=execve -e signal=none -o /dev/stderr sh -s -- --session ssh 2>&1 >/dev/null | grep -c "execve("' <"$C")
best=""
k=0
while [ "$k" -lt "$RUNS" ]; do
	cpu=$(ssh_h '/usr/bin/time -f "%U %S" -o /dev/stderr sh -s -- --session ssh 2>&1 >/dev/null | tail -n 1' <"$C" |
		awk '{ printf "%.2f", $1 + $2 }')
	if [ -z "$best" ] || awk -v a="$cpu" -v b="$best" 'BEGIN { exit !(a < b) }'; then
		best=$cpu
	fi
	k=$((k + 1))
done
echo "$H ($(cat "$S/hosts/$H/scenario" 2>/dev/null || echo '?')): $execs execs, best CPU ${best}s (user+sys, of $RUNS runs)"
