#!/bin/sh
# hostile-fleet.sh — one fleet scan of good and hostile fake NAS boxes
# (issue #8): a booby-trapped tree (scenarios/trap.sh, plus an Include loop
# and `Include /dev/zero` added once its sshd runs), a collector output that
# lies about a record length, a server that stalls mid-stream, one that
# disconnects mid-stream, and one that answers with something that is not
# our collector. For each: no crash, no hang past --timeout, the good
# hosts' reports the same as scanned alone, JUnit/SARIF/JSON reports valid,
# and the secrets of the trap host (SLSECRET) nowhere in a report.
# Needs root (77 otherwise); one lab at a time (RESOURCE_LOCK lab; by hand:
# flock /tmp/synolint-lab.lock sh tests/lab/hostile-fleet.sh).
# shellcheck source=tests/cli/lib.sh disable=SC1091,SC2015,SC2086
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
VAL="/usr/bin/python3 $SRC/tests/helpers/validate_json.py"

if ! sh "$LAB" up --state "$S" seed-local trap hostile:lie hostile:stall \
    hostile:disconnect hostile:impostor seed-remote >"$T/up.log" 2>&1; then
	cat "$T/up.log" >&2
	echo "SKIP: the lab did not come up"
	exit 77
fi
# sshd has parsed its configuration: now the traps it would refuse.
printf 'Include /etc/ssh/loop.conf\n' >>"$S/hosts/nas2/tree/etc/ssh/sshd_config"
NOKEYS="--skip KEY-*"
R="-F $S/ssh_config --known-hosts $S/known_hosts $NOKEYS"
ALL="nas1 nas2 nas3 nas4 nas5 nas6 nas7"

start=$(date +%s)
expect_exit 3 "hostile fleet" -- timeout 120 "$SL" scan $R --timeout 8 --jobs 7 \
    --color never $ALL --report "text:$T/f.txt" --report "junit:$T/f.xml" \
    --report "sarif:$T/f.sarif" --report "json:$T/f.json"
el=$(($(date +%s) - start))
cp "$T/err" "$T/f.err"
[ "$el" -le 30 ] && ok || bad "fleet took $el s: a host hung past --timeout 8"
expect_grep "^host nas2 " "$T/f.txt" "trap host scanned"
expect_grep "/etc/ssh/loop.conf:1: Include: bad value" "$T/f.txt" "trap: Include loop found"
expect_grep "nas3: could not be scanned: .*nas3.*announces\|nas3: could not be scanned: .*truncated\|nas3: could not be scanned: .*nas3:[0-9]*: error" "$T/f.err" "lying length located"
expect_grep "nas4: could not be scanned: collector timed out after 8 s" "$T/f.err" "stall timed out"
expect_grep "nas5: could not be scanned: connection lost after [0-9]* bytes of collector output" "$T/f.err" "disconnect: connection lost"
expect_grep "nas6: could not be scanned: collector output is not a bundle" "$T/f.err" "impostor is not a bundle"
expect_grep "7 hosts, 4 could not be scanned" "$T/f.txt" "summary"
for f in f.txt f.xml f.sarif f.json f.err; do
	expect_nogrep SLSECRET "$T/$f" "secret in $f"
done
if LC_ALL=C grep -q "$(printf '[\033\007]')" "$T/f.txt" "$T/f.err"; then bad "control bytes in text/stderr"; else ok; fi
if xmllint --noout --schema "$SRC/tests/schemas/junit.xsd" "$T/f.xml" 2>"$T/v.err"; then ok; else bad "JUnit invalid"; cat "$T/v.err" >&2; fi
if $VAL "$SRC/tests/schemas/sarif-schema-2.1.0.json" "$T/f.sarif" 2>"$T/v.err"; then ok; else bad "SARIF invalid"; cat "$T/v.err" >&2; fi
if $VAL "$SRC/docs/json-report.schema.json" "$T/f.json" 2>"$T/v.err"; then ok; else bad "JSON invalid"; cat "$T/v.err" >&2; fi
# Every bad host is an error in the JUnit report, with stderr's reason.
for h in nas3 nas4 nas5 nas6; do
	m=$(xmllint --xpath "string(//testsuite[@name=\"$h\"]/testcase[@name=\"scan\"]/error/@message)" "$T/f.xml" 2>/dev/null)
	[ -n "$m" ] && grep -F -q -- "$m" "$T/f.err" && ok ||
		bad "$h: no scan error in the JUnit report (or not the one on stderr): '$m'"
done
# The good hosts (and the trap host) are reported as when scanned alone.
for h in nas1 nas2 nas7; do
	timeout 60 "$SL" scan $R --timeout 20 --color never --report "json:$T/alone-$h.json" "$h" >/dev/null 2>&1
	python3 - "$T/f.json" "$T/alone-$h.json" "$h" <<'PY' && ok || bad "$h: its report in the hostile fleet differs from alone"
import json, sys
both, alone, h = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
g = lambda r: ([x for x in r["hosts"] if x["name"] == h],
               sorted(json.dumps(f, sort_keys=True) for f in r["findings"] if f["host"] == h))
a, b = g(both), g(alone)
assert a[0] and a[0][0]["status"] == "scanned", a[0]
assert a == b, "differs"
assert len(a[1]) > 10, "too few findings"
PY
done
finish
