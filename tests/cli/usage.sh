#!/bin/sh
# usage.sh — every command-line mistake gets one clear line and exit 2.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "--version" -- "$SL" --version
expect_grep "^synolint [0-9]" "$T/out" "--version prints the version"
expect_exit 0 "--help" -- "$SL" --help
cp "$T/out" "$T/help"
for c in scan capture sshd-effective rules; do
	expect_grep "^  $c " "$T/help" "--help lists $c"
	expect_exit 0 "$c -h" -- "$SL" "$c" -h
	expect_grep "^usage: synolint $c" "$T/out" "$c -h synopsis"
done
expect_exit 2 "no command" -- "$SL"
expect_exit 2 "unknown command" -- "$SL" frobnicate
expect_grep 'unknown command "frobnicate"' "$T/err" "unknown command named"
expect_exit 2 "unknown option" -- "$SL" scan --bogus
expect_grep "unknown option --bogus" "$T/err" "unknown option named"
expect_exit 2 "missing argument" -- "$SL" scan --root
expect_grep "needs an argument" "$T/err" "missing argument named"
expect_exit 2 "nothing to scan" -- "$SL" scan
expect_exit 2 "bad --fail-on" -- "$SL" scan --fail-on severe --local
expect_grep 'unknown severity "severe"' "$T/err" "bad severity named"
expect_exit 2 "bad report format" -- "$SL" scan --report pdf --local
expect_grep "pdf" "$T/err" "bad report format named"
expect_exit 2 "capture without -o" -- "$SL" capture --root /nonexistent
expect_exit 2 "capture of a bundle" -- "$SL" capture --bundle x -o y
expect_exit 2 "bad --openssh-version" -- "$SL" scan --openssh-version nine --local
expect_exit 2 "sshd-effective two targets" -- "$SL" sshd-effective --root / --root /
expect_exit 2 "unknown rule" -- "$SL" rules NOPE-999
expect_grep 'no rule "NOPE-999"' "$T/err" "unknown rule named"

# A rule directory with a broken rule: file:line:col and exit 2.
mkdir "$T/rules"
printf 'rule X-1\n\tsevrity high\nend\n' >"$T/rules/bad.rules"
expect_exit 2 "bad rule file" -- "$SL" rules --rules "$T/rules"
expect_grep "bad.rules:2:[0-9]*: error" "$T/err" "rule error located"

# Bad input files: one line naming the file, exit 3, no crash.
printf 'synolint-bundle\t1\nmeta\thostname\tx\n' >"$T/trunc.bundle"
expect_exit 3 "truncated bundle" -- "$SL" scan --bundle "$T/trunc.bundle"
expect_grep "trunc.bundle" "$T/err" "truncated bundle named"
expect_exit 3 "missing bundle" -- "$SL" scan --bundle "$T/nope.bundle"
expect_grep "nope.bundle" "$T/err" "missing bundle named"
expect_exit 3 "missing root" -- "$SL" scan --root "$T/nonexistent"
expect_grep "nonexistent" "$T/err" "missing root named"
# sshd-effective on a config sshd would refuse: every bad line located, exit 1.
mkdir -p "$T/bad/etc/ssh"
printf 'PermitRootLogin no\nFoo bar\nMaxAuthTries x\n' >"$T/bad/etc/ssh/sshd_config"
expect_exit 1 "sshd-effective of a rejected config" -- "$SL" sshd-effective --root "$T/bad"
expect_grep "sshd_config:2: error: .*Foo" "$T/err" "bad keyword located"
expect_grep "sshd_config:3: error: MaxAuthTries" "$T/err" "bad value located"
expect_grep "^permitrootlogin no$" "$T/out" "valid lines still shown"
mkdir -p "$T/empty"
expect_exit 3 "sshd-effective without sshd_config" -- "$SL" sshd-effective --root "$T/empty"
expect_grep "no sshd configuration" "$T/err" "missing sshd_config named"
finish
