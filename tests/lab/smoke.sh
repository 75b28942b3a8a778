#!/bin/sh
# smoke.sh — the lab itself works: real sshd per fake NAS sees only its DSM
# tree, key login works where StrictModes allows it and is refused (with
# sshd's own "bad ownership or modes") where it does not, the stub DSM tools
# answer and reload, hostile hosts misbehave as asked, a failed `up` leaves
# nothing, and `down` leaves no process, mount, mount point or state behind.
# The host's /etc/ssh and /etc/passwd are checked unchanged.
# Needs root, unshare, sshd, ssh (exit 77 = skipped). Prints "N passed, M failed".
# shellcheck disable=SC2016 # remote commands and eval'd checks in '...'
set -u
LAB_DIR=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
lab() { sh "$LAB_DIR/lab.sh" "$@"; }
[ "$(id -u)" -eq 0 ] || { echo "skip: the lab needs root"; exit 77; }
for c in unshare nsenter ssh ssh-keygen ss findmnt /usr/sbin/sshd; do
	command -v "$c" >/dev/null 2>&1 || { echo "skip: needs $c"; exit 77; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/sl-lab-smoke.XXXXXX") || exit 1
S=$T/lab
cleanup() {
	lab down --state "$S" >/dev/null 2>&1
	lab down --state "$T/bad" >/dev/null 2>&1
	rm -rf -- "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
ko() { failed=$((failed + 1)); echo "FAIL $*"; }
check() {	# check DESCRIPTION COMMAND...
	d=$1
	shift
	if "$@"; then ok "$d"; else ko "$d"; fi
}

etc_sum() {
	{ find /etc/ssh -exec ls -ld --time-style=full-iso {} + 2>/dev/null
	  find /etc/ssh /etc/passwd /etc/group /etc/shadow -type f -exec sha256sum {} + 2>/dev/null
	} | sort | sha256sum
}
lab_mounts() {	# any mount of ours visible on the host?
	findmnt -rn -o TARGET,SOURCE | grep -E "^/(volume1|var/services|etc\.defaults|usr/syno)|$T" 
}
exists_before=
for p in /var/services /volume1 /etc.defaults /usr/syno /usr/syno/bin /etc/synoinfo.conf; do
	[ -e "$p" ] && exists_before="$exists_before $p"
done
sum_before=$(etc_sum)
SSH() { timeout 20 ssh -F "$S/ssh_config" "$@"; }
hv() { cat "$S/hosts/$1/$2"; }
in_ns() {	# in_ns HOST CMD... — as root in the host's mount namespace
	h=$1
	shift
	nsenter -t "$(hv "$h" pid)" -m -- "$@"
}

# ---------------------------------------------------------------- up
t0=$(date +%s)
if lab up --state "$S" seed-local seed-remote dsm-default hardened broken-acl \
    unreachable hostile:truncated hostile:hang >"$T/up.out" 2>&1; then
	ok "lab up (8 hosts, $(($(date +%s) - t0)) s)"
else
	ko "lab up"
	sed 's/^/    /' "$T/up.out"
	echo "$passed passed, $((failed + 1)) failed"
	exit 1
fi
check "status: every host healthy" lab status --state "$S" >/dev/null
pids=
for h in nas1 nas2 nas3 nas4 nas5 nas7 nas8; do pids="$pids $(hv $h pid)"; done

# ------------------------------------------------- the fake trees, logins
# login HOST USER VERSION HOMELINE — key login shows the fake tree.
login() {
	out=$(SSH "$1" 'hostname; id -un; cat /etc.defaults/VERSION; ls -ld /var/services/homes/ /var/services/homes/$(id -un)' 2>&1)
	if printf '%s\n' "$out" | grep -qx "$1" &&
	    printf '%s\n' "$out" | grep -qx "$2" &&
	    printf '%s\n' "$out" | grep -qx "productversion=\"$3\"" &&
	    printf '%s\n' "$out" | grep -qE "$4"; then
		ok "$1: key login as $2 sees DSM $3 and its homes"
	else
		ko "$1: key login as $2 sees DSM $3 and its homes"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
}
login nas1 admin 6.2.3 '^drwxr-xr-x .* admin +users .*/var/services/homes/admin$'
login nas2 admin 6.2.3 '^drwx--x--x .* admin +users .*/var/services/homes/admin$'
login nas4 ops 7.2.2 '^drwx------ .* ops +users .*/var/services/homes/ops$'
out=$(SSH nas4 'ls -ld /var/services/homes/' 2>&1)
check "nas4: the hardened homes tree is 0711" eval 'printf "%s" "$out" | grep -Eq "^drwx--x--x .* root +root "'

# refused HOST — StrictModes refuses the key; sshd says why.
refused() {
	out=$(SSH "$1" true 2>&1)
	rc=$?
	if [ "$rc" -eq 255 ] && printf '%s' "$out" | grep -q 'Permission denied'; then
		ok "$1: key login refused"
	else
		ko "$1: key login refused (rc=$rc: $out)"
	fi
	check "$1: sshd logs 'bad ownership or modes' for /volume1/homes/admin" \
	    grep -q 'Authentication refused: bad ownership or modes for directory /volume1/homes/admin' \
	    "$S/hosts/$1/sshd.log"
	v=$(in_ns "$1" cat /etc.defaults/VERSION 2>&1)
	l=$(in_ns "$1" ls -ld /var/services/homes/admin/ 2>&1)
	if printf '%s\n' "$v" | grep -qx 'productversion="6.2.3"' &&
	    printf '%s\n' "$l" | grep -Eq "^drwxrwxrwx$2 "; then
		ok "$1: its namespace holds the fake tree (home 0777$2)"
	else
		ko "$1: its namespace holds the fake tree: $v / $l"
	fi
}
refused nas3 '\+?'
refused nas5 '\+'

check "nas3: the host itself has no /etc.defaults/VERSION" test ! -e /etc.defaults/VERSION

# ---------------------------------------------------------- stub DSM tools
out=$(SSH nas1 'synoacltool -get /var/services/homes/admin; echo "rc=$?"' 2>&1)
case $out in
*"It's Linux mode"*rc=255) ok "nas1: synoacltool -get: It's Linux mode, exit 255" ;;
*) ko "nas1: synoacltool -get: $out" ;;
esac
out=$(in_ns nas5 /usr/syno/bin/synoacltool -get /var/services/homes/admin 2>&1)
case $out in
"ACL version: 1"*"group:administrators:allow:"*) ok "nas5: synoacltool -get lists an ACL" ;;
*) ko "nas5: synoacltool -get: $out" ;;
esac
out=$(SSH nas4 'synowebapi --exec api=SYNO.Core.Security.AutoBlock method=get version=1;
    synowebapi --exec api=SYNO.Core.Terminal method=get version=3' 2>&1)
if printf '%s' "$out" | grep -q '"attempts":10,"enable":true,"expire_day":30,"within_mins":5' &&
    printf '%s' "$out" | grep -q '"ssh_port":2222'; then
	ok "nas4: synowebapi answers AutoBlock and Terminal from synoinfo.conf"
else
	ko "nas4: synowebapi: $out"
fi
out=$(SSH nas1 'synowebapi --exec api=SYNO.Core.Security.AutoBlock method=get version=1' 2>&1)
check "nas1: synowebapi says Auto Block is off" \
    test "$out" = '{"data":{"attempts":0,"enable":false,"expire_day":0,"within_mins":0},"success":true}'

# Reload the DSM way: same PID, a new listener, the new config in force.
p2=$(hv nas2 pid)
# A Banner line before the first Match, written the fixer's way (temp file
# in the same directory, rename).
in_ns nas2 sh -c 'awk '\''!d && /^Match/ { print "Banner /etc.defaults/VERSION"; d = 1 } { print }'\'' /etc/ssh/sshd_config >/etc/ssh/sshd_config.lab && mv /etc/ssh/sshd_config.lab /etc/ssh/sshd_config'
if in_ns nas2 /usr/syno/bin/synoservicectl --reload sshd; then
	ok "nas2: synoservicectl --reload sshd succeeds"
else
	ko "nas2: synoservicectl --reload sshd"
fi
check "nas2: sshd keeps its PID across the reload" test "$(cat "/proc/$p2/comm" 2>/dev/null)" = sshd
out=$(SSH -o LogLevel=INFO nas2 true 2>&1)
case $out in
*'productversion="6.2.3"'*) ok "nas2: the reloaded sshd uses the new config (Banner)" ;;
*) ko "nas2: after reload: $out" ;;
esac
if in_ns nas4 /usr/syno/bin/synosystemctl restart sshd.service &&
    SSH nas4 true; then
	ok "nas4: synosystemctl restart sshd.service, then a new login works"
else
	ko "nas4: synosystemctl restart sshd.service"
fi

# --------------------------------------------------- unreachable, hostile
out=$(SSH nas6 true 2>&1)
case $out in
*"Connection refused"*) ok "nas6: unreachable (connection refused)" ;;
*) ko "nas6: unreachable: $out" ;;
esac
n=$(SSH nas7 'cat /etc/ssh/sshd_config' 2>/dev/null | wc -c)
check "nas7: hostile:truncated cuts the answer at 300 bytes (got $n)" test "$n" -eq 300
timeout 3 ssh -F "$S/ssh_config" nas8 true >/dev/null 2>&1
check "nas8: hostile:hang never answers (killed by timeout)" test "$?" -eq 124

# ------------------------------------------------------------ idempotent
lab up --state "$S" seed-local >"$T/up2.out" 2>&1
rc=$?
pids2=
for h in nas1 nas2 nas3 nas4 nas5 nas7 nas8; do pids2="$pids2 $(hv $h pid)"; done
if [ "$rc" -eq 0 ] && [ "$pids" = "$pids2" ] && grep -q 'already up' "$T/up2.out"; then
	ok "a second up starts nothing"
else
	ko "a second up starts nothing (rc=$rc)"
fi
check "no lab mount is visible on the host" eval '[ -z "$(lab_mounts)" ]'

# ------------------------------------------------------------ down
if lab down --state "$S" >"$T/down.out" 2>&1; then
	ok "lab down"
else
	ko "lab down"
	sed 's/^/    /' "$T/down.out"
fi
alive=
for p in $pids; do
	st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$p/status" 2>/dev/null)
	[ -n "$st" ] && [ "$st" != Z ] && alive="$alive $p"
done
check "no sshd of the lab survives (${alive:-none})" test -z "$alive"
left=$(pgrep -f 'ListenAddress=127\.0\.0\.' 2>/dev/null | while read -r p; do
	[ "$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$p/status" 2>/dev/null)" = Z ] || echo "$p"
done)
check "no process of the lab's namespaces survives (hang's sleep included)" test -z "$left"
check "the state directory is gone" test ! -e "$S"
check "no lab mount is visible on the host after down" eval '[ -z "$(lab_mounts)" ]'
after=
for p in /var/services /volume1 /etc.defaults /usr/syno /usr/syno/bin /etc/synoinfo.conf; do
	[ -e "$p" ] && after="$after $p"
done
check "the mount points the lab created are gone (before:${exists_before:- none}, after:${after:- none})" \
    test "$exists_before" = "$after"
check "down again is fine" lab down --state "$S" >/dev/null
check "the host's /etc/ssh, passwd, group, shadow are unchanged" test "$(etc_sum)" = "$sum_before"

# ---------------------------------------------- a failed up cleans up
env SL_LAB_SSHD=/bin/false sh "$LAB_DIR/lab.sh" up --state "$T/bad" --timeout 5 seed-local >"$T/bad.out" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'sshd exited before listening' "$T/bad.out" &&
    [ ! -e "$T/bad" ] && [ -z "$(lab_mounts)" ]; then
	ok "a failed up says why, exits 1 and leaves nothing"
else
	ko "a failed up (rc=$rc)"
	sed 's/^/    /' "$T/bad.out"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
