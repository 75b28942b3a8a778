#!/bin/sh
# man.sh — both man pages render without warnings (groff -ww, man -l,
# mandoc -T lint, lexgrog finds NAME), have the usual sections, and the
# options in synolint(1) are exactly those of `synolint --help` and every
# `synolint COMMAND -h`, so the page cannot drift from cli.c.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
M=$SRC/man
for page in synolint.1 synolint.rules.5; do
	f=$M/$page
	if groff -man -ww -z "$f" >"$T/w" 2>&1 && [ ! -s "$T/w" ]; then ok; else
		bad "groff -ww warns on $page"; cat "$T/w" >&2; fi
	if MANWIDTH=80 man -l "$f" >"$T/r" 2>"$T/w" && [ ! -s "$T/w" ]; then ok; else
		bad "man -l warns on $page"; cat "$T/w" >&2; fi
	[ "$(wc -l <"$T/r")" -gt 40 ] && ok || bad "$page renders to less than 40 lines"
	if command -v mandoc >/dev/null; then
		# STYLE-level messages (e.g. the date format) are not errors.
		mandoc -T lint -W warning "$f" >"$T/w" 2>&1 && ok ||
			{ bad "mandoc -T lint warns on $page"; cat "$T/w" >&2; }
	fi
	lexgrog "$f" >"$T/w" 2>&1 && expect_grep ' - ' "$T/w" "lexgrog NAME of $page" ||
		bad "lexgrog cannot parse $page"
done
for s in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES 'SEE ALSO'; do
	grep -q "^\.SH \"*$s\"*\$" "$M/synolint.1" && ok || bad "synolint(1) has no $s section"
done
for s in NAME SYNOPSIS DESCRIPTION FILES EXAMPLES 'SEE ALSO'; do
	grep -q "^\.SH \"*$s\"*\$" "$M/synolint.rules.5" && ok || bad "synolint.rules(5) has no $s section"
done

# Options: from --help and each command's -h (the left column only) ...
"$SL" --help >"$T/help"
cmds=$(awk '/^Commands:/ {f = 1; next} /^$/ {f = 0} f {print $1}' "$T/help")
[ -n "$cmds" ] && ok || bad "no commands in --help"
{
	sed -n '/^Global options:/,/^$/p' "$T/help"
	for c in $cmds; do "$SL" "$c" -h | sed -n '/^Options:/,/^$/p'; done
} | cut -c1-33 | grep -oE -- '--?[A-Za-z][-A-Za-z]*' | sort -u >"$T/opt.help"
# ... and from the rendered man page's option headings (OPTIONS sections).
MANWIDTH=200 man -l "$M/synolint.1" 2>/dev/null | col -b |
	sed -n '/^GLOBAL OPTIONS/,/^EXIT STATUS/p' | grep -E '^ {7}-' |
	grep -oE -- '(^|[ ,])--?[A-Za-z][-A-Za-z]*' | tr -d ' ,' | sort -u >"$T/opt.man"
[ "$(wc -l <"$T/opt.help")" -gt 30 ] && ok || bad "too few options parsed from --help"
if cmp -s "$T/opt.help" "$T/opt.man"; then ok; else
	bad "options of synolint(1) differ from --help (< help, > man)"
	diff "$T/opt.help" "$T/opt.man" >&2
fi
# Commands: each one has its entry in COMMANDS.
for c in $cmds; do
	grep -q "^\.B $(echo "$c" | sed 's/-/\\\\-/g')\$" "$M/synolint.1" && ok ||
		bad "command $c is not in synolint(1)"
done
# synolint.rules(5) lists every predicate of rules/README.md.
for p in $(sed -n '/^| predicate | scopes/,/^$/p' "$SRC/rules/README.md" |
    tail -n +3 | cut -d'|' -f2 | tr -d '` '); do
	grep -q "^\.B $(echo "$p" | sed 's/-/\\\\-/g')\$" "$M/synolint.rules.5" && ok ||
		bad "predicate $p is not in synolint.rules(5)"
done
finish
