#!/bin/sh
# lab-fleet.sh — `synolint scan nas1 nas2 ...` against the fake-Synology lab
# (tests/lab): real sshd per fake NAS, reached through the lab's ssh_config
# (aliases, HostName, Port, User, IdentityFile) and strict known_hosts. Good
# hosts are audited; the one whose key login StrictModes refuses, the
# unreachable one and the hostile ones (garbage, truncated, hang, oversized,
# control bytes, endless) are errors with their reason, in command-line
# order, exit 3 — and the hang costs one --timeout, not one per host. The
# good hosts' reports are complete (the same as scanned alone) and the JUnit
# report validates. Needs root (77 otherwise); one lab at a time.
. "$(dirname "$0")/../cli/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root"; exit 77; }
for c in unshare nsenter ss ssh-keygen /usr/sbin/sshd; do
	command -v "$c" >/dev/null 2>&1 || { echo "SKIP: needs $c"; exit 77; }
done
LAB=$SRC/tests/lab/lab.sh
S=$T/lab
trap 'sh "$LAB" down --state "$S" >/dev/null 2>&1; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP PIPE
unset SSH_AUTH_SOCK

if ! sh "$LAB" up --state "$S" seed-local seed-remote dsm-default hardened \
    unreachable hostile:garbage hostile:truncated hostile:hang \
    hostile:oversized hostile:control hostile:endless >"$T/up.log" 2>&1; then
	cat "$T/up.log" >&2
	echo "SKIP: the lab did not come up"
	exit 77
fi
# The lab logs in with its own test key, authorized without restrictions
# on every host: the KEY rules rightly flag it (and, fleet-wide, the same
# key on every host). They judge the lab, not the scenario: skip them here;
# tests/keys and tests/rules cover them.
NOKEYS="--skip KEY-*"
SSHOPTS="-F $S/ssh_config --known-hosts $S/known_hosts"
R="$SSHOPTS $NOKEYS"

start=$(date +%s)
expect_exit 3 "lab fleet" -- "$SL" scan $R --timeout 6 --jobs 8 --color never \
    nas1 nas2 nas3 nas4 nas5 nas6 nas7 nas8 nas9 nas10 nas11 \
    --report "text:$T/fleet.txt" \
    --report "junit:$T/fleet.xml"
el=$(($(date +%s) - start))
cp "$T/err" "$T/fleet.err"
[ "$el" -le 20 ] && ok || bad "fleet took $el s (hosts not in parallel?)"
grep '^host ' "$T/fleet.txt" | cut -d' ' -f2 | tr '\n' ' ' >"$T/order"
expect_grep "^nas1 nas2 nas3 nas4 nas5 nas6 nas7 nas8 nas9 nas10 nas11 $" "$T/order" "command-line order"
expect_grep "^host nas1 (DSM 6.2.3" "$T/fleet.txt" "seed-local audited"
expect_grep "RSAAuthentication" "$T/fleet.txt" "seed-remote: obsolete option found"
expect_grep "nas3: could not be scanned: authentication failed" "$T/fleet.err" "StrictModes refusal is an auth failure"
expect_grep "^host nas4 (DSM 7.2.2" "$T/fleet.txt" "hardened audited"
expect_grep "needs --become" "$T/fleet.txt" "unreadable files need --become"
expect_grep "nas5: could not be scanned: cannot connect" "$T/fleet.err" "unreachable"
expect_grep "nas6: could not be scanned: collector output is not a bundle" "$T/fleet.err" "garbage"
expect_grep "nas7: could not be scanned: .*nas7" "$T/fleet.err" "truncated bundle located"
expect_grep "nas8: could not be scanned: collector timed out after 6 s" "$T/fleet.err" "hang timed out"
expect_grep "nas9: could not be scanned: collector output exceeds [0-9]* bytes" "$T/fleet.err" "oversized cut at the limit"
expect_grep "nas10: could not be scanned: collector output is not a bundle" "$T/fleet.err" "control bytes"
expect_grep "nas11: could not be scanned: collector output exceeds [0-9]* bytes" "$T/fleet.err" "endless cut at the limit"
expect_grep "11 hosts, 8 could not be scanned" "$T/fleet.txt" "summary"
# Every bad host is an error in the JUnit report too, with its reason.
for h in nas3 nas5 nas6 nas7 nas8 nas9 nas10 nas11; do
	m=$(xmllint --xpath "string(//testsuite[@name=\"$h\"]/testcase[@name=\"scan\"]/error/@message)" "$T/fleet.xml" 2>/dev/null)
	[ -n "$m" ] && grep -F -q -- "$m" "$T/fleet.err" && ok ||
		bad "$h: no scan error in the JUnit report (or not the one on stderr): '$m'"
done
# The good hosts' reports are complete: the same test cases, verdicts and
# messages as when each is scanned alone.
cat >"$T/cases.py" <<'EOF2'
import sys
import xml.etree.ElementTree as ET
for ts in ET.parse(sys.argv[1]).getroot().iter('testsuite'):
    if ts.get('name') != sys.argv[2]:
        continue
    for tc in ts.iter('testcase'):
        v = [(k, e.get('message')) for k in ('failure', 'error', 'skipped')
             for e in [tc.find(k)] if e is not None]
        print(tc.get('name'), v)
EOF2
for h in nas1 nas2 nas4; do
	"$SL" scan $R --timeout 20 --color never --report "junit:$T/alone-$h.xml" "$h" \
	    >/dev/null 2>&1
	/usr/bin/python3 "$T/cases.py" "$T/alone-$h.xml" "$h" >"$T/alone-$h.cases"
	/usr/bin/python3 "$T/cases.py" "$T/fleet.xml" "$h" >"$T/fleet-$h.cases"
	if [ "$(wc -l <"$T/alone-$h.cases")" -gt 20 ] &&
	    cmp -s "$T/alone-$h.cases" "$T/fleet-$h.cases"; then ok; else
		bad "$h: its report in the hostile fleet differs from its report alone"
		diff "$T/alone-$h.cases" "$T/fleet-$h.cases" | head -10 >&2
	fi
done
if xmllint --noout --schema "$SRC/tests/schemas/junit.xsd" "$T/fleet.xml" 2>"$T/xmllint.err"; then ok; else
	bad "JUnit report does not validate"; cat "$T/xmllint.err" >&2; fi
expect_nogrep "libssh\|^\[20" "$T/fleet.err" "no libssh chatter on stderr"

# An inventory of lab aliases, one group.
printf '[good]\nnas1\nnas2\n[bad]\nnas5\n' >"$T/inv"
expect_exit 1 "@good" -- "$SL" scan $R --inventory "$T/inv" @good
expect_exit 0 "capture nas2" -- "$SL" capture $SSHOPTS nas2 -o "$T/nas2.bundle"
expect_exit 1 "captured nas2 audits offline" -- "$SL" scan --bundle "$T/nas2.bundle"
expect_grep "RSAAuthentication" "$T/out" "captured nas2 keeps its findings"

# A CI matrix over the lab: 3 shards of the fleet (over ssh, good and bad
# hosts) merge into the reports of one run over the same fleet (hosts in
# name order, as merge orders them), and the shards cover it exactly.
FLEET="nas1 nas2 nas3 nas4 nas5 nas6 nas7"
# shellcheck disable=SC2086
"$SL" scan $R --timeout 6 $FLEET --report "json:$T/one.json" --report "sarif:$T/one.sarif" \
    --report "junit:$T/one.xml" >/dev/null 2>&1
: >"$T/shards.list"
for k in 1 2 3; do
	# shellcheck disable=SC2086
	"$SL" scan $R --shard "$k/3" $FLEET --list-targets >>"$T/shards.list"
	# shellcheck disable=SC2086
	"$SL" scan $R --timeout 6 --shard "$k/3" $FLEET --report "json:$T/s$k.json" \
	    --report "sarif:$T/s$k.sarif" --report "junit:$T/s$k.xml" >/dev/null 2>&1
done
[ "$(sort "$T/shards.list" | tr '\n' ' ')" = "$FLEET " ] && ok || bad "lab shards do not cover the fleet once: $(cat "$T/shards.list")"
for kind in json sarif xml; do
	expect_exit 0 "merge the lab shards ($kind)" -- "$SL" merge -o "$T/m.$kind" "$T/s1.$kind" "$T/s2.$kind" "$T/s3.$kind"
done
# equal but for the key trust map, whose cross-shard edges no shard sees
/usr/bin/python3 - "$T/m.json" "$T/one.json" <<'PY' && ok || bad "lab: merged JSON differs from one run"
import json, sys
m, w = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
mt, wt = m.pop("trust", None), w.pop("trust", None)
assert m == w
assert mt is None or all(e in wt["edges"] for e in mt["edges"])
PY
cmp -s "$T/m.sarif" "$T/one.sarif" && ok || bad "lab: merged SARIF differs from one run"
xmllint --c14n "$T/m.xml" >"$T/m.c14n" && xmllint --c14n "$T/one.xml" >"$T/one.c14n" &&
    cmp -s "$T/m.c14n" "$T/one.c14n" && ok || bad "lab: merged JUnit differs from one run"
xmllint --noout --schema "$SRC/tests/schemas/junit.xsd" "$T/m.xml" 2>/dev/null && ok || bad "lab: merged JUnit does not validate"
# Through a jump host: ProxyCommand in the ssh config (libssh runs it), the
# target's host key still checked against --known-hosts. nas2 (seed-remote)
# allows TCP forwarding; nas4 (hardened) forbids it, so a jump through it
# fails as a connection error, exit 3.
jump_cfg() {	# jump_cfg JUMP TARGET NAME: an alias NAME for TARGET via JUMP
	{
		cat "$S/ssh_config"
		awk -v name="$3" -v want="$2" '
		    $1 == "Host" { on = ($2 == want); if (on) print "Host " name; next }
		    on' "$S/ssh_config"
		printf '\tProxyCommand ssh -F %s -o BatchMode=yes -W [%%h]:%%p %s\n' "$S/ssh_config" "$1"
	} >>"$T/jump_config"
}
: >"$T/jump_config"
jump_cfg nas2 nas4 via-nas2
jump_cfg nas4 nas2 via-nas4
expect_exit 0 "scan through a jump host (ProxyCommand)" -- "$SL" -v scan -F "$T/jump_config" \
    --known-hosts "$S/known_hosts" $NOKEYS --timeout 20 --color never via-nas2
expect_grep "^host via-nas2 (DSM 7.2.2" "$T/out" "the hardened NAS audited through nas2"
expect_grep "via-nas2: .* in 1 round trip" "$T/err" "one round trip through the jump"
expect_exit 3 "jump host that forbids forwarding" -- "$SL" scan -F "$T/jump_config" \
    --known-hosts "$S/known_hosts" $NOKEYS --timeout 20 --color never via-nas4
expect_grep "via-nas4: could not be scanned: cannot connect" "$T/err" "refused jump is a host error"
finish
