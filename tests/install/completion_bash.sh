#!/bin/sh
# completion_bash.sh — source completions/synolint.bash in bash, call
# _synolint with COMP_WORDS/COMP_CWORD as bash would, check the candidates:
# commands, per-command options (equal to `synolint CMD -h`), rule ids,
# enumerated values and hosts from the ssh config.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
command -v bash >/dev/null || { echo "SKIP: no bash"; exit 77; }
cat >"$T/ssh_config" <<'CFG'
Host nas1 nas2
	HostName 10.0.0.1
Host *.lan !bad
Host backup-nas
CFG
# complete WORDS...: the last word is the one being completed.
complete_words() {
	SYNOLINT_SSH_CONFIG="$T/ssh_config" bash -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_synolint
		printf "%s\n" "${COMPREPLY[@]}" | sort' sh \
	    "$SRC/completions/synolint.bash" "$SL" "$@" >"$T/c"
}
want() { # DESC WORD...: candidates must be exactly these
	d=$1; shift
	printf '%s\n' "$@" | sort >"$T/w"
	if cmp -s "$T/c" "$T/w"; then ok; else bad "$d"; diff "$T/w" "$T/c" >&2; fi
}
complete_words ""
# shellcheck disable=SC2046
want "commands" $("$SL" --help | awk '/^Commands:/ {f = 1; next} /^$/ {f = 0} f {print $1}')
grep -qx scan "$T/c" && grep -qx keys "$T/c" && ok || bad "commands: no scan or keys"
complete_words s
want "commands with s" scan sshd-effective
complete_words --ve
want "global --ve" --verbose --version
complete_words scan --fa
want "scan --fa" --fail-on
complete_words scan --fail-on ""
want "--fail-on values" info low medium high critical
complete_words -v scan --report j
want "--report j" junit json
complete_words keys --format ""
want "--format values" text json dot
complete_words scan ""
want "hosts from ssh config" nas1 nas2 backup-nas
complete_words capture b
want "capture hosts" backup-nas
# Every option of `scan -h`, no more.
complete_words scan -
"$SL" scan -h | sed -n '/^Options:/,/^$/p' | cut -c1-33 |
	grep -oE -- '--?[A-Za-z][-A-Za-z]*' | sort -u >"$T/w"
sort -u "$T/c" >"$T/c2"
if cmp -s "$T/c2" "$T/w"; then ok; else bad "scan - options"; diff "$T/w" "$T/c2" >&2; fi
grep -qx -- --waivers "$T/c" && ok || bad "scan -: no --waivers"
grep -qx -- --dump "$T/c" && bad "scan -: offers rules' --dump" || ok
# Rule ids for --only and for `rules ID`.
complete_words scan --only SSHD-00
"$SL" rules | awk '$1 ~ /^SSHD-00/ {print $1}' | sort >"$T/w"
[ -s "$T/w" ] && cmp -s "$T/c" "$T/w" && ok || { bad "--only rule ids"; diff "$T/w" "$T/c" >&2; }
complete_words explain DSM-00
grep -qx DSM-001 "$T/c" && ok || bad "explain DSM-00: no DSM-001"
complete_words merge --format ""
[ "$(sort "$T/c" | tr '\n' ' ')" = "json junit sarif " ] && ok || bad "merge --format: $(cat "$T/c")"
complete_words keys --format ""
[ "$(sort "$T/c" | tr '\n' ' ')" = "dot json text " ] && ok || bad "keys --format: $(cat "$T/c")"
complete_words --n
grep -qx -- --no-config "$T/c" && ok || bad "global --no-config not offered"
complete_words rules DSM-00
grep -qx DSM-001 "$T/c" && ok || bad "rules DSM-00: no DSM-001"
grep -v '^DSM-00' "$T/c" | grep -q . && bad "rules DSM-00: other ids" || ok
# Files for --bundle.
mkdir "$T/d" && : >"$T/d/nas.bundle"
complete_words scan --bundle "$T/d/na"
want "--bundle files" "$T/d/nas.bundle"
if command -v shellcheck >/dev/null; then
	shellcheck -s bash "$SRC/completions/synolint.bash" >"$T/sc" 2>&1 && ok ||
		{ bad "shellcheck completions/synolint.bash"; cat "$T/sc" >&2; }
fi
finish
