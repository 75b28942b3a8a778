#!/bin/sh
# hostile-tree.sh — the "trap" scenario's tree (tests/lab/scenarios/trap.sh:
# authorized_keys symlinked to /etc/shadow and to root's private key, .ssh
# symlinked out of the home, file names with newlines, escapes and invalid
# UTF-8, an Include loop and `Include /dev/zero`) scanned with --root by the
# real collector, beside a good tree: no crash, no hang, the good tree's
# report unchanged, every report valid, and no secret (the SLSECRET marker
# in the shadow hashes and the private key) in the bundle or any report.
# Needs root (77 otherwise); no lab.
# shellcheck source=tests/cli/lib.sh disable=SC1091,SC2015
. "$(dirname "$0")/../cli/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root"; exit 77; }
command -v xmllint >/dev/null 2>&1 || { echo "SKIP: needs xmllint"; exit 77; }
VAL="/usr/bin/python3 $SRC/tests/helpers/validate_json.py"
mkdir -p "$T/trap" "$T/good"
SL_MAKE_TREE=$SRC/examples/make-tree.sh sh "$SRC/tests/lab/scenarios/trap.sh" "$T/trap" >"$T/mk.log" 2>&1 ||
	{ cat "$T/mk.log" >&2; bad "trap tree not built"; finish; exit 1; }
sh "$SRC/examples/make-tree.sh" seed-remote "$T/good/tree"
printf 'Include /etc/ssh/loop.conf\n' >>"$T/trap/tree/etc/ssh/sshd_config"
# an OpenSSH with Include (seed-remote's 7.4 has none), so the loop is parsed
printf 'stub sshd OpenSSH_9.2p1\n' >"$T/trap/tree/usr/bin/sshd"
for t in trap good; do ln -s "$T/$t/tree" "$T/$t.root"; done

# capture: the bundle itself holds no secret.
expect_exit 0 "capture the trap tree" -- timeout 120 "$SL" capture --root "$T/trap.root" -o "$T/trap.bundle"
expect_nogrep SLSECRET "$T/trap.bundle" "secret in the captured bundle"
expect_grep "PRIVATE KEY" "$T/trap.bundle" "the private key's header is still sent"

"$SL" scan --root "$T/good.root" --report "json:$T/alone.json" >/dev/null 2>&1
expect_exit 1 "trap + good: both scanned, with findings" -- timeout 120 "$SL" scan --root "$T/trap.root" --root "$T/good.root" \
    --report "json:$T/r.json" --report "sarif:$T/r.sarif" --report "junit:$T/r.xml" \
    --report "text:$T/r.txt" --report "html:$T/r.html"
cp "$T/err" "$T/scan.err"
expect_grep "/etc/ssh/loop.conf:1: Include: bad value" "$T/r.txt" "Include loop is an SSHD-027 finding"
expect_grep "/var/services/homes/eve/.ssh/authorized_keys:1: unknown key type (a" "$T/r.txt" "shadow lines judged, unquoted"
# a symlink out of the home never earns a chown/chmod of its target
expect_nogrep "\\(chown [a-z]*\\|chmod [0-7]*\\) '/etc\\(/shadow\\)*'" "$T/r.txt" "fix touching /etc or /etc/shadow"
expect_grep "'/etc/shadow' is outside eve's home" "$T/r.txt" "the fix says why"
for f in r.json r.sarif r.xml r.txt r.html scan.err; do
	expect_nogrep SLSECRET "$T/$f" "secret in $f"
done
if $VAL "$SRC/docs/json-report.schema.json" "$T/r.json" 2>"$T/v.err"; then ok; else bad "JSON report invalid"; cat "$T/v.err" >&2; fi
if $VAL "$SRC/tests/schemas/sarif-schema-2.1.0.json" "$T/r.sarif" 2>"$T/v.err"; then ok; else bad "SARIF invalid"; cat "$T/v.err" >&2; fi
if xmllint --noout --schema "$SRC/tests/schemas/junit.xsd" "$T/r.xml" 2>"$T/v.err"; then ok; else bad "JUnit invalid"; cat "$T/v.err" >&2; fi
# no raw control byte (ESC, BEL) reaches the text report or stderr
for f in r.txt scan.err; do
	if LC_ALL=C grep -q "$(printf '[\033\007]')" "$T/$f"; then bad "control bytes in $f"; else ok; fi
done
python3 - "$T/r.json" "$T/alone.json" "$T/good.root" <<'PY' && ok || bad "good tree's report changed beside the trap"
import json, sys
both, alone, good = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
g = lambda r: ([h for h in r["hosts"] if h["name"] == good],
               [f for f in r["findings"] if f["host"] == good])
assert g(both) == g(alone) and g(alone)[1], "differs"
PY
finish
