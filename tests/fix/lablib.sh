# lablib.sh — what the fixer's lab tests (apply-lab.sh, become-lab.sh,
# script-lab.sh) share. Sourced; `lab_test_init NAME [COMMAND...]` skips
# (exit 77) unless root, the lab's tools plus COMMANDs and $SL_SYNOLINT are
# there, then sets HERE and LAB_DIR, lab() (lab.sh), SYN (absolute), a work
# directory T (kept with KEEP=1) with the lab state S, brought down on exit,
# and the ok/bad counters (passed, failed).
# shellcheck shell=sh
lab() { sh "$LAB_DIR/lab.sh" "$@"; }
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; [ -f "${2:-}" ] && sed 's/^/    /' "$2"; }

lab_test_init() {
	lti_name=$1
	shift
	LAB_DIR=$HERE/../lab
	[ "$(id -u)" -eq 0 ] || { echo "skip: the lab needs root"; exit 77; }
	for lti_c in unshare nsenter ssh ssh-keygen ss /usr/sbin/sshd "$@"; do
		command -v "$lti_c" >/dev/null 2>&1 || { echo "skip: needs $lti_c"; exit 77; }
	done
	SYN=${SL_SYNOLINT:-}
	[ -n "$SYN" ] && [ -x "$SYN" ] || { echo "skip: SL_SYNOLINT not set"; exit 77; }
	SYN=$(cd -P -- "$(dirname -- "$SYN")" && pwd -P)/$(basename -- "$SYN")
	T=$(mktemp -d "${TMPDIR:-/tmp}/sl-$lti_name.XXXXXX") || exit 1
	S=$T/lab
	trap 'lab down --state "$S" >/dev/null 2>&1; if [ -n "${KEEP:-}" ]; then echo "kept $T"; else rm -rf -- "$T"; fi' EXIT
	trap 'exit 130' INT TERM
	passed=0
	failed=0
}
