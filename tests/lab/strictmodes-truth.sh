#!/bin/sh
# strictmodes-truth.sh — synolint's StrictModes verdict (rule HOME-001,
# "breaks key login today") against the ground truth of a real sshd: on each
# fake NAS of the lab, `synolint scan --local --only HOME-001` run as root
# inside the host's namespace must fail exactly when the real sshd refuses
# the lab key of the host's test user. Needs root, the lab's tools and
# $SL_SYNOLINT (exit 77 = skipped). Prints "N passed, M failed".
set -u
LAB_DIR=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
lab() { sh "$LAB_DIR/lab.sh" "$@"; }
[ "$(id -u)" -eq 0 ] || { echo "skip: the lab needs root"; exit 77; }
for c in unshare nsenter ssh ssh-keygen ss /usr/sbin/sshd; do
	command -v "$c" >/dev/null 2>&1 || { echo "skip: needs $c"; exit 77; }
done
SYN=${SL_SYNOLINT:-}
if [ -z "$SYN" ] || [ ! -x "$SYN" ]; then
	echo "skip: SL_SYNOLINT not set to the synolint binary"
	exit 77
fi
SYN=$(cd -P -- "$(dirname -- "$SYN")" && pwd -P)/$(basename -- "$SYN")

T=$(mktemp -d "${TMPDIR:-/tmp}/sl-lab-truth.XXXXXX") || exit 1
S=$T/lab
trap 'lab down --state "$S" >/dev/null 2>&1; rm -rf -- "$T"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
if ! lab up --state "$S" seed-local seed-remote dsm-default hardened broken-acl \
    >"$T/up.out" 2>&1; then
	sed 's/^/    /' "$T/up.out"
	echo "0 passed, 1 failed"
	exit 1
fi
# shellcheck disable=SC2013 # host names are single words
for h in $(cat "$S/hostlist"); do
	sc=$(cat "$S/hosts/$h/scenario")
	u=$(cat "$S/hosts/$h/user")
	if timeout 20 ssh -F "$S/ssh_config" "$h" true >/dev/null 2>&1; then
		real=accepted
	else
		real=refused
	fi
	nsenter -t "$(cat "$S/hosts/$h/pid")" -m -- "$SYN" scan --local \
	    --only HOME-001 --color never >"$T/$h.out" 2>&1
	rc=$?
	case $rc in
	0) said=accepted ;;
	1) said=refused ;;
	*) said="error (exit $rc)" ;;
	esac
	if [ "$real" = "$said" ]; then
		passed=$((passed + 1))
		echo "ok   $h ($sc): sshd and synolint agree: $u's key is $real"
	else
		failed=$((failed + 1))
		echo "FAIL $h ($sc): sshd says $real, synolint says $said"
		sed 's/^/    /' "$T/$h.out"
		grep -i 'refused\|ownership' "$S/hosts/$h/sshd.log" | sed 's/^/    sshd: /'
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
