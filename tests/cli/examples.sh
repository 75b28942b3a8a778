#!/bin/sh
# examples.sh — the bundled example NAS give the findings the README promises,
# and every report validates against its schema.
. "$(dirname "$0")/lib.sh"
EX=$SRC/examples
XSD=$SRC/tests/schemas/junit.xsd

for b in seed-local seed-remote dsm-default hardened; do
	[ -f "$EX/$b.bundle" ] || { bad "missing example $b.bundle"; continue; }
	"$SL" scan --bundle "$EX/$b.bundle" --color never --all \
	    --report "text:$T/$b.txt" --report "junit:$T/$b.xml" 2>"$T/$b.err"
	echo $? >"$T/$b.rc"
	if xmllint --noout --schema "$XSD" "$T/$b.xml" 2>"$T/xmllint.err"; then ok; else
		bad "$b: JUnit report does not validate"; cat "$T/xmllint.err" >&2; fi
	expect_nogrep "error" "$T/$b.err" "$b: no errors on stderr"
done

# The hardened NAS is clean: exit 0, no failures.
expect_grep "^0$" "$T/hardened.rc" "hardened exits 0"
expect_grep 'failures="0"' "$T/hardened.xml" "hardened has no JUnit failures"
# DSM defaults: password login, 0777 homes that break key login.
expect_grep "^1$" "$T/dsm-default.rc" "dsm-default exits 1"
expect_grep "PasswordAuthentication" "$T/dsm-default.txt" "dsm-default: password auth"
expect_grep "refuses key login\|breaks key login" "$T/dsm-default.txt" "dsm-default: StrictModes refusal"
# The seed recipe's remote NAS: the obsolete RSAAuthentication line, located.
expect_grep "^1$" "$T/seed-remote.rc" "seed-remote exits 1"
expect_grep "RSAAuthentication" "$T/seed-remote.txt" "seed-remote: RSAAuthentication"
expect_grep "sshd_config:[0-9]" "$T/seed-remote.txt" "seed-remote: file:line"
expect_grep "^1$" "$T/seed-local.rc" "seed-local exits 1"

# --fail-on critical: the same scan exits 0 when nothing is critical.
"$SL" scan --bundle "$EX/hardened.bundle" --fail-on critical >/dev/null 2>&1
[ $? -eq 0 ] && ok || bad "--fail-on critical on hardened"
# --only restricts the rules evaluated.
"$SL" scan --bundle "$EX/dsm-default.bundle" --only 'NOSUCH-*' --report "junit:$T/only.xml" >/dev/null 2>&1
expect_grep 'tests="0"' "$T/only.xml" "--only with no match evaluates nothing"
finish
