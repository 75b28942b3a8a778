#!/bin/sh
# dryrun.sh — `synolint scan --dry-run` on the example bundles: the plan per
# host (action, object, rule), unified diffs, risky rules only when named,
# --skip and waivers, exit codes as for a scan, nothing touched; the
# --fix-script file (mode 0700, shellcheck-clean) and option errors.
. "$(dirname "$0")/../cli/lib.sh"
EX=$SRC/examples

for b in seed-local seed-remote dsm-default hardened; do
	"$SL" scan --bundle "$EX/$b.bundle" --report "text:$T/plain.txt" >/dev/null 2>&1
	want=$?
	sum=$(cksum <"$EX/$b.bundle")
	"$SL" scan --bundle "$EX/$b.bundle" --dry-run --report "text:$T/$b.txt" \
	    >"$T/$b.plan" 2>"$T/$b.err"
	got=$?
	[ "$got" -eq "$want" ] && ok || bad "$b: --dry-run exits $got, a scan $want"
	[ "$(cksum <"$EX/$b.bundle")" = "$sum" ] && ok || bad "$b: bundle changed"
	expect_grep "^host .*: [0-9]* fix" "$T/$b.plan" "$b: plan header"
	expect_nogrep "error" "$T/$b.err" "$b: no errors"
done
expect_grep "^host .*hardened.bundle: 0 fixes planned, 0 skipped" "$T/hardened.plan" \
    "hardened: nothing to fix"
expect_nogrep "^--- a/" "$T/hardened.plan" "hardened: no diff"

P=$T/seed-remote.plan
# action, object, rule; the diff of sshd_config
expect_grep "^  fix     SSHD-015  sshd_set    host$" "$P" "seed-remote: SSHD-015 planned"
expect_grep "^  fix     SSHD-010  sshd_set    user:admin$" "$P" "seed-remote: Match User admin fix"
expect_grep "^  fix     HOME-002  chmod       user:admin$" "$P" "seed-remote: chmod of the home"
expect_grep "chmod 0710 /volume1/homes/admin (now 0711)" "$P" "seed-remote: the real home path"
expect_grep "^  fix     DSM-001   synowebapi  host$" "$P" "seed-remote: Auto Block via synowebapi"
expect_grep "^--- a/etc/ssh/sshd_config$" "$P" "seed-remote: diff header"
expect_grep "^+++ b/etc/ssh/sshd_config$" "$P" "seed-remote: diff header +++"
expect_grep "^@@ -[0-9]*,[0-9]* +[0-9]*,[0-9]* @@$" "$P" "seed-remote: hunk"
expect_grep "^+LogLevel VERBOSE$" "$P" "seed-remote: LogLevel inserted"
expect_grep "^-	AllowTcpForwarding yes$" "$P" "seed-remote: Match block line edited"
expect_grep "^+	AllowTcpForwarding no$" "$P" "seed-remote: ... in place"
# inserted before the comment that introduces the first Match block
if grep -A1 '^+MaxStartups 10:30:60$' "$P" | grep -q '^ # Example of overriding'; then ok; else
	bad "seed-remote: new lines not right above the Match section"; fi
# risky rules are skipped with the reason and how to ask for them
expect_grep "^  skip    SSHD-002  sshd_set    host$" "$P" "seed-remote: SSHD-002 skipped"
expect_grep "skipped: risky: PasswordAuthentication no .*--only SSHD-002 or use --fix-risky" "$P" \
    "seed-remote: reason for SSHD-002"
expect_nogrep "^+PasswordAuthentication no" "$P" "seed-remote: no risky edit by default"
expect_grep "^  manual  DSM-004" "$P" "seed-remote: DSM's port is manual"
expect_nogrep "^+Port" "$P" "seed-remote: never a Port line on DSM"

# --only ID names a risky rule; --fix-risky allows all of them
"$SL" scan --bundle "$EX/seed-remote.bundle" --dry-run --only SSHD-002 --report "text:$T/report.txt" >"$T/only" 2>&1
expect_grep "^  fix     SSHD-002  sshd_set    host$" "$T/only" "--only SSHD-002 plans it"
expect_grep "^-PasswordAuthentication yes$" "$T/only" "--only SSHD-002: edited in place (-)"
expect_grep "^+PasswordAuthentication no$" "$T/only" "--only SSHD-002: edited in place (+)"
expect_grep "^host .*: 1 fix planned, 0 skipped" "$T/only" "--only SSHD-002: only that rule"
"$SL" scan --bundle "$EX/seed-remote.bundle" --dry-run --only 'SSHD-00*' --report "text:$T/report.txt" >"$T/glob" 2>&1
expect_grep "^  skip    SSHD-002" "$T/glob" "a glob does not name a risky rule"
"$SL" scan --bundle "$EX/seed-remote.bundle" --dry-run --fix-risky --report "text:$T/report.txt" >"$T/risky" 2>&1
expect_grep "^  fix     SSHD-001  sshd_set    host$" "$T/risky" "--fix-risky plans SSHD-001"
expect_grep "^+PermitRootLogin no$" "$T/risky" "--fix-risky: PermitRootLogin inserted"
# --skip: not evaluated, not fixed
"$SL" scan --bundle "$EX/seed-remote.bundle" --dry-run --skip SSHD-015 --report "text:$T/report.txt" >"$T/skip" 2>&1
expect_nogrep "SSHD-015" "$T/skip" "--skip SSHD-015"
expect_nogrep "^+LogLevel" "$T/skip" "--skip SSHD-015: no edit"
# a waived finding is not fixed
printf 'SSHD-015 * * 2999-12-31 "we log elsewhere"\n' >"$T/waivers"
"$SL" scan --bundle "$EX/seed-remote.bundle" --dry-run --waivers "$T/waivers" --report "text:$T/report.txt" >"$T/waived" 2>&1
expect_grep "skipped: waived (.*waivers:1, until 2999-12-31)" "$T/waived" "waived finding skipped"
expect_nogrep "^+LogLevel" "$T/waived" "waived: no edit"
# a waiver on one object of an sshd rule keeps the whole edit out
printf 'SSHD-010 * user:admin 2999-12-31 "admin tunnels on purpose"\n' >"$T/waivers2"
"$SL" scan --bundle "$EX/seed-remote.bundle" --dry-run --waivers "$T/waivers2" --report "text:$T/report.txt" >"$T/waived2" 2>&1
expect_grep "^  skip    SSHD-010  sshd_set    user:root$" "$T/waived2" "waived object: the rule is skipped"
expect_nogrep "^+	AllowTcpForwarding no" "$T/waived2" "waived object: no edit"

# --fix-script: one script, mode 0700, written atomically; shellcheck-clean
expect_exit 1 "--fix-script on seed-remote" -- "$SL" scan --bundle "$EX/seed-remote.bundle" \
    --fix-script "$T/fix.sh" --report "text:$T/report.txt"
[ -f "$T/fix.sh" ] && ok || bad "no fix script written"
[ "$(stat -c %a "$T/fix.sh")" = 700 ] && ok || bad "fix script mode is $(stat -c %a "$T/fix.sh")"
sh -n "$T/fix.sh" && ok || bad "fix script: sh -n"
if command -v shellcheck >/dev/null 2>&1; then
	if shellcheck -s sh "$T/fix.sh" >"$T/sc" 2>&1; then ok; else bad "shellcheck"; head -30 "$T/sc" >&2; fi
fi
expect_grep "^	if \[ \"\$(uname -n)\" != 'nas-remote' \]; then" "$T/fix.sh" "host guard on uname -n"
expect_grep "synoservicectl --reload sshd" "$T/fix.sh" "DSM 6 reload"
ls "$T" | grep -q '^fix.sh\.' && bad "temp file left beside the script" || ok

# a host that could not be scanned has no plan, the others do (exit 3)
expect_exit 3 "--dry-run with a missing bundle" -- "$SL" scan --bundle "$T/missing.bundle" \
    --bundle "$EX/seed-remote.bundle" --dry-run --report "text:$T/report.txt"
expect_grep "missing.bundle: could not be scanned: no plan" "$T/out" "unscanned host named"
expect_grep "^+LogLevel VERBOSE$" "$T/out" "the other host still planned"

# one script for several hosts, each behind its own guard
"$SL" scan --bundle "$EX/seed-remote.bundle" --bundle "$EX/seed-local.bundle" \
    --bundle "$EX/hardened.bundle" --fix-script "$T/fleet.sh" --report "text:$T/report.txt" >/dev/null 2>&1
expect_grep "^# Hosts: [^ ]*/seed-remote.bundle [^ ]*/seed-local.bundle$" "$T/fleet.sh" \
    "fleet script: hosts with something to fix"
expect_grep "'nas-remote' ]; then" "$T/fleet.sh" "fleet script: guard nas-remote"
expect_grep "'nas-local' ]; then" "$T/fleet.sh" "fleet script: guard nas-local"
[ "$(grep -c '^sl_host_[0-9]*$' "$T/fleet.sh")" = 2 ] && ok || bad "fleet script: two host parts"

# a report to something that is not a regular file (a fifo here; /dev/null
# in real life) is written in place, never replaced by a renamed temp file
mkfifo "$T/fifo"
timeout 10 cat "$T/fifo" >"$T/fifo.out" &
"$SL" scan --bundle "$EX/hardened.bundle" --report "text:$T/fifo" >/dev/null 2>&1
wait
[ -p "$T/fifo" ] && ok || bad "a fifo report target was replaced"
expect_grep "hardened.bundle" "$T/fifo.out" "the report went through the fifo"

# option errors: exit 2, one line, nothing written
expect_exit 2 "--fix on a bundle" -- "$SL" scan --bundle "$EX/seed-remote.bundle" --fix
expect_grep "applies over SSH only" "$T/err" "--fix message"
expect_exit 2 "--fix-risky alone" -- "$SL" scan --bundle "$EX/seed-remote.bundle" --fix-risky
expect_exit 2 "--fix-script into a missing directory" -- "$SL" scan --bundle "$EX/seed-remote.bundle" \
    --fix-script "$T/no/such/dir/fix.sh" --report "text:$T/report.txt"
[ ! -e "$T/no" ] && ok || bad "a directory was created"
"$SL" scan --help >"$T/help"
expect_grep "--dry-run" "$T/help" "help: --dry-run"
expect_grep "--fix-script FILE" "$T/help" "help: --fix-script"
expect_grep "--fix-risky" "$T/help" "help: --fix-risky"
finish
