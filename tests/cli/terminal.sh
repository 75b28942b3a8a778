#!/bin/sh
# terminal.sh — the habits of a terminal tool: colour (--color, NO_COLOR,
# only on a TTY by default), -q/-v/-vv, the fleet progress line only when
# stderr is a TTY, "synolint: host H: ..." error lines, and `synolint
# explain`. A TTY comes from script(1) (util-linux).
. "$(dirname "$0")/lib.sh"
export SYNOLINT_SYSTEM_CONFIG=/nonexistent HOME="$T"
unset NO_COLOR XDG_CONFIG_HOME SYNOLINT_CONFIG
B1=$SRC/examples/seed-remote.bundle
B2=$SRC/examples/hardened.bundle
B3=$SRC/examples/dsm-default.bundle
ESC=$(printf '\033')
command -v script >/dev/null 2>&1 || { echo "script(1) missing: skipped"; exit 77; }
cd "$T" || exit 1
# tty CMD: runs the shell command CMD with stdin/stdout/stderr on a
# pseudo-terminal; what the terminal showed is in tty.out
tty() { script -qec "$1" /dev/null </dev/null >tty.out 2>&1; }

# Colour
tty "'$SL' scan --bundle '$B1'"
grep -q "$ESC\[" tty.out && ok || bad "no colour on a TTY"
tty "NO_COLOR=1 '$SL' scan --bundle '$B1'"
grep -q "$ESC\[" tty.out && bad "colour despite NO_COLOR" || ok
tty "NO_COLOR= '$SL' scan --bundle '$B1'"
grep -q "$ESC\[" tty.out && ok || bad "an empty NO_COLOR turned colour off"
tty "'$SL' scan --color=never --bundle '$B1'"
grep -q "$ESC\[" tty.out && bad "colour with --color=never" || ok
"$SL" scan --bundle "$B1" >pipe.out 2>&1
grep -q "$ESC" pipe.out && bad "colour into a pipe" || ok
"$SL" scan --color=always --bundle "$B1" >pipe.out 2>&1
grep -q "$ESC\[" pipe.out && ok || bad "no colour with --color=always"
NO_COLOR=1 "$SL" scan --color always --bundle "$B1" >pipe.out 2>&1
grep -q "$ESC\[" pipe.out && ok || bad "--color always must win over NO_COLOR"
expect_exit 2 "--color=sometimes" -- "$SL" scan --color=sometimes --bundle "$B1"
expect_grep 'synolint: scan: --color: "sometimes" is not auto, always or never' "$T/err" "--color error"

# Progress: on a TTY for a fleet, never when stderr is not a TTY, not with -q/-v
tty "'$SL' scan --bundle '$B1' --bundle '$B2' --bundle '$B3' >/dev/null"
expect_grep 'hosts done' tty.out "progress line on a TTY"
tty "'$SL' scan --bundle '$B1' --bundle '$B2' --bundle '$B3' 2>err.file"
expect_nogrep 'hosts done' tty.out "no progress on the terminal when stderr is a file"
expect_nogrep 'hosts done' err.file "no progress into a file"
"$SL" scan --bundle "$B1" --bundle "$B2" --bundle "$B3" >/dev/null 2>pipe.err
expect_nogrep 'hosts done' pipe.err "no progress into a pipe"
tty "'$SL' -q scan --bundle '$B1' --bundle '$B2' --bundle '$B3' >/dev/null"
expect_nogrep 'hosts done' tty.out "no progress with -q"
tty "'$SL' scan --bundle '$B1' >/dev/null"
expect_nogrep 'hosts done' tty.out "no progress for one host"

# -q / -v / -vv, and host errors as one line each
expect_exit 3 "-q with a failing host" -- "$SL" -q scan --bundle "$B2" --bundle missing.bundle --report json:q.json
expect_grep '^synolint: host missing.bundle: could not be scanned: ' "$T/err" "host error line"
[ "$(wc -l <"$T/err")" -eq 1 ] && ok || bad "-q: more than the error on stderr: $(cat "$T/err")"
expect_exit 3 "default level" -- "$SL" scan --bundle "$B2" --bundle missing.bundle
expect_nogrep 'evaluate' "$T/err" "no timings without -v"
expect_exit 3 "-v" -- "$SL" -v scan --bundle "$B2" --bundle missing.bundle
expect_grep "^synolint: scanning 2 hosts" "$T/err" "-v announces the fleet"
expect_grep "^synolint: host $B2: read [0-9]* ms, evaluate [0-9]* ms$" "$T/err" "-v: per-host timings of a bundle"
expect_grep '^synolint: host missing.bundle: could not be scanned' "$T/err" "-v keeps the host error"
# a collector run: one round trip, timed (a --root tree runs the real collector)
sh "$SRC/examples/make-tree.sh" hardened tree >/dev/null 2>&1 && ok || bad "make-tree.sh hardened"
expect_exit 0 "-v --root" -- "$SL" -v scan --root tree --report json:v.json
expect_grep "^synolint: host tree: collect [0-9]* ms in 1 round trip ([0-9]* bytes), evaluate [0-9]* ms$" "$T/err" "-v: collector round trips and timings"
expect_exit 0 "-vv" -- "$SL" -vv scan --root tree --report json:v.json
expect_grep "collect [0-9]* ms in 1 round trip" "$T/err" "-vv includes -v"
[ "$(wc -l <"$T/err")" -ge 2 ] && ok || bad "-vv printed less than -v"

# A report path that is a device or a FIFO is written in place, never
# replaced by a regular file (the temp-file-and-rename would do that).
if mknod dev c 1 3 2>/dev/null; then
	expect_exit 1 "report to a character device" -- "$SL" scan --bundle "$B1" --report json:dev
	[ -c dev ] && ok || bad "the device was replaced by a file"
	[ -z "$(ls dev.* 2>/dev/null)" ] && ok || bad "a temporary file was left beside the device"
fi
mkfifo fifo && { timeout 20 cat fifo >fifo.out & }
expect_exit 1 "report to a FIFO" -- "$SL" scan --bundle "$B1" --report json:fifo
wait
[ -p fifo ] && ok || bad "the FIFO was replaced by a file"
expect_grep '"synolint-report"' fifo.out "the report went through the FIFO"

# explain
expect_exit 0 "explain SSHD-001" -- "$SL" explain SSHD-001
for section in '^SSHD-001  Root cannot log in over SSH' '^Why it matters' '^What it looks at' \
    'check: *sshd_value_in PermitRootLogin no' 'effective sshd configuration' '^How to fix it' \
    'sshd_set PermitRootLogin no' '^References' 'CIS-Debian12:'; do
	expect_grep "$section" "$T/out" "explain SSHD-001: $section"
done
expect_exit 0 "explain a DSM rule" -- "$SL" explain DSM-004
expect_grep 'synowebapi' "$T/out" "explain DSM-004: the DSM fix"
expect_grep 'what DSM says' "$T/out" "explain DSM-004: evidence"
expect_exit 0 "explain with a profile" -- "$SL" explain --profile home SSHD-007
expect_grep 'sshd_int_range MaxAuthTries 0 6\|MaxAuthTries.*6' "$T/out" "explain resolves the profile's values"
expect_exit 2 "explain an unknown id" -- "$SL" explain sshd-01
expect_grep '^synolint: error: no rule "sshd-01"; did you mean SSHD-001' "$T/err" "close ids suggested"
[ "$(wc -l <"$T/err")" -eq 1 ] && ok || bad "explain error is not one line"
expect_exit 2 "explain nonsense" -- "$SL" explain QQQQQQQQQQ
expect_grep 'no rule "QQQQQQQQQQ" (`synolint rules` lists them)' "$T/err" "no suggestion for nonsense"
expect_exit 2 "explain without id" -- "$SL" explain
finish
