#!/bin/sh
# script-lab.sh — the --fix-script script on live fake NAS boxes of the lab
# (tests/lab): planned as root on the box (`scan --local` inside its mount
# and UTS namespace, so synowebapi and the service manager are DSM's stubs)
# and run there with sh. Checks, on DSM 6 (synoservicectl) and DSM 7
# (synosystemctl): sshd reloaded and a *new* key login works, Auto Block
# turned on through synowebapi, the fixed rules pass on a rescan, a second
# plan is empty, the rollback restores sshd_config and Auto Block and the
# login still works; a script made for one box refuses to run on another.
# Needs root and the lab (run under flock /tmp/synolint-lab.lock).
set -u
HERE=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
# shellcheck source=tests/fix/lablib.sh
. "$HERE/lablib.sh"
lab_test_init fix-lab

if ! lab up --state "$S" seed-remote dsm7-lax >"$T/up.out" 2>&1; then
	sed 's/^/    /' "$T/up.out"
	echo "0 passed, 1 failed"
	exit 1
fi

inside() {	# inside HOST CMD...: as root in HOST's mount and UTS namespace
	h=$1
	shift
	nsenter -t "$(cat "$S/hosts/$h/pid")" -m -u -- "$@"
}
login() {	# login HOST: a new key login works
	ssh -F "$S/ssh_config" -o BatchMode=yes -o ConnectTimeout=5 "$1" true \
	    >"$T/login.out" 2>&1
}
planned() {
	sed -n 's/^  fix     \([A-Z0-9-]*\) .*/\1/p' "$1" | sort -u
}

for h in nas1 nas2; do
	sc=$(cat "$S/hosts/$h/scenario")
	# the hardened DSM 7 box needs an sshd edit too (and so a reload)
	[ "$sc" = dsm7-lax ] && inside "$h" sed -i '1i LogLevel INFO' /etc/ssh/sshd_config
	inside "$h" cat /etc/ssh/sshd_config >"$T/$h.orig"
	inside "$h" "$SYN" scan --local --dry-run --report "text:$T/report.txt" \
	    >"$T/$h.plan" 2>&1
	inside "$h" "$SYN" scan --local --fix-script "$T/$h.sh" \
	    --report "text:$T/report.txt" >/dev/null 2>&1
	rules=$(planned "$T/$h.plan")
	case $sc in
	seed-remote) want=6 ;;
	*) want=7 ;;
	esac
	if grep -q "^	SL_DSM=$want$" "$T/$h.sh"; then ok "$h: DSM $want's service manager"
	else bad "$h: not DSM $want" "$T/$h.plan"; fi
	case " $(echo $rules) " in *" DSM-001 "*) ok "$h ($sc): Auto Block planned" ;;
	*) bad "$h ($sc): Auto Block not planned" "$T/$h.plan" ;; esac
	if inside "$h" sh "$T/$h.sh" >"$T/$h.out" 2>"$T/$h.err"; then
		ok "$h: fix script ran"
	else
		bad "$h: fix script failed" "$T/$h.out"
		sed 's/^/    /' "$T/$h.err"
	fi
	# sshd is reloaded (the DSM way) when its configuration changed
	if ! grep -q "step=install status=ok" "$T/$h.out"; then
		grep -q "step=reload" "$T/$h.out" && bad "$h: reload without an edit" "$T/$h.out"
	elif grep -q "^SYNOLINT-FIX host=local step=reload status=ok object=sshd$" "$T/$h.out"; then
		ok "$h: sshd reloaded the DSM way"; else bad "$h: no reload" "$T/$h.out"; fi
	if grep -q "step=webapi status=ok object=SYNO.Core.Security.AutoBlock" "$T/$h.out"; then
		ok "$h: synowebapi"; else bad "$h: synowebapi" "$T/$h.out"; fi
	if login "$h"; then ok "$h: a new login works after the fix"; else bad "$h: login" "$T/login.out"; fi
	for r in $rules; do
		if inside "$h" "$SYN" scan --local --only "$r" --report "text:$T/report.txt" \
		    >"$T/r.out" 2>&1; then ok "$h: $r passes after the fix"
		else bad "$h: $r still fails" "$T/r.out"; fi
	done
	inside "$h" "$SYN" scan --local --dry-run --report "text:$T/report.txt" >"$T/$h.plan2" 2>&1
	if grep -q "^host .*: 0 fixes planned" "$T/$h.plan2"; then ok "$h: second plan empty"
	else bad "$h: second plan not empty" "$T/$h.plan2"; fi
	rb=$(sed -n 's/.*step=rollback status=written object=//p' "$T/$h.out")
	if inside "$h" sh "$rb" >"$T/$h.rb" 2>&1; then ok "$h: rollback ran"
	else bad "$h: rollback failed" "$T/$h.rb"; fi
	inside "$h" cat /etc/ssh/sshd_config >"$T/$h.after"
	if cmp -s "$T/$h.orig" "$T/$h.after"; then ok "$h: rollback restored sshd_config"
	else bad "$h: sshd_config not restored"; fi
	if inside "$h" "$SYN" scan --local --only DSM-001 --report "text:$T/report.txt" \
	    >"$T/r.out" 2>&1; then bad "$h: Auto Block still on after rollback" "$T/r.out"
	else ok "$h: rollback turned Auto Block off again"; fi
	if login "$h"; then ok "$h: login works after the rollback"; else bad "$h: login after rollback" "$T/login.out"; fi
done

# nas1's script on nas2: the guard refuses (exit 3), nothing is checked
inside nas1 "$SYN" scan --local --fix-script "$T/nas1-again.sh" --report "text:$T/report.txt" >/dev/null 2>&1
inside nas2 sh "$T/nas1-again.sh" >"$T/wrong.out" 2>&1
rc=$?
if [ "$rc" = 3 ] && grep -q "step=guard status=skipped" "$T/wrong.out" &&
    ! grep -q "step=check" "$T/wrong.out"; then ok "wrong host refused"
else bad "wrong host: exit $rc" "$T/wrong.out"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
