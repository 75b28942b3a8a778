#!/bin/sh
# apply-lab.sh — `scan --fix` on live fake NAS boxes (tests/lab, issue #6
# and #8's fault injection). synolint logs in over SSH as root (root's
# authorized_keys gets the lab key; become-lab.sh logs in as admin and uses
# the lab's sudo). Hosts: nas1 seed-local,
# nas2..nas4 seed-remote. Checks: every fault point (test hook
# SYNOLINT_TEST_FIX_FAULT) ends in the old configuration with the original
# login working and the report saying "rolled back"; a fix that makes
# `sshd -t` fail is never installed; a reload that breaks login is rolled
# back; a file changed between plan and apply aborts that host while another
# proceeds; the fix itself: fixed rules gone on the rescan, risky fixes that
# would cut synolint's root login refused, a second --fix changes nothing,
# the backup restores the original byte for byte, --fix-script run with sh
# gives the same end state, and nas1's key still logs in to nas2.
# Needs root and the lab (run under flock /tmp/synolint-lab.lock).
set -u
HERE=$(cd -P -- "$(dirname -- "$0")" && pwd -P)
# shellcheck source=tests/fix/lablib.sh
. "$HERE/lablib.sh"
lab_test_init fix-apply

if ! lab up --state "$S" seed-local seed-remote seed-remote seed-remote \
    >"$T/up.out" 2>&1; then
	sed 's/^/    /' "$T/up.out"
	echo "0 passed, 1 failed"
	exit 1
fi
tree() { echo "$S/hosts/$1/tree"; }
for h in nas2 nas3 nas4; do	# root logs in with the lab key
	r=$(tree $h)/root
	mkdir -p "$r/.ssh" && cat "$S/id_ed25519.pub" >>"$r/.ssh/authorized_keys"
	chmod 700 "$r/.ssh" && chmod 600 "$r/.ssh/authorized_keys"
done
login() { ssh -F "$S/ssh_config" -o BatchMode=yes -o ConnectTimeout=5 "root@$1" true \
    >"$T/login.out" 2>&1; }
fix() {	# fix OUT HOST... [-- OPTIONS]
	f_out=$1
	shift
	"$SYN" scan -F "$S/ssh_config" --known-hosts "$S/known_hosts" \
	    --timeout 60 --fix "$@" >"$f_out" 2>&1
}
cfg() { echo "$(tree "$1")/etc/ssh/sshd_config"; }
cp "$(cfg nas2)" "$T/orig"
cp "$(cfg nas4)" "$T/orig4"

# -- fault injection: every point ends in the old configuration
for pt in after_temp before_rename after_rename during_verify; do
	SYNOLINT_TEST_FIX_FAULT=$pt fix "$T/f.out" root@nas2
	if grep -q "^host root@nas2: rolled back: " "$T/f.out" &&
	    cmp -s "$T/orig" "$(cfg nas2)" && login nas2 &&
	    ! ls "$(tree nas2)"/etc/ssh/sshd_config.synolint-new.* >/dev/null 2>&1; then
		ok "fault $pt: rolled back, old configuration, original login works"
	else
		bad "fault $pt" "$T/f.out"
	fi
	rm -f "$(tree nas2)"/etc/ssh/*.synolint-* "$(tree nas2)"/etc/ssh/synolint-rollback-*
done

# -- a fix that makes sshd -t fail is never installed (a test rule whose
# fix sets an invalid value)
mkdir -p "$T/rules"
cat >"$T/rules/bad.rules" <<'RULE'
rule TEST-901
	title		"test: a fix that sshd -t rejects"
	severity	low
	scope		host
	check		sshd_value_in X11Forwarding never-this
	rationale	"Only for the --fix tests: its fix is an invalid value."
	fix		sshd_set X11Forwarding maybe
end
RULE
fix "$T/t.out" root@nas2 --rules "$T/rules" --only TEST-901
if grep -q "^host root@nas2: rolled back: sshd -t rejected the new configuration" "$T/t.out" &&
    cmp -s "$T/orig" "$(cfg nas2)" && login nas2 &&
    ! ls "$(tree nas2)"/etc/ssh/sshd_config.synolint-new.* >/dev/null 2>&1; then
	ok "sshd -t fails: nothing installed, no temp file left, login works"
else
	bad "sshd -t fails" "$T/t.out"
fi
rm -f "$(tree nas2)"/etc/ssh/*.synolint-* "$(tree nas2)"/etc/ssh/synolint-rollback-*

# -- a reload that breaks login: rolled back
# lab stub: the next reload moves root's authorized_keys away, the one
# after puts it back (see tests/lab/stubs/lab-reload-breaks-login)
B=$(tree nas2)/usr/syno/bin
cp "$B/synoservicectl" "$T/synoservicectl.orig"
cp "$LAB_DIR/stubs/lab-reload-breaks-login" "$B/synoservicectl"
chmod 755 "$B/synoservicectl"
fix "$T/r.out" root@nas2
cp "$T/synoservicectl.orig" "$B/synoservicectl"
if grep -q "^host root@nas2: rolled back: a new login failed" "$T/r.out" &&
    cmp -s "$T/orig" "$(cfg nas2)" && login nas2; then
	ok "reload breaks login: rolled back, original login works"
else
	bad "reload breaks login" "$T/r.out"
fi
rm -f "$(tree nas2)"/etc/ssh/*.synolint-* "$(tree nas2)"/etc/ssh/synolint-rollback-*

# -- changed between plan and apply: that host aborts, the other proceeds
P=$T/pause
( SYNOLINT_TEST_FIX_PAUSE=$P fix "$T/c.out" root@nas2 root@nas3 ) &
i=0
while [ ! -e "$P" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
printf '# edited by another admin\n' >>"$(cfg nas2)"
rm -f "$P"
wait
if grep -q "^host root@nas2: aborted: a file or path changed" "$T/c.out" &&
    grep -q "^host root@nas3: applied: " "$T/c.out"; then
	ok "changed since audit: nas2 aborted, nas3 applied"
else
	bad "changed since audit" "$T/c.out"
fi
cp "$T/orig" "$(cfg nas2)"

# -- the fix itself, with risky fixes: synolint's root login is protected
fix "$T/a.out" root@nas2 --fix-risky --report text --report "json:$T/a.json"
if grep -q "^host root@nas2: applied: " "$T/a.out"; then ok "nas2 fixed"
else bad "nas2 not fixed" "$T/a.out"; fi
if grep -q "refused  SSHD-001: PermitRootLogin" "$T/a.out" &&
    ! grep -q "^PermitRootLogin no" "$(cfg nas2)"; then
	ok "risky fix that cuts synolint's root login refused"
else bad "SSHD-001 not refused" "$T/a.out"; fi
if grep -q "^  left " "$T/a.out"; then bad "planned fixes left failing" "$T/a.out"
else ok "every applied fix is gone on the rescan"; fi
for r in SSHD-002 SSHD-008 SSHD-028 DSM-001; do
	if grep -q "^  fixed    $r " "$T/a.out"; then ok "$r fixed"
	else bad "$r not fixed" "$T/a.out"; fi
done
# the JSON report carries the same outcome, valid against its schema
if python3 - "$HERE/../../docs/json-report.schema.json" "$T/a.json" "$T/a.out" \
    >"$T/j.out" 2>&1 <<'PY'
import json, sys, jsonschema
schema, rep = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
jsonschema.validate(rep, schema)
fx = rep["hosts"][0]["fix"]
assert fx["outcome"] == "applied", fx["outcome"]
acts = {(a["state"], a["rule"]) for a in fx["actions"]}
for r in ("SSHD-002", "SSHD-008", "SSHD-028", "DSM-001"):
    assert ("fixed", r) in acts, r
assert ("refused", "SSHD-001") in acts, "SSHD-001 refused"
text = open(sys.argv[3]).read()
assert fx["backups"] and all("  backup   " + b in text for b in fx["backups"])
PY
then ok "JSON report: fix outcome per host, schema-valid, same as the text"
else bad "JSON report's fix area" "$T/j.out"; fi
bk=$(sed -n 's/^  backup   //p' "$T/a.out" | head -n 1)
if [ -n "$bk" ] && cmp -s "$(tree nas2)$bk" "$T/orig"; then
	ok "backup equals the original byte for byte"
else bad "backup missing or different ($bk)" "$T/a.out"; fi
login nas2 && ok "root login works after the fix" || bad "login after the fix" "$T/login.out"
# nas1's passphrase-less key still logs in to nas2 as admin
cp "$(tree nas1)/volume1/homes/admin/.ssh/id_rsa" "$T/id_rsa" && chmod 600 "$T/id_rsa"
if ssh -F "$S/ssh_config" -o BatchMode=yes -o IdentitiesOnly=yes -i "$T/id_rsa" \
    admin@nas2 true >"$T/l1.out" 2>&1; then ok "seed-local's key still logs in to seed-remote"
else bad "seed-local's key refused" "$T/l1.out"; fi

# -- idempotent: a second --fix changes nothing
cp "$(cfg nas2)" "$T/after1"
fix "$T/b.out" root@nas2 --fix-risky
if cmp -s "$T/after1" "$(cfg nas2)" && ! grep -q "^  backup " "$T/b.out"; then
	ok "second --fix changes nothing"
else bad "second --fix changed something" "$T/b.out"; fi

# -- restoring the backup gives the original back
cp -p "$(tree nas2)$bk" "$T/restored"
cmp -s "$T/restored" "$T/orig" && ok "backup restores the original" || bad "restore"

# -- --fix-script run with sh gives --fix's end state (nas4 vs nas2)
"$SYN" scan -F "$S/ssh_config" --known-hosts "$S/known_hosts" root@nas4 \
    --fix-risky --skip SSHD-001 --fix-script "$T/fix4.sh" >/dev/null 2>&1
ssh -F "$S/ssh_config" -o BatchMode=yes root@nas4 sh -s <"$T/fix4.sh" >"$T/s4.out" 2>&1
if cmp -s "$(cfg nas4)" "$(cfg nas2)"; then ok "--fix-script end state equals --fix's"
else diff "$(cfg nas2)" "$(cfg nas4)" >"$T/d.out"; bad "--fix-script end state differs" "$T/d.out"; fi
m2=$(stat -c %a "$(cfg nas2)" "$(tree nas2)/volume1/homes/admin")
m4=$(stat -c %a "$(cfg nas4)" "$(tree nas4)/volume1/homes/admin")
[ "$m2" = "$m4" ] && ok "same modes ($(echo $m2))" || bad "modes differ: $m2 / $m4"

# -- --fix refuses non-SSH targets
"$SYN" scan --bundle "$HERE/../../examples/seed-remote.bundle" --fix >"$T/u.out" 2>&1
[ $? -eq 2 ] && ok "--fix on a bundle: usage error" || bad "--fix on a bundle" "$T/u.out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
