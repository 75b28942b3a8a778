#!/bin/sh
# become-lab.sh — `scan --become` and `scan --fix --become` through the real
# sudo of live fake NAS boxes (tests/lab gives each its own /etc/sudoers:
# DSM's rule, administrators may sudo). synolint logs in as admin, never as
# root. Hosts: nas1 seed-local; nas2 seed-remote, sudo NOPASSWD (so
# synolint runs `sudo -n`); nas3 and nas4 seed-remote, sudo wants admin's
# password (SYNOLINT_BECOME_PASSWORD, fed on stdin: `sudo -S`).
# Checks: without --become root-only files "could not check (needs
# --become)", with it (password or sudo -n) they are checked and both ways
# give the same findings; no password / a wrong one: the host error says
# sudo's reason, exit 3; the password is in no output, report, sshd or sudo
# log (sudo logs every command line: not in argv); a fix that would cut
# admin's login (AllowUsers, DenyUsers) is refused, one that keeps it
# (AllowGroups administrators) applied; --fix --fix-risky leaves nothing
# fixable failing (PermitRootLogin no included: synolint is admin here), the
# real sshd now refuses root, admin and seed-local's key still log in, a
# second --fix changes nothing.
# Needs root, sudo and the lab (run under flock /tmp/synolint-lab.lock).
# shellcheck disable=SC2015,SC2016 # A && ok || bad; sh -c scripts get "$1"...
set -u
HERE=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
# shellcheck source=tests/fix/lablib.sh
. "$HERE/lablib.sh"
lab_test_init become-lab sudo openssl python3
unset SSH_AUTH_SOCK SYNOLINT_BECOME_PASSWORD
check() {	# check NAME FILE CMD...: ok if CMD succeeds, else show FILE
	c_n=$1 c_f=$2
	shift 2
	if "$@"; then ok "$c_n"; else bad "$c_n" "$c_f"; fi
}

# The host's own sudo configuration, to show the lab never touches it.
host_sudo() {
	{ stat -c '%n %a %U %G %Y' /etc/sudoers /etc/sudoers.d /etc/sudoers.d/*
	  cat /etc/sudoers /etc/sudoers.d/*
	  ls -AR /run/sudo /var/lib/sudo; } 2>&1 | cksum
}
HOST_SUDO=$(host_sudo)

if ! lab up --state "$S" --nopasswd nas2 seed-local seed-remote seed-remote \
    seed-remote >"$T/up.out" 2>&1; then
	sed 's/^/    /' "$T/up.out"
	echo "0 passed, 1 failed"
	exit 1
fi
PW=$(cat "$S/become_password")
tree() { echo "$S/hosts/$1/tree"; }
cfg() { echo "$(tree "$1")/etc/ssh/sshd_config"; }
sshto() { ssh -F "$S/ssh_config" -o BatchMode=yes -o ConnectTimeout=5 "$@"; }
O="-F $S/ssh_config --known-hosts $S/known_hosts --timeout 60 --color never"
scan() {	# scan OUT ARGS...: synolint scan, stdout+stderr in OUT, sets rc
	s_out=$1
	shift
	# shellcheck disable=SC2086 # $O is a word list
	"$SYN" -v scan $O "$@" </dev/null >"$s_out" 2>&1
	rc=$?
}
becomescan() {	# becomescan PASSWORD OUT ARGS...: scan with that password
	b_pw=$1
	shift
	(SYNOLINT_BECOME_PASSWORD=$b_pw; export SYNOLINT_BECOME_PASSWORD
	    scan "$@"; exit "$rc")
	rc=$?
}
pwscan() { becomescan "$PW" "$@"; }

# -- the lab's sudo is the real one, as DSM configures it
[ "$(cat "$S/hosts/nas2/sudo")" = nopasswd ] && [ "$(cat "$S/hosts/nas3/sudo")" = password ] &&
    [ -n "$PW" ] && ok "lab: nas2 sudo NOPASSWD, nas3/nas4 with admin's password" ||
    bad "lab sudo modes" "$T/up.out"
sshto nas2 'id -un; sudo -n id -u' >"$T/s.out" 2>&1
check "nas2: admin runs sudo -n as root" "$T/s.out" \
    test "$(grep -v '^sudo:' "$T/s.out" | tr '\n' ' ')" = "admin 0 "
sshto nas3 'sudo -n id -u' >"$T/s.out" 2>&1
check "nas3: sudo -n refused, a password is required" "$T/s.out" \
    grep -q "^sudo: a password is required" "$T/s.out"
printf '%s\n' "$PW" | sshto nas3 'sudo -S -p "" id -u' >"$T/s.out" 2>&1
check "nas3: sudo -S with admin's password (PAM reads the lab's shadow)" "$T/s.out" \
    test "$(grep -v '^sudo:' "$T/s.out")" = 0
printf 'not-the-password\n' | sshto nas3 'sudo -S -p "" id -u' >"$T/s.out" 2>&1
check "nas3: a wrong password is refused" "$T/s.out" \
    grep -q "incorrect password" "$T/s.out"

# -- scan --become reads what only root may read
scan "$T/plain.out" nas3
n_plain=$(grep -c "needs --become" "$T/plain.out")
check "without --become: root-only files need --become ($n_plain)" "$T/plain.out" \
    test "$n_plain" -gt 0
check "without --become: /root not checked" "$T/plain.out" \
    grep -q "could not check /root.*needs --become" "$T/plain.out"
pwscan "$T/pw.out" --become nas3 --report "text:$T/pw.txt" \
    --report "json:$T/pw.json" --report "sarif:$T/pw.sarif" --report "junit:$T/pw.xml"
check "--become with the password: scanned (exit 1: findings)" "$T/pw.out" test "$rc" -eq 1
check "--become with the password: nothing left that needs --become" "$T/pw.out" \
    sh -c '[ -s "$2" ] && ! grep -q "needs --become" "$1" "$2"' - "$T/pw.out" "$T/pw.json"
scan "$T/nopw.out" --become nas2 --report "json:$T/nopw.json"
check "--become with sudo -n (NOPASSWD): nothing left that needs --become" "$T/nopw.out" \
    sh -c '[ "$1" -eq 1 ] && ! grep -q "needs --become" "$2" "$3"' - "$rc" "$T/nopw.out" "$T/nopw.json"
# Both ways see the same seed-remote box: the same findings.
if python3 - "$T/pw.json" "$T/nopw.json" "$T/plain.out" >"$T/cmp.out" 2>&1 <<'PY'
import json, sys
def rows(p):
    return {(f["rule"], f["object"], f["verdict"])
            for f in json.load(open(p))["findings"]}
a, b = rows(sys.argv[1]), rows(sys.argv[2])
assert a == b, sorted(a ^ b)
# root's home is judged (no error): only --become could read it
root = {r for r in a if r[1] == "user:root"}
assert root and all(v != "error" for (_, _, v) in root), root
# DSM's tools ran as root (synowebapi is not on sudo's secure_path)
m = [f["message"] for f in json.load(open(sys.argv[1]))["findings"]
     if f["rule"] == "DSM-001"]
assert m and "synowebapi" in m[0], m
print(len(a), "findings equal, synowebapi read")
PY
then ok "password and sudo -n give the same findings, /root judged ($(cat "$T/cmp.out"))"
else bad "password vs sudo -n findings" "$T/cmp.out"; fi
# A password given for a NOPASSWD host: sudo reads none, the script is intact.
pwscan "$T/pwnopw.out" --become nas2 --report "json:$T/pwnopw.json"
if [ "$rc" -eq 1 ] && python3 - "$T/nopw.json" "$T/pwnopw.json" >"$T/cmp2.out" 2>&1 <<'PY'
import json, sys
def rows(p):
    return {(f["rule"], f["object"], f["verdict"])
            for f in json.load(open(p))["findings"]}
a, b = rows(sys.argv[1]), rows(sys.argv[2])
assert a == b, sorted(a ^ b)
PY
then ok "NOPASSWD host with a password given: the same scan"
else bad "NOPASSWD host with a password given" "$T/cmp2.out"; cat "$T/pwnopw.out"; fi
check "sudo ran the collector on nas3 (its log names the command)" "$(tree nas3)/usr/syno/bin/.lab/sudo.log" \
    grep -q "admin : .*USER=root ; COMMAND=/bin/sh" "$(tree nas3)/usr/syno/bin/.lab/sudo.log"

# -- no password, a wrong password: host error with sudo's reason, exit 3
scan "$T/none.out" --become nas3
check "--become, no password for a host that wants one: exit 3" "$T/none.out" test "$rc" -eq 3
check "... the error says sudo needs a password and how to give it" "$T/none.out" \
    grep -q "^synolint: host nas3: .*sudo: a password is required (.*SYNOLINT_BECOME_PASSWORD" "$T/none.out"
becomescan "wrong-$PW" "$T/wrong.out" --become nas3 --report "json:$T/wrong.json"
check "--become, wrong password: exit 3" "$T/wrong.out" test "$rc" -eq 3
check "... the error says incorrect password" "$T/wrong.out" \
    grep -q "^synolint: host nas3: .*sudo: 3 incorrect password attempts" "$T/wrong.out"
becomescan "wrong-$PW" "$T/wrongfix.out" --become --fix nas3
check "--fix --become, wrong password: exit 3, nothing applied" "$T/wrongfix.out" \
    sh -c '[ "$1" -eq 3 ] && grep -q "^host nas3: failed: not scanned" "$2"' - "$rc" "$T/wrongfix.out"

# -- sudo with requiretty (some NAS have it): the host error says so
SU4=$(tree nas4)/etc/sudoers
cp "$SU4" "$T/sudoers4"
printf 'Defaults requiretty\n' >>"$SU4"	# in place: it is a file bind mount
pwscan "$T/tty.out" --become nas4
check "sudo requiretty: exit 3, sudo's reason in the host error" "$T/tty.out" \
    sh -c '[ "$1" -eq 3 ] && grep -q "^synolint: host nas4: .*sudo: sorry, you must have a tty" "$2"' \
    - "$rc" "$T/tty.out"
cat "$T/sudoers4" >"$SU4"

# -- the lockout check judges admin's login, the one synolint uses
mkdir -p "$T/rules"
cat >"$T/rules/lockout.rules" <<'RULE'
rule TEST-902
	title		"test: AllowUsers without the admin"
	severity	low
	scope		host
	check		sshd_any_set AllowUsers
	rationale	"Only for the --become --fix tests: this fix shuts admin out."
	fix		sshd_set AllowUsers root backup
end
rule TEST-903
	title		"test: DenyUsers admin"
	severity	low
	scope		host
	check		sshd_any_set DenyUsers
	rationale	"Only for the --become --fix tests: this fix shuts admin out."
	fix		sshd_set DenyUsers guest admin
end
rule TEST-904
	title		"test: AllowGroups administrators"
	severity	low
	scope		host
	check		sshd_any_set AllowGroups
	rationale	"Only for the --become --fix tests: admin is an administrator."
	fix		sshd_set AllowGroups administrators
end
RULE
cp "$(cfg nas4)" "$T/orig4"
pwscan "$T/lock.out" --become --fix --rules "$T/rules" --only TEST-902 nas4
check "AllowUsers without admin: refused as a lockout" "$T/lock.out" \
    sh -c 'grep -q "^  refused  host: AllowUsers would not include admin," "$1" &&
        grep -q "^  skipped  TEST-902 .*refused: it would cut synolint.s own login" "$1"' - "$T/lock.out"
pwscan "$T/lock2.out" --become --fix --rules "$T/rules" --only TEST-903 nas4
check "DenyUsers admin: refused as a lockout" "$T/lock2.out" \
    grep -q "^  refused  host: DenyUsers would exclude admin," "$T/lock2.out"
check "refused fixes changed nothing" "$T/lock2.out" cmp -s "$T/orig4" "$(cfg nas4)"
pwscan "$T/lock3.out" --become --fix --rules "$T/rules" --only TEST-904 nas4
check "AllowGroups administrators keeps admin's login: applied" "$T/lock3.out" \
    sh -c 'grep -q "^host nas4: applied: " "$1" && grep -q "^  fixed    TEST-904 " "$1" &&
        grep -q "^AllowGroups administrators" "$2"' - "$T/lock3.out" "$(cfg nas4)"
sshto nas4 true >"$T/l.out" 2>&1
check "admin still logs in to nas4" "$T/l.out" test $? -eq 0

# -- a fix killed after installing, under sudo: rolled back through sudo
cp "$(cfg nas3)" "$T/orig3"
SYNOLINT_TEST_FIX_FAULT=after_rename
export SYNOLINT_TEST_FIX_FAULT
pwscan "$T/fault.out" --become --fix admin@nas3
unset SYNOLINT_TEST_FIX_FAULT
check "fault after install under sudo: rolled back, old config, login works" "$T/fault.out" \
    sh -c 'grep -q "^host admin@nas3: rolled back: " "$1" && cmp -s "$2" "$3" &&
        ssh -F "$4" -o BatchMode=yes nas3 true' - "$T/fault.out" "$T/orig3" "$(cfg nas3)" "$S/ssh_config"
rm -f "$(tree nas3)"/etc/ssh/*.synolint-* "$(tree nas3)"/etc/ssh/synolint-rollback-*

# -- the whole fix, risky ones included, as admin through sudo
for h in nas2 nas3; do	# root may log in with the lab key before the fix
	r=$(tree $h)/root
	mkdir -p "$r/.ssh" && cat "$S/id_ed25519.pub" >>"$r/.ssh/authorized_keys"
	chmod 700 "$r/.ssh" && chmod 600 "$r/.ssh/authorized_keys"
done
sshto root@nas2 true >"$T/l.out" 2>&1
check "before the fix root logs in to nas2" "$T/l.out" test $? -eq 0
scan "$T/fix2.out" --become --fix --fix-risky admin@nas2 --report "json:$T/fix2.json"
sudo_ok() {	# commands nas3's sudo ran (its log: one line each, no refusals)
	grep "COMMAND=/bin/sh" "$(tree nas3)/usr/syno/bin/.lab/sudo.log" |
	    grep -vc "incorrect password\|password is required"
}
n_before=$(sudo_ok)
pwscan "$T/fix3.out" --become --fix --fix-risky admin@nas3 --report "json:$T/fix3.json"
n_sudo=$(($(sudo_ok) - n_before))
cp "$(tree nas1)/volume1/homes/admin/.ssh/id_rsa" "$T/id_rsa" && chmod 600 "$T/id_rsa"
for h in nas2 nas3; do
	f=$T/fix${h#nas}.out
	check "$h: applied, a new login works" "$f" grep -q "^host admin@$h: applied: " "$f"
	check "$h: SSHD-001 fixed (admin, not root, logs in)" "$f" \
	    sh -c 'grep -q "^  fixed    SSHD-001 " "$1" && grep -q "^PermitRootLogin no" "$2"' \
	    - "$f" "$(cfg $h)"
	check "$h: nothing refused, nothing left failing" "$f" \
	    sh -c '! grep -q "^  \(refused\|left\|skipped\) " "$1"' - "$f"
	for r in DSM-001 HOME-002 SSHD-002 SSHD-007 SSHD-008 SSHD-010 SSHD-028; do
		grep -q "^  fixed    $r " "$f" || bad "$h: $r not fixed" "$f"
	done
	# Fully hardened: a fresh --become scan plans no fix at all.
	if [ $h = nas3 ]; then
		pwscan "$T/re$h.out" --become --dry-run --fix-risky admin@$h
	else
		scan "$T/re$h.out" --become --dry-run --fix-risky admin@$h
	fi
	check "$h: rescan: every fixable rule passes (0 fixes planned)" "$T/re$h.out" \
	    sh -c 'grep -q "^host admin@$2: 0 fixes planned, 0 skipped, " "$1" &&
	        ! grep -q "needs --become" "$1"' - "$T/re$h.out" "$h"
	sshto $h true >"$T/l.out" 2>&1
	check "$h: admin logs in after the fix" "$T/l.out" test $? -eq 0
	sshto root@$h true >"$T/l.out" 2>&1
	check "$h: the real sshd now refuses root" "$T/l.out" \
	    sh -c '[ "$1" -ne 0 ] && grep -q "ROOT LOGIN REFUSED" "$2"' - $? "$S/hosts/$h/sshd.log"
	ssh -F "$S/ssh_config" -o BatchMode=yes -o IdentitiesOnly=yes -i "$T/id_rsa" \
	    admin@$h true >"$T/l.out" 2>&1
	check "$h: seed-local's passphrase-less key still logs in" "$T/l.out" test $? -eq 0
done
cmp -s "$(cfg nas2)" "$(cfg nas3)" && ok "sudo -n and sudo -S: the same sshd_config" ||
    { diff "$(cfg nas2)" "$(cfg nas3)" >"$T/d.out"; bad "nas2 and nas3 differ" "$T/d.out"; }
cp "$(cfg nas3)" "$T/after3"
pwscan "$T/again.out" --become --fix --fix-risky admin@nas3
check "a second --fix changes nothing" "$T/again.out" \
    sh -c 'cmp -s "$1" "$2" && grep -q "^host admin@nas3: nothing to fix" "$3"' \
    - "$T/after3" "$(cfg nas3)" "$T/again.out"
# the scan's collector, the fix script, the rescan's collector
check "--fix ran collector, fix script and rescan through nas3's sudo ($n_sudo)" /dev/null \
    test "$n_sudo" -ge 3

# -- the password is nowhere: outputs, reports, sshd and sudo logs
leaks=$(grep -rlF -e "$PW" "$T" "$S/hosts"/*/sshd.log "$S/hosts"/*/tree/usr/syno/bin/.lab \
    2>/dev/null | grep -v "^$S/become_password")
check "the password is in no output, report or log" /dev/null test -z "$leaks"
[ -z "$leaks" ] || echo "    leaked into: $leaks"
check "the machine's own sudoers, sudoers.d and sudo state are untouched" /dev/null \
    test "$(host_sudo)" = "$HOST_SUDO"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
