#!/bin/sh
# lab-equal.sh — remote results equal the results of scanning the same tree
# with --root, and each lab scenario gives its expected findings.
#
# Over SSH (as the scenario's test user, no --become) synolint sees the live
# fake NAS; with --root it reads the host's tree directly as root. The lab's
# sshd is this machine's OpenSSH, not the tree's, so each tree's sshd stub
# is first made to carry the running version (the stub is never mounted in
# the namespace: only the --root scan reads it). Then, for every rule and
# object, the two verdicts must be equal, or differ in one of the inherent,
# explained ways:
#   become   over SSH the file needed root: ERROR "... needs --become"
#            (other users' homes, /root, /etc/shadow, a 0600 sshd_config);
#   tools    --root runs no DSM tools (synowebapi, ...): ERROR there;
#   disabled without /etc/shadow a remote scan cannot tell a disabled
#            account and audits it; --root skips it (no row there). Never
#            a FAIL over SSH only.
# Never PASS against FAIL. FAIL messages must be equal too (the paths are
# the host's in both). Hosts whose key login StrictModes refuses (dsm-default,
# broken-acl) cannot be scanned over SSH: their --root scan must say why
# (HOME-001, breaks login) and the SSH scan must fail with an auth failure.
# Needs root (77 otherwise); one lab at a time.
. "$(dirname "$0")/../cli/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root"; exit 77; }
for c in unshare nsenter ss ssh-keygen xmllint /usr/sbin/sshd /usr/bin/python3; do
	command -v "$c" >/dev/null 2>&1 || { echo "SKIP: needs $c"; exit 77; }
done
LAB=$SRC/tests/lab/lab.sh
S=$T/lab
trap 'sh "$LAB" down --state "$S" >/dev/null 2>&1; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP PIPE
unset SSH_AUTH_SOCK

if ! sh "$LAB" up --state "$S" seed-local seed-remote hardened dsm7-lax \
    dsm-default broken-acl >"$T/up.log" 2>&1; then
	cat "$T/up.log" >&2
	echo "SKIP: the lab did not come up"
	exit 77
fi
# The lab logs in with its own test key, authorized without restrictions
# on every host: the KEY rules rightly flag it (and, fleet-wide, the same
# key on every host). They judge the lab, not the scenario: skip them here;
# tests/keys and tests/rules cover them.
NOKEYS="--skip KEY-*"
R="-F $S/ssh_config --known-hosts $S/known_hosts $NOKEYS"
GOOD="nas1 nas2 nas3 nas4"
REFUSED="nas5 nas6"

ver=$(/usr/sbin/sshd -V 2>&1 | grep -o 'OpenSSH_[0-9][0-9.]*\(p[0-9][0-9]*\)*' | head -n 1)
[ -n "$ver" ] || { echo "SKIP: cannot tell this machine's OpenSSH version"; exit 77; }
case $ver in *p[0-9]*) ;; *) ver=${ver}p1 ;; esac
for h in $GOOD $REFUSED; do
	mkdir -p -- "$S/hosts/$h/tree/usr/bin"
	printf 'stub sshd for the synolint lab %s\n' "$ver" >"$S/hosts/$h/tree/usr/bin/sshd"
done

# The live hosts, all at once, and each tree with --root.
expect_exit 1 "scan the loginable lab hosts" -- "$SL" scan $R --jobs 4 \
    --timeout 20 --color never --report "junit:$T/ssh.xml" $GOOD
for h in $GOOD $REFUSED; do
	"$SL" scan --root "$S/hosts/$h/tree" $NOKEYS --color never \
	    --report "junit:$T/root-$h.xml" >"$T/root-$h.out" 2>&1
	echo "$?" >"$T/root-$h.rc"
done
for f in "$T/ssh.xml" "$T"/root-nas*.xml; do
	if xmllint --noout --schema "$SRC/tests/schemas/junit.xsd" "$f" 2>"$T/xsd.err"; then ok; else
		bad "$(basename "$f") does not validate"; cat "$T/xsd.err" >&2; fi
done

# compare SSH-REPORT HOST ROOT-REPORT — prints the differences, one line
# each "KIND testcase: ssh=... root=...", KIND one of become tools
# disabled BAD.
cat >"$T/compare.py" <<'EOF'
import sys
import xml.etree.ElementTree as ET

def cases(path, suite):
    out = {}
    for ts in ET.parse(path).getroot().iter('testsuite'):
        if suite is not None and ts.get('name') != suite:
            continue
        for tc in ts.iter('testcase'):
            v, m = 'pass', ''
            for k in ('failure', 'error', 'skipped'):
                e = tc.find(k)
                if e is not None:
                    v, m = k, e.get('message', '')
            out[tc.get('name')] = (v, m)
    return out

ssh = cases(sys.argv[1], sys.argv[2])
root = cases(sys.argv[3], None)
if not ssh or not root:
    print('BAD no test cases: ssh %d, root %d' % (len(ssh), len(root)))
    sys.exit(0)
shadow_unknown = 'needs --become' in ssh.get('DSM-005 host', ('', ''))[1]
for name in sorted(set(ssh) | set(root)):
    (sv, sm), (rv, rm) = ssh.get(name, ('absent', '')), root.get(name, ('absent', ''))
    if sv == rv:
        if sv == 'failure' and sm != rm:
            kind = 'BAD'
        else:
            continue
    elif sv == 'error' and 'needs --become' in sm and rv != 'absent':
        kind = 'become'
    elif rv == 'error' and 'runs no DSM tools' in rm:
        kind = 'tools'
    elif rv == 'absent' and sv != 'failure' and shadow_unknown:
        kind = 'disabled'
    else:
        kind = 'BAD'
    print('%s %s: ssh=%s [%s] root=%s [%s]' % (kind, name, sv, sm[:160], rv, rm[:160]))
EOF

for h in $GOOD; do
	/usr/bin/python3 "$T/compare.py" "$T/ssh.xml" "$h" "$T/root-$h.xml" >"$T/diff-$h"
	printf '%s (%s): ' "$h" "$(cat "$S/hosts/$h/scenario")"
	for k in become tools disabled BAD; do
		printf '%s %s  ' "$(grep -c "^$k " "$T/diff-$h")" "$k"
	done
	echo
	if grep -q '^BAD ' "$T/diff-$h"; then
		bad "$h: SSH and --root disagree beyond what --become or DSM tools explain"
		grep '^BAD ' "$T/diff-$h" | sed 's/^/  | /' >&2
	else
		ok
	fi
done
# The inherent kinds must actually occur where expected (the comparison is
# not vacuous): root-only files over SSH; DSM tools only live.
expect_grep "^become HOME-00[1-9] user:root" "$T/diff-nas2" "seed-remote: /root needs --become"
expect_grep "^tools DSM-" "$T/diff-nas1" "seed-local: --root runs no DSM tools"
expect_grep "^become SSHD-001 host: ssh=error \[could not check: /etc/ssh/sshd_config is not readable (needs --become)" \
    "$T/diff-nas3" "hardened: the 0600 sshd_config needs --become"

# Expected findings per scenario, by rule id (testcase: verdict).
# verdict_of REPORT SUITE TESTCASE — pass/failure/error/skipped/absent.
verdict_of() {
	vo_x="//testsuite[@name=\"$2\"]/testcase[@name=\"$3\"]"
	if [ "$(xmllint --xpath "count($vo_x)" "$1" 2>/dev/null)" = 0 ]; then
		echo absent
		return
	fi
	for vo_k in failure error skipped; do
		[ "$(xmllint --xpath "count($vo_x/$vo_k)" "$1")" = 0 ] || { echo "$vo_k"; return; }
	done
	echo pass
}
message_of() {
	xmllint --xpath "string(//testsuite[@name=\"$2\"]/testcase[@name=\"$3\"]/*/@message)" \
	    "$1" 2>/dev/null
}
# expect_case REPORT SUITE TESTCASE VERDICT [MESSAGE-PATTERN]
expect_case() {
	ec_v=$(verdict_of "$1" "$2" "$3")
	if [ "$ec_v" != "$4" ]; then
		bad "$2: $3 is $ec_v, want $4"
	elif [ -n "${5:-}" ] && ! message_of "$1" "$2" "$3" | grep -q -e "$5"; then
		bad "$2: $3: message does not match /$5/: $(message_of "$1" "$2" "$3")"
	else
		ok
	fi
}
# seed-local: root and password logins, the admin home 0755.
expect_case "$T/ssh.xml" nas1 "SSHD-001 host" failure "PermitRootLogin"
expect_case "$T/ssh.xml" nas1 "SSHD-002 host" failure "PasswordAuthentication"
expect_case "$T/ssh.xml" nas1 "HOME-001 user:admin" pass
expect_case "$T/ssh.xml" nas1 "HOME-002 user:admin" failure "0755"
# seed-remote: the recipe's obsolete RSAAuthentication, with file:line.
expect_case "$T/ssh.xml" nas2 "SSHD-026 file:/etc/ssh/sshd_config:37" failure \
    "^/etc/ssh/sshd_config:37: RSAAuthentication: deprecated"
expect_case "$T/ssh.xml" nas2 "HOME-001 user:admin" pass
# hardened: no FAIL at all, live or from the tree; exit 0 for the tree.
n=$(xmllint --xpath 'count(//testsuite[@name="nas3"]//failure)' "$T/ssh.xml")
[ "$n" = 0 ] && ok || bad "hardened over SSH: $n failures"
n=$(xmllint --xpath 'count(//failure)' "$T/root-nas3.xml")
[ "$n" = 0 ] && ok || bad "hardened with --root: $n failures"
[ "$(cat "$T/root-nas3.rc")" = 0 ] && ok || bad "hardened with --root: exit $(cat "$T/root-nas3.rc"), want 0"
# dsm7-lax: the DSM 7 settings it leaves open.
expect_case "$T/ssh.xml" nas4 "DSM-001 host" failure
expect_case "$T/ssh.xml" nas4 "SSHD-020 host" failure
# dsm-default and broken-acl: --root says key login is refused (HOME-001
# breaks login, the 0777 homes), and indeed the SSH scan cannot log in.
for h in $REFUSED; do
	s=$(xmllint --xpath 'string(//testsuite/@name)' "$T/root-$h.xml")
	expect_case "$T/root-$h.xml" "$s" "HOME-001 user:admin" failure \
	    "sshd refuses key login for admin today: bad ownership or modes for directory /volume1/homes/admin"
	expect_exit 3 "$h ($(cat "$S/hosts/$h/scenario")) over SSH" -- "$SL" scan $R \
	    --timeout 20 --color never "$h"
	expect_grep "$h: could not be scanned: authentication failed" "$T/err" \
	    "$h: StrictModes refusal is an auth failure"
done
finish
