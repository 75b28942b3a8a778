# lib.sh — helpers for the shell-driven tests: counters, expectations, temp dirs.
# Each test prints "N passed, M failed" and exits non-zero on any failure.
set -u
SL=${SL_SYNOLINT:?SL_SYNOLINT not set (run through ctest)}
SRC=${SL_SOURCE_DIR:?}
npass=0
nfail=0
T=$(mktemp -d /tmp/sltest.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH

ok() { npass=$((npass + 1)); }
bad() { nfail=$((nfail + 1)); printf 'FAIL: %s\n' "$*" >&2; }

# expect_exit CODE DESC -- CMD...: runs CMD, output in $T/out and $T/err.
expect_exit() {
	want=$1; desc=$2; shift 3
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		bad "$desc: exit $got, want $want"; sed 's/^/  | /' "$T/err" >&2; fi
}

# expect_grep PATTERN FILE DESC
expect_grep() {
	if grep -q -e "$1" "$2"; then ok; else bad "$3: no \"$1\" in $(basename "$2")"; sed 's/^/  | /' "$2" | head -20 >&2; fi
}

expect_nogrep() {
	if grep -q -e "$1" "$2"; then bad "$3: unexpected \"$1\""; else ok; fi
}

finish() {
	printf '%d passed, %d failed\n' "$npass" "$nfail"
	[ "$nfail" -eq 0 ]
}
