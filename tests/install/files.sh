#!/bin/sh
# files.sh — `cmake --install build --prefix TMP` installs exactly the
# expected files, the installed binary runs, and the installed rules are the
# source rules (the same set that is embedded).
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
P=$T/prefix
cmake --install "$SL_BINARY_DIR" --prefix "$P" >"$T/install.log" 2>&1 ||
	{ cat "$T/install.log"; bad "cmake --install failed"; finish; exit 1; }
(cd "$P" && find . -type f | sort) >"$T/got"
{
	echo ./bin/synolint
	echo ./share/bash-completion/completions/synolint
	echo ./share/man/man1/synolint.1
	echo ./share/man/man5/synolint.rules.5
	echo ./share/synolint/rules/README.md
	for f in "$SRC"/rules/*.rules; do echo "./share/synolint/rules/$(basename "$f")"; done
	echo ./share/zsh/site-functions/_synolint
} | sort >"$T/want"
if cmp -s "$T/got" "$T/want"; then ok; else bad "installed files differ"; diff "$T/want" "$T/got" >&2; fi
[ -x "$P/bin/synolint" ] && ok || bad "bin/synolint not executable"
expect_exit 0 "installed --version" -- "$P/bin/synolint" --version
expect_grep '^synolint [0-9]' "$T/out" "installed --version"
for f in "$SRC"/rules/*.rules; do
	cmp -s "$f" "$P/share/synolint/rules/$(basename "$f")" && ok ||
		bad "installed $(basename "$f") differs from the source"
done
# The installed rules, loaded as an extra directory, collide with the
# embedded set on every id: proof that they are the same rules.
expect_exit 2 "installed rules duplicate the embedded ids" -- \
	"$P/bin/synolint" rules --rules "$P/share/synolint/rules"
expect_grep 'duplicate' "$T/err" "duplicate-id diagnostics"
n_emb=$("$P/bin/synolint" rules | wc -l)
[ "$n_emb" -gt 10 ] && ok || bad "embedded rule set has $n_emb lines"
finish
