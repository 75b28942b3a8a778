#!/bin/sh
# dsm-truth.sh — synolint's DSM rules on the live fake NAS: `synolint scan
# --local --only 'DSM-*'` run as root inside each lab host's namespace, so
# the collector asks the stub DSM tools (synowebapi, synosystemctl /
# synoservicectl, synoacltool) and reads the real listeners. Checks, per
# scenario, the findings DSM 6 and DSM 7 boxes must produce, a box whose
# web API fails ("could not check", never a pass) and the hardened box (no
# DSM finding). Needs root and $SL_SYNOLINT (exit 77 = skipped).
set -u
LAB_DIR=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
lab() { sh "$LAB_DIR/lab.sh" "$@"; }
[ "$(id -u)" -eq 0 ] || { echo "skip: the lab needs root"; exit 77; }
for c in unshare nsenter ssh-keygen ss /usr/sbin/sshd; do
	command -v "$c" >/dev/null 2>&1 || { echo "skip: needs $c"; exit 77; }
done
SYN=${SL_SYNOLINT:-}
if [ -z "$SYN" ] || [ ! -x "$SYN" ]; then
	echo "skip: SL_SYNOLINT not set to the synolint binary"
	exit 77
fi
SYN=$(cd -P -- "$(dirname -- "$SYN")" && pwd -P)/$(basename -- "$SYN")

T=$(mktemp -d "${TMPDIR:-/tmp}/sl-lab-dsm.XXXXXX") || exit 1
S=$T/lab
trap 'lab down --state "$S" >/dev/null 2>&1; rm -rf -- "$T"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; sed 's/^/    /' "$2"; }

if ! lab up --state "$S" dsm-default hardened dsm7-lax webapi-broken \
    >"$T/up.out" 2>&1; then
	sed 's/^/    /' "$T/up.out"
	echo "0 passed, 1 failed"
	exit 1
fi

# scan HOST PROFILE: the DSM findings of HOST, all verdicts listed.
scan() {
	nsenter -t "$(cat "$S/hosts/$1/pid")" -m -- "$SYN" scan --local \
	    --only 'DSM-*' --all --color never --profile "$2" \
	    >"$T/$1.out" 2>&1
	echo "exit $?" >>"$T/$1.out"
}
# want HOST PATTERN WHAT: a line of HOST's report matches PATTERN.
want() {
	if grep -q -- "$2" "$T/$1.out"; then ok "$1: $3"; else bad "$1: $3" "$T/$1.out"; fi
}
wantnot() {
	if grep -q -- "$2" "$T/$1.out"; then bad "$1: $3" "$T/$1.out"; else ok "$1: $3"; fi
}

# shellcheck disable=SC2013 # host names are single words
for h in $(cat "$S/hostlist"); do
	scan "$h" internet
	case $(cat "$S/hosts/$h/scenario") in
	dsm-default)	# DSM 6.2.3 factory: synoservicectl, synoacltool
		want "$h" 'high     DSM-001' "DSM 6: Auto Block off (from the web API)"
		want "$h" 'problem:  Auto Block is off (synowebapi' "Auto Block read through synowebapi"
		want "$h" 'DSM-003 host: telnet is off (synowebapi' "Telnet off from the Terminal API"
		want "$h" 'DSM-012' "DSM 6 with OpenSSH 7.4 flagged"
		want "$h" 'DSM-005' "admin enabled (shadow read as root)"
		want "$h" "DSM-007 file:/var/services/homes/admin: .*synoacltool" "home ACL listed by synoacltool"
		want "$h" '^exit 1$' "exit 1"
		;;
	hardened)	# DSM 7.2.2: synosystemctl, web API agrees
		wantnot "$h" '^  \(info\|low\|medium\|high\|critical\) ' "no DSM finding"
		want "$h" 'DSM-001 host: Auto Block is on: 10 failed attempts within 5 minutes, blocks expire after 30 days, 0 allow-list entries (synowebapi' "Auto Block through the web API, allow list counted"
		want "$h" 'DSM-011 host: SSH is on in DSM' "SSH switch read"
		want "$h" "DSM-004 host: DSM's SSH port is 2222 (synowebapi" "port from the Terminal API"
		want "$h" '^exit 0$' "exit 0"
		;;
	dsm7-lax)
		want "$h" 'critical DSM-003' "Telnet on (DSM 7 Terminal API)"
		want "$h" 'high     DSM-001' "Auto Block off"
		want "$h" 'high     DSM-004' "port 22 is high for internet"
		scan "$h" home
		want "$h" 'low      DSM-004' "port 22 is low for home"
		;;
	webapi-broken)
		want "$h" 'DSM-001 host: could not check Auto Block: synowebapi answered with an error, and /etc/synoinfo.conf has no autoblock_\* keys' "Auto Block: could not check, with the reason"
		want "$h" 'DSM-003 host: telnet is off (/proc/net/tcp: nothing listens on port 23)' "Telnet: without the API, from the listeners"
		wantnot "$h" 'DSM-001 host: Auto Block is on' "never a silent pass"
		;;
	esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
