#!/bin/sh
# completion_zsh.sh — load completions/_synolint in a real zsh completion
# system (zsh/zpty drives an interactive shell), press TAB and check the
# candidates zsh lists.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
command -v zsh >/dev/null || { echo "SKIP: zsh not installed"; exit 77; }
mkdir -p "$T/fn"
cp "$SRC/completions/_synolint" "$T/fn/_synolint"
mkdir -p "$T/bin" && ln -s "$SL" "$T/bin/synolint"
cat >"$T/ssh_config" <<'CFG'
Host nas1 nas2
Host *.lan
CFG
# zcomplete LINE: type LINE and TAB in a zpty-driven zsh; candidates to $T/c.
zcomplete() {
	HOME=$T SYNOLINT_SSH_CONFIG="$T/ssh_config" PATH="$T/bin:$PATH" \
	    FPATH_DIR="$T/fn" LINE="$1" timeout 20 zsh -f -c '
		zmodload zsh/zpty
		zpty z zsh -f -i
		zpty -w z "PS1=; fpath=($FPATH_DIR \$fpath); autoload -Uz compinit; compinit -u -D"
		zpty -w z "zstyle \":completion:*\" list-grouped no; LISTMAX=0; setopt nolistambiguous nolistbeep; unsetopt alwayslastprompt"
		zpty -w z "compdef _synolint synolint"
		zpty -w -n z "$LINE"$'"'"'\t'"'"'
		sleep 2
		out=
		while zpty -r -t z line; do out+=$line; done
		print -r -- "$out"
		zpty -d z' >"$T/raw" 2>&1
	tr -d '\r' <"$T/raw" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' | tr -s ' \t' '\n\n' >"$T/c"
}
zcomplete "synolint s"
grep -qx scan "$T/c" && grep -qx sshd-effective "$T/c" && ok ||
	{ bad "zsh: commands for s"; cat "$T/raw" >&2; }
grep -qx keys "$T/c" && bad "zsh: keys offered for s" || ok
zcomplete "synolint scan --fail-on "
grep -qx critical "$T/c" && grep -qx info "$T/c" && ok || { bad "zsh: --fail-on values"; cat "$T/raw" >&2; }
zcomplete "synolint scan --wai"
grep -q -- '--waivers' "$T/c" && ok || { bad "zsh: scan --wai"; cat "$T/raw" >&2; }
zcomplete "synolint scan na"
grep -qx nas1 "$T/c" && grep -qx nas2 "$T/c" && ok || { bad "zsh: hosts"; cat "$T/raw" >&2; }
zcomplete "synolint rules DSM-00"
grep -qx DSM-001 "$T/c" && ok || { bad "zsh: rule ids"; cat "$T/raw" >&2; }
finish
