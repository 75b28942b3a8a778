#!/bin/sh
# bench/fleet.sh — the fleet benchmark: N lab hosts (default 32; real sshd
# in private mount namespaces on loopback, tests/lab/lab.sh), audited with
# `synolint scan --jobs J` (default 8), against the floor of simply opening
# an authenticated SSH session to every host with the same concurrency
# (`ssh HOST true` through xargs -P J). Prints wall time, CPU, peak RSS,
# hosts per second, the ratio to the floor, and the SSH sessions each host's
# sshd saw per scan (from the sshd logs: the round trips per host).
# Usage (as root): bench/fleet.sh [HOSTS] [JOBS] [RUNS]
set -eu
cd "$(dirname "$0")/.."
N=${1:-32}
J=${2:-8}
RUNS=${3:-3}
[ "$(id -u)" -eq 0 ] || { echo "fleet.sh: needs root (the lab)"; exit 77; }
SL=${SL_SYNOLINT:-}
if [ -z "$SL" ]; then
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DSL_TESTS=OFF >/dev/null
	cmake --build build-bench -j2 >/dev/null
	SL=build-bench/synolint
fi
S=$(mktemp -d /tmp/slfleet.XXXXXX)
rmdir "$S"
T=$(mktemp -d /tmp/slfleet-out.XXXXXX)
cleanup() { tests/lab/lab.sh down --state "$S" >/dev/null 2>&1 || true; rm -rf "$T"; }
trap cleanup EXIT INT TERM

# Hosts that accept the lab key: seed-remote and hardened alternate.
set --
i=0
while [ "$i" -lt "$N" ]; do
	if [ $((i % 2)) -eq 0 ]; then set -- "$@" seed-remote; else set -- "$@" hardened; fi
	i=$((i + 1))
done
tests/lab/lab.sh up --state "$S" "$@" >/dev/null
hosts=""
i=1
while [ "$i" -le "$N" ]; do hosts="$hosts nas$i"; i=$((i + 1)); done

sessions() {	# total "Accepted publickey" lines over all hosts' sshd logs
	cat "$S"/hosts/*/sshd.log 2>/dev/null | grep -c "Accepted publickey" || true
}
measure() {	# LABEL CMD...: best wall over RUNS, with CPU and RSS of that run
	label=$1; shift
	best=""; k=0
	while [ "$k" -lt "$RUNS" ]; do
		before=$(sessions)
		/usr/bin/time -f '%e %U %S %M' -o "$T/time" "$@" >/dev/null 2>"$T/err" || true
		after=$(sessions)
		read -r w u s m <<EOT
$(tail -n 1 "$T/time")
EOT
		if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN{exit !(a<b)}'; then
			best=$w; bu=$u; bs=$s; bm=$m
		fi
		per=$(awk -v a="$after" -v b="$before" -v n="$N" 'BEGIN{printf "%.2f", (a-b)/n}')
		k=$((k + 1))
	done
	echo "$label: best wall ${best}s (user ${bu}s sys ${bs}s, peak RSS ${bm} KiB), $per SSH sessions per host"
	eval "${label}_wall=$best"
}

echo "fleet: $N lab hosts, --jobs $J, best of $RUNS runs; $(nproc) cores, $(date -u +%Y-%m-%d)"
# shellcheck disable=SC2086
measure floor sh -c "printf '%s\n' $hosts | xargs -P $J -I{} ssh -F $S/ssh_config -o BatchMode=yes {} true"
# shellcheck disable=SC2086
measure synolint "$SL" scan -F "$S/ssh_config" --known-hosts "$S/known_hosts" --jobs "$J" \
    --timeout 30 --report "json:$T/fleet.json" $hosts
# Every host must have been scanned, or the figure means nothing. (The
# "could not check … needs --become" results of a non-root scan are normal.)
notscanned=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["hosts_not_scanned"])' "$T/fleet.json")
[ "$notscanned" = 0 ] || { echo "fleet.sh: $notscanned hosts could not be scanned: the run is invalid" >&2; exit 1; }
awk -v a="$synolint_wall" -v b="$floor_wall" -v n="$N" \
    'BEGIN{printf "hosts per second: %.1f; ratio to the floor: %.2fx (target <= 1.5x)\n", n/a, a/b}'
